"""Generation tokens: values in the shared cache that stored entries are kept under. Replacing
one (caching.invalidation) makes every entry kept under it stale at once, on every instance.

The site-wide token covers every stored page (caching.page_cache) and cached fragment
(core.fragments), for anything a reader would see change. The banners have a token of their own
(core.banners): pages are stored without them, so a banner change leaves the pages alone.
"""

import uuid

from django.core.cache import cache

TOKEN_KEY = "pagecache:generation"  # noqa: S105 - a cache key, not a secret
BANNERS_TOKEN_KEY = "banners:generation"  # noqa: S105 - a cache key, not a secret


def generation(key=TOKEN_KEY):
    """The current token, created when the shared cache has none (first start, eviction)."""
    token = cache.get(key)
    if token is None:
        cache.add(key, uuid.uuid4().hex, None)
        token = cache.get(key)
    return token


def bump_generation(key=TOKEN_KEY):
    """Make every entry kept under this token stale, on every instance."""
    cache.set(key, uuid.uuid4().hex, None)
