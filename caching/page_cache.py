"""Whole-page cache for anonymous readers, shared by every instance through the cache backend.

Correctness rests on one site-wide *generation* token in the shared cache. Every stored page
records the token it was rendered under; anything that can change what a reader sees
(caching.invalidation, driven by model and publishing signals) replaces the token, and every
stored page, in both views, listings, archives, feeds and the sitemap alike, stops matching at
once, on every instance.

Time changes pages too: a story disappears at its expiry time before the scheduler takes it
down. So no page is kept past the next such moment (the *horizon*), worked out once per
generation and shared like the token.

The alert banners are not part of a stored page: it keeps a slot where they go, filled at serve
time with their markup, which is cached under a token of its own (core.banners). A banner
change so costs one render of the banners, not a render of every page. The ETag and
Last-Modified of a page cover both the stored page and the banners it is served with.

A warm hit reads the token, the horizon, the page and the banners in one round trip and touches
neither the session nor the database.

The key is the address as the page reads it. Tracking parameters (utm_*, fbclid, ...) are for
the browser's analytics and are taken off every request; a page declares the query parameters
it reads (``read_only``: Wagtail pages through their ``query_parameters``, other views with
``reads_query_parameters``) and sees only those, so an address with any other parameter shares
the plain address's entry. What each address reads is learned from its first render and kept
under the generation token beside the page. Views that declare nothing keep every other
parameter in the key, as before. A session cookie skips the cache only when it names a live
session (one look-up in the session store, made only when the cookie is there), a messages
cookie only when the site signed it: a made-up one is taken off the request, and the reader is
served, and the page stored, as for a reader with no cookies.
"""

import functools
import hashlib
import math
import time
from datetime import UTC, datetime
from importlib import import_module
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core import signing
from django.core.cache import cache
from django.http import HttpResponse, QueryDict
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.encoding import escape_uri_path
from django.utils.http import http_date

from core import banners, visibility
from core.generation import TOKEN_KEY, generation
from core.text_mode import both_views

HORIZON_KEY = "pagecache:horizon"

# Admin, previews and the Django admin are for staff; search keeps its own results cache, rate
# limit and term counts (news.search), over an unbounded set of addresses; documents check
# privacy on each download.
EXCLUDED_PREFIXES = ("/admin/", "/django-admin/", *both_views("/search/"), "/documents/")
# A reader carrying one of these may see something made for them alone, if it is real.
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name)
# Added to links by analytics, advertising and mailing platforms for scripts in the browser; no
# page reads them (matched without regard to case).
TRACKING_PREFIXES = ("utm_",)
TRACKING_PARAMETERS = frozenset(
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "gclsrc", "msclkid", "mc_cid", "mc_eid",
        "_ga", "_gl", "igshid", "yclid", "twclid", "ttclid", "li_fat_id", "srsltid",
        "_hsenc", "_hsmi", "mkt_tok", "vero_id", "oly_anon_id", "oly_enc_id",
    }
)  # fmt: skip
# What the response to an address reads from its query string, before its first render.
UNKNOWN = object()
# Response headers that may differ between readers of the same address without changing the key.
HARMLESS_VARY = {"cookie", "accept-encoding"}
# Worked out when the page is served, from the stored page and the banners it is served with.
SERVE_TIME_HEADERS = {"x-page-cache", "etag", "last-modified", "content-length"}


def horizon_for(token, stored, now):
    """The horizon for this generation: the shared one if it is still ahead, else worked out."""
    if stored is not None:
        stored_token, horizon = stored
        if stored_token == token and (horizon is None or horizon > now):
            return horizon
    moment = visibility.next_change(datetime.fromtimestamp(now, UTC))
    horizon = moment.timestamp() if moment is not None else None
    cache.set(HORIZON_KEY, (token, horizon), None)
    return horizon


def is_tracking(name):
    name = name.lower()
    return name in TRACKING_PARAMETERS or name.startswith(TRACKING_PREFIXES)


