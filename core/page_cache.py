"""Whole-page cache for anonymous readers, shared by every instance through the cache backend.

Correctness rests on one site-wide *generation* token in the shared cache. Every stored page
records the token it was rendered under; anything that can change what a reader sees
(core.invalidation, driven by model and publishing signals) replaces the token, and every
stored page, in both views, listings, archives, feeds and the sitemap alike, stops matching at
once, on every instance.

Time changes pages too: a story disappears at its expiry time before the scheduler takes it
down, and banners come and go inside their windows. So no page is kept past the next such
moment (the *horizon*), worked out once per generation and shared like the token.

A warm hit reads the token, the horizon and the page in one round trip and touches neither the
session nor the database.
"""

import hashlib
import math
import time
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache
from django.db.models import Min, Q
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from wagtail.models import Page, Revision

from .generation import TOKEN_KEY, generation
from .models import AlertBanner

HORIZON_KEY = "pagecache:horizon"

# Admin, previews and the Django admin are for staff; search counts every query it is asked
# (editors' promotions use the counts) and has an unbounded set of addresses; documents check
# privacy on each download.
EXCLUDED_PREFIXES = ("/admin/", "/django-admin/", "/search/", "/text/search/", "/documents/")
# A reader carrying one of these may see something made for them alone.
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")
# Response headers that may differ between readers of the same address without changing the key.
HARMLESS_VARY = {"cookie", "accept-encoding"}


def next_change(now):
    """The next moment a page may change by the clock alone, or None.

    Expiry hides a story at once; a go-live time is when the scheduler will publish (which
    bumps the generation too, but capping here keeps a lagging scheduler's pages honest);
    banners appear and disappear at the edges of their windows.
    """
    moments = [
        Page.objects.filter(live=True, expire_at__gt=now).aggregate(t=Min("expire_at"))["t"],
        Revision.page_revisions.filter(approved_go_live_at__gt=now).aggregate(
            t=Min("approved_go_live_at")
        )["t"],
        *AlertBanner.objects.filter(is_active=True)
        .aggregate(
            starts=Min("starts_at", filter=Q(starts_at__gt=now)),
            ends=Min("ends_at", filter=Q(ends_at__gt=now)),
        )
        .values(),
    ]
    moments = [moment.timestamp() for moment in moments if moment is not None]
    return min(moments, default=None)


def horizon_for(token, stored, now):
    """The horizon for this generation: the shared one if it is still ahead, else worked out."""
    if stored is not None:
        stored_token, horizon = stored
        if stored_token == token and (horizon is None or horizon > now):
            return horizon
    horizon = next_change(datetime.fromtimestamp(now, UTC))
    cache.set(HORIZON_KEY, (token, horizon), None)
    return horizon


def page_key(request):
    """One entry per scheme, host, path and query string: the /text/ twins stay apart."""
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return "pagecache:page:" + hashlib.sha256(address.encode()).hexdigest()


def reader_is_anonymous(request):
    """Decided from cookies alone, so a hit costs no session or user lookup.

    Wagtail runs previews and "view draft" through this middleware too, as a request for the
    page's own address marked ``is_preview``.
    """
    if getattr(request, "is_preview", False):
        return False
    return not any(name in request.COOKIES for name in PERSONAL_COOKIES)


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

        key = page_key(request)
        found = cache.get_many([TOKEN_KEY, HORIZON_KEY, key])
        token = found.get(TOKEN_KEY) or generation()
        now = time.time()
        entry = found.get(key)
        if entry and entry["token"] == token and entry["expires"] > now:
            return self.from_entry(request, entry)

        response = self.get_response(request)
        if request.method != "GET" or not storable(response):
            if "Cache-Control" not in response:
                patch_cache_control(response, no_cache=True)
            response["X-Page-Cache"] = "miss"
            return response
        expires = now + settings.PAGE_CACHE_SECONDS
        horizon = horizon_for(token, found.get(HORIZON_KEY), now)
        if horizon is not None:
            expires = min(expires, horizon)
        # A fingerprint of the page, not a security measure.
        fingerprint = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
        response["ETag"] = f'"{fingerprint}"'
        response["Last-Modified"] = http_date(now)
        add_public_headers(response)
        timeout = math.floor(expires - now)
        if timeout >= 1:
            entry = {
                "token": token,
                "expires": expires,
                "status": response.status_code,
                "headers": [
                    (name, value)
                    for name, value in response.items()
                    if name.lower() != "x-page-cache"
                ],
                "content": response.content,
                "last_modified": math.floor(now),
            }
            cache.set(key, entry, timeout)
        response["X-Page-Cache"] = "miss"
        return get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=math.floor(now),
            response=response,
        )

    def from_entry(self, request, entry):
        response = HttpResponse(entry["content"], status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        response["X-Page-Cache"] = "hit"
        last_modified = entry.get("last_modified")
        return get_conditional_response(
            request, etag=response["ETag"], last_modified=last_modified, response=response
        )
