"""The parts of pages that rarely change, kept in the cache between requests:

- per site, the site settings (header and footer) and the main navigation, kept as data, not
  HTML: the same navigation serves both views and every page, which mark the current page
  themselves;
- the markup of responsive images, under a key that changes when the image does;
- story lists inside a page (related stories) and listing counts.

(The alert banners are kept apart, under a token of their own: core.banners.)

Settings, navigation, story lists and the site each host belongs to (core.routing) are
stored with the site-wide generation token (core.generation) they were built under, as whole
pages are, so the one set of signals that makes stored pages stale (caching.invalidation) makes
these stale too, at the same moment and again after the transaction commits. With more than one
server process the cache must be shared (``REDIS_URL``), or a change reaches the other
processes only when they restart.
"""

import hashlib

from django.core.cache import cache
from django.utils import timezone

from .generation import TOKEN_KEY, generation

SETTINGS, NAVIGATION = "settings", "navigation"
# Entries of an old generation are never read again; this bounds how long they take room.
TIMEOUT = 24 * 60 * 60

_MISSING = object()


def _current(key):
    """The value stored at ``key`` if it was stored under the current generation, and the
    current token: one round trip to the cache, as for a stored page."""
    found = cache.get_many([TOKEN_KEY, key])
    token = found.get(TOKEN_KEY) or generation()
    entry = found.get(key)
    if entry is not None and entry[0] == token:
        return entry[1], token
    return _MISSING, token


def cached(name, site_id, build):
    """The cached value of fragment ``name`` for a site, built and stored if missing."""
    key = f"fragment:{name}:{site_id}"
    value, token = _current(key)
    if value is _MISSING:
        value = build()
        # Under the token read before building: a change meanwhile makes this entry stale.
        cache.set(key, (token, value), TIMEOUT)
    return value


def picture_html(image, specs, attrs, render):
    """The <picture> markup for an image at some renditions, rendered once.

    Finding a dozen renditions and writing their markup is most of the cost of a teaser. The
    key covers everything the markup depends on (the file, its size and focal point, the
    renditions asked for, the attributes), so an edited image gets new markup, with no
    receiver needed.
    """
    fingerprint = "|".join(
        str(part)
        for part in (
            image.pk,
            image.file.name,
            image.width,
            image.height,
            image.focal_point_x,
            image.focal_point_y,
            image.focal_point_width,
            image.focal_point_height,
            *specs,
            *sorted(attrs.items()),
        )
    )
    key = (
        "fragment:picture:" + hashlib.sha1(fingerprint.encode(), usedforsecurity=False).hexdigest()
    )
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, TIMEOUT)
    return html


def cached_listing(key, build, timeout=TIMEOUT):
    """Markup that lists stories, kept until anything a reader sees changes, or the first story
    in it expires.

    ``build()`` returns ``(value, valid_until)``; ``valid_until`` is the earliest expiry time of
    the stories shown, or None. A story past its expiry time is gone from readers' view at once,
    with or without the scheduler, so the markup is not served past that time.
    """
    full_key = f"fragment:listing:{key}"
    entry, token = _current(full_key)
    if entry is not _MISSING and (entry[1] is None or timezone.now() < entry[1]):
        return entry[0]
    html, valid_until = build()
    cache.set(full_key, (token, (html, valid_until)), timeout)
    return html
