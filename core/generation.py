"""The site-wide generation token: one value in the shared cache that every stored page
(core.page_cache) and every cached fragment (core.fragments) is kept under. Replacing it
(core.invalidation, on anything a reader would see change) makes all of them stale at once, on
every instance."""

import uuid

from django.core.cache import cache

TOKEN_KEY = "pagecache:generation"  # noqa: S105 - a cache key, not a secret


def generation():
    """The current token, created when the shared cache has none (first start, eviction)."""
    token = cache.get(TOKEN_KEY)
    if token is None:
        cache.add(TOKEN_KEY, uuid.uuid4().hex, None)
        token = cache.get(TOKEN_KEY)
    return token


def bump_generation():
    """Make every stored page and fragment stale, on every instance."""
    cache.set(TOKEN_KEY, uuid.uuid4().hex, None)