def query_pairs(request):
    """The query string as (name, value) pairs, ordered by name; a name's values keep their
    order, since a page reading one value reads the last."""
    pairs = [(name, value) for name, values in request.GET.lists() for value in values]
    return sorted(pairs, key=lambda pair: pair[0])


def set_query(request, pairs):
    """Give the request this query string, for everything that answers it (the view, and
    anything that echoes the address). The server's own environ, which its access log reads,
    keeps what the reader sent."""
    query = urlencode(pairs)
    if query != request.META.get("QUERY_STRING", ""):
        request.META = {**request.META, "QUERY_STRING": query}
        request.GET = QueryDict(query, encoding=request.encoding)


def read_only(request, names):
    """Declare that what answers ``request`` reads the query parameters ``names`` and no other;
    the others are taken off the request, so the answer cannot depend on them and the page
    cache leaves them out of its key."""
    names = frozenset(names)
    request.page_cache_reads = names
    set_query(request, [(name, value) for name, value in query_pairs(request) if name in names])


def reads_query_parameters(*names):
    """``read_only`` for a view that is not a Wagtail page: ``@reads_query_parameters("p")``."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            read_only(request, names)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def _key(kind, request, query=""):
    address = f"{request.scheme}://{request.get_host()}{escape_uri_path(request.path)}"
    return f"pagecache:{kind}:" + hashlib.sha256(f"{address}{query}".encode()).hexdigest()


def page_key(request):
    """One entry per scheme, host, path and query string as the page reads it (the /text/
    twins stay apart)."""
    query = request.META.get("QUERY_STRING", "")
    return _key("page", request, f"?{query}" if query else "")


def plain_key(request):
    """The entry for the address without its query string."""
    return _key("page", request)


def reads_key(request):
    """Where the query parameters the page at this address reads are kept."""
    return _key("reads", request)


def live_session(session_key):
    """Whether the session store holds a live session with this key: one look-up."""
    if not (session_key.isascii() and session_key.isprintable()) or len(session_key) > 1024:
        return False  # no store makes such keys, and some databases refuse them in a query
    store = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
    return bool(store.load())  # an unknown or expired key loads as an empty session


def signed_messages(value):
    try:
        signing.get_cookie_signer(salt=CookieStorage.key_salt).unsign(value)
    except signing.BadSignature:
        return False
    return True


def reader_is_anonymous(request):
    """Whether nothing on the page can be made for this reader alone.

    Wagtail runs previews and "view draft" through this middleware too, as a request for the
    page's own address marked ``is_preview``. A personal cookie that is not real (a session
    the store does not hold, messages the site did not sign) is taken off the request: the
    page is rendered as for a reader without it, so it can be stored. A cookie-less reader
    costs no session or user lookup.
    """
    if getattr(request, "is_preview", False):
        return False
    messages = request.COOKIES.get(CookieStorage.cookie_name)
    if messages is not None and signed_messages(messages):
        return False
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if session_key is not None and live_session(session_key):
        return False
    if messages is not None or session_key is not None:
        request.COOKIES = {
            name: value for name, value in request.COOKIES.items() if name not in PERSONAL_COOKIES
        }
    return True


def current_reads(stored, token):
    """The parameters the page at an address reads (None: every one), as its last render
    under this generation declared them, or UNKNOWN."""
    if stored is not None and stored[0] == token:
        return stored[1]
    return UNKNOWN


def storable(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    vary = {h.strip().lower() for h in response.get("Vary", "").split(",") if h.strip()}
    return vary <= HARMLESS_VARY


def add_public_headers(response):
    """Browsers revalidate every time (a 304 from a warm cache is cheap, and never stale); a
    CDN, which the site purges from the same signals, may keep the page."""
    directives = {"public": True, "max_age": 0, "must_revalidate": True}
    if settings.WAGTAILFRONTENDCACHE:
        directives["s_maxage"] = settings.FRONTEND_CACHE_SECONDS
    patch_cache_control(response, **directives)
    patch_vary_headers(response, ["Cookie"])


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            not settings.PAGE_CACHE_ENABLED
            or request.method not in ("GET", "HEAD")
            or request.path.startswith(EXCLUDED_PREFIXES)
        ):
            return self.get_response(request)
        if not reader_is_anonymous(request):
            response = self.get_response(request)
            # Made for this reader: no shared cache may keep it.
            patch_cache_control(response, private=True)
            patch_vary_headers(response, ["Cookie"])
            response["X-Page-Cache"] = "bypass"
            return response

        set_query(request, [pair for pair in query_pairs(request) if not is_tracking(pair[0])])
        plain, address_reads = plain_key(request), reads_key(request)
        with_query = bool(request.GET)
        found = cache.get_many([TOKEN_KEY, HORIZON_KEY, plain, address_reads, *banners.KEYS])
        token = found.get(TOKEN_KEY) or generation()
        now = time.time()
        entry = found.get(plain)
        if with_query:
            # Which parameters count is known once the page at this address has been rendered;
            # until then it is rendered, and it takes off what it does not read itself.
            reads = current_reads(found.get(address_reads), token)
            entry = None
            if reads is not UNKNOWN:
                if reads is not None:
                    read_only(request, reads)
                key = page_key(request)
                entry = found.get(key) if key == plain else cache.get(key)
        # (An entry stored before the banners were served apart has no "with_banners".)
        if entry and entry["token"] == token and entry["expires"] > now and "with_banners" in entry:
            return self.from_entry(request, entry, found)

        # The page is rendered with a slot for the banners (core.banners), filled below.
        request.alert_banner_slot = True
        response = self.get_response(request)
        with_banners = not response.streaming and banners.has_slot(response.content)
        if request.method != "GET" or not storable(response):
            if with_banners:
                response.content = banners.fill(response.content, banners.markup(found))
                if response.has_header("Content-Length"):
                    response["Content-Length"] = str(len(response.content))
            if "Cache-Control" not in response:
                patch_cache_control(response, no_cache=True)
            response["X-Page-Cache"] = "miss"
            return response
        expires = now + settings.PAGE_CACHE_SECONDS
        horizon = horizon_for(token, found.get(HORIZON_KEY), now)
        if horizon is not None:
            expires = min(expires, horizon)
        add_public_headers(response)
        timeout = math.floor(expires - now)
        entry = {
            "token": token,
            "expires": expires,
            "status": response.status_code,
            "headers": [
                (name, value)
                for name, value in response.items()
                if name.lower() not in SERVE_TIME_HEADERS
            ],
            "content": response.content,
            # A fingerprint of the page, not a security measure.
            "fingerprint": hashlib.md5(response.content, usedforsecurity=False).hexdigest(),
            "with_banners": with_banners,
            "last_modified": math.floor(now),
        }
        if timeout >= 1:
            # Under the address as the page read it; undeclared views read every parameter.
            reads = getattr(request, "page_cache_reads", None)
            cache.set_many({page_key(request): entry, address_reads: (token, reads)}, timeout)
        response.content, etag, last_modified = self.with_banners(entry, found)
        return self.finish(request, response, etag, last_modified, "miss")

    def from_entry(self, request, entry, found):
        content, etag, last_modified = self.with_banners(entry, found)
        response = HttpResponse(content, status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        return self.finish(request, response, etag, last_modified, "hit")

    def with_banners(self, entry, found):
        """The stored page with the banners readers see now in their slot, and the validators
        of the two together."""
        content, etag, last_modified = (
            entry["content"],
            entry["fingerprint"],
            entry["last_modified"],
        )
        if entry["with_banners"]:
            markup = banners.markup(found)
            content = banners.fill(content, markup)
            etag = hashlib.md5(  # a fingerprint, not a security measure
                f"{etag}:{markup['fingerprint']}".encode(), usedforsecurity=False
            ).hexdigest()
            last_modified = max(last_modified, markup["built"])
        return content, etag, last_modified

    def finish(self, request, response, etag, last_modified, outcome):
        response["ETag"] = f'"{etag}"'
        response["Last-Modified"] = http_date(last_modified)
        response["Content-Length"] = str(len(response.content))
        response["X-Page-Cache"] = outcome
        return get_conditional_response(
            request, etag=response["ETag"], last_modified=last_modified, response=response
        )
