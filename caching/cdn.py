"""What the CDN must drop when something changes, and getting it there without an editor waiting.

A change names what it affects: a page's own addresses and the listings, feeds and sitemap
that show it (``page_addresses``), or the whole site (``EVERYTHING``) when it shows on every
page (banner, site settings, a category, an author). The number of addresses per change does
not grow with the number of stories.

``record`` writes them as PendingPurge rows when the transaction commits. The scheduler
(editorial.scheduling.run_due, every few seconds) sends them with ``send_pending``: several
changes' addresses in one batch, each address once, the whole site in one call where the
backend has one. When the CDN reports an error the rows stay and are tried again later, until
the CDN's own copy has aged out (FRONTEND_CACHE_SECONDS) and no purge is needed.
"""

import hashlib
import logging
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from wagtail.contrib.frontend_cache.backends import CloudflareBackend, CloudfrontBackend
from wagtail.contrib.frontend_cache.utils import get_backends
from wagtail.models import Page

import requests

from core import public_url
from core.models import PendingPurge
from core.text_mode import text_path

logger = logging.getLogger(__name__)

# The whole site: one call on backends that can (Cloudflare, CloudFront), a bounded list on
# those that cannot (site_wide_addresses).
EVERYTHING = "*"
# Addresses sent per scheduler pass; the rest wait for the next one.
BATCH_SIZE = 2000
# Longest wait between tries while the CDN keeps failing.
MAX_RETRY_SECONDS = 15 * 60


@dataclass
class Paths:
    """Local paths where a page shows: ``pages`` exist in both views, ``files`` (feeds) once."""

    pages: list = field(default_factory=list)
    files: list = field(default_factory=list)


def enabled():
    return bool(settings.WAGTAILFRONTENDCACHE)


def page_addresses(page):
    """Where readers see ``page`` as it is now: its own address and, for a page that says where
    else it shows (``cdn_paths()``, a story's listings and feeds), those, in both views, with
    the sitemap. A page with children or without ``cdn_paths`` shows around the whole site
    (navigation, breadcrumbs, every story under it): EVERYTHING."""
    shown_at = getattr(page, "cdn_paths", None)
    if shown_at is None or not page.is_leaf():
        return EVERYTHING
    own = page.get_full_url()
    if own is None:
        return set()  # outside every site: readers cannot reach it
    paths = shown_at()
    return {
        *_both_views([urlsplit(own).path, *paths.pages]),
        *_addresses(paths.files),
        *_addresses(every_page_listing_paths()),
    }


def site_wide_addresses():
    """The whole site for a backend that cannot drop everything at once: every page that has
    pages under it (home, the news index) with its archives, their feeds and the sitemap, in
    both views. Bounded by the number of sections and archives, not of stories: stories keep
    their CDN copy until it ages out (FRONTEND_CACHE_SECONDS)."""
    paths = Paths(files=every_page_listing_paths())
    branches = Page.objects.live().public().filter(Q(numchild__gt=0) | Q(depth=2)).specific()
    for page in branches:
        for entry in page.get_sitemap_urls():
            if entry["location"]:
                paths.pages.append(urlsplit(entry["location"]).path)
        shown_at = getattr(page, "cdn_paths", None)
        if shown_at is not None:
            more = shown_at()
            paths.pages += more.pages
            paths.files += more.files
    return {*_both_views(paths.pages), *_addresses(paths.files)}


# Files that list every page (the sitemap), dropped with any page's change. The app serving
# one names it from its ready(), so this module knows no app above it.
_every_page_listings = []


def lists_every_page(paths):
    """Register ``paths()``: the local paths of files that list every page."""
    _every_page_listings.append(paths)


def every_page_listing_paths():
    return [path for paths in _every_page_listings for path in paths()]


def _addresses(paths):
    base = public_url.base_url()
    return {f"{base}{path}" for path in paths}


def _both_views(paths):
    return _addresses(paths) | _addresses(text_path(path) for path in paths)


def record(addresses):
    """Have the scheduler purge ``addresses`` (a set, or EVERYTHING) once this transaction
    commits; nothing when no CDN is configured or the transaction rolls back."""
    if not enabled() or not addresses:
        return
    addresses = {EVERYTHING} if addresses == EVERYTHING else set(addresses)
    # robust: a failure to write the purge is logged and must not turn a publish into an error.
    transaction.on_commit(lambda: _write(addresses), robust=True)


def _write(addresses):
    now = timezone.now()
    token = uuid.uuid4()
    rows = [
        PendingPurge(
            address=address,
            digest=digest(address),
            token=token,
            recorded_at=now,
            not_before=now,
        )
        for address in addresses
    ]
    # An address already waiting is waiting for this change too: it takes the new token, and is
    # due now even if a failed try had put it off.
    PendingPurge.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["digest"],
        update_fields=["token", "recorded_at", "not_before"],
    )


def digest(address):
    return hashlib.sha256(address.encode()).hexdigest()


def send_pending(backends=None):
    """Send what is due to the CDN. Returns how many addresses went out (the whole site counts
    as one); rows whose purge failed are tried again on a later pass."""
    now = timezone.now()
    # A copy cached before such a change has aged out by now: nothing left to purge.
    PendingPurge.objects.filter(
        recorded_at__lt=now - timedelta(seconds=settings.FRONTEND_CACHE_SECONDS)
    ).delete()
    due = PendingPurge.objects.filter(not_before__lte=now).order_by("recorded_at", "pk")
    everything = due.filter(digest=digest(EVERYTHING)).exists()
    # With the whole site, every address waiting goes in its one call.
    due = list(due if everything else due[:BATCH_SIZE])
    if not due:
        return 0
    addresses = {row.address for row in due} - {EVERYTHING}
    if backends is None:
        backends = get_backends()
    errors = [
        error
        for backend in backends.values()
        for error in _purge(backend, addresses, everything=everything)
    ]
    if errors:
        attempts = max(row.attempts for row in due) + 1
        wait = min(settings.SCHEDULER_INTERVAL_SECONDS * 2**attempts, MAX_RETRY_SECONDS)
        PendingPurge.objects.filter(pk__in=[row.pk for row in due]).update(
            attempts=F("attempts") + 1, not_before=now + timedelta(seconds=wait)
        )
        logger.error(
            "Could not purge %s address(es) from the CDN, trying again in %s s: %s",
            len(due),
            wait,
            "; ".join(errors[:5]),
        )
        return 0
    # Rows a newer change recorded meanwhile (a new token) stay for the next pass.
    sent = Q(pk__in=[])
    for token in {row.token for row in due}:
        sent |= Q(token=token, pk__in=[row.pk for row in due if row.token == token])
    PendingPurge.objects.filter(sent).delete()
    return 1 if everything else len(addresses)


def _purge(backend, addresses, everything=False):
    """Send ``addresses``, or the whole site, to one backend; returns the errors it reported.
    A backend that cannot drop the whole site gets site_wide_addresses() and ``addresses``.

    Wagtail's backends log a failed purge on the "wagtail.frontendcache" logger instead of
    raising, so the records logged meanwhile are the errors (tests/test_cdn_purge.py checks
    that a CDN error is still noticed). Exceptions they let through count too.
    """
    errors = _ErrorRecords()
    wagtail_logger = logging.getLogger("wagtail.frontendcache")
    wagtail_logger.addHandler(errors)
    try:
        if not everything:
            _purge_batch(backend, addresses)
        elif isinstance(backend, CloudflareBackend):
            _purge_everything_on_cloudflare(backend)
        elif isinstance(backend, CloudfrontBackend):
            # CloudFront invalidates a path with a wildcard: "/*" is every path, one request.
            _purge_batch(backend, [f"{public_url.base_url()}/*"])
        else:
            _purge_batch(backend, site_wide_addresses() | addresses)
    except Exception as error:
        errors.messages.append(repr(error))
    finally:
        wagtail_logger.removeHandler(errors)
    return errors.messages


def _purge_batch(backend, addresses):
    by_host = {}
    for address in sorted(addresses):
        by_host.setdefault(urlsplit(address).hostname, []).append(address)
    for host, urls in by_host.items():
        if backend.invalidates_hostname(host):
            backend.purge_batch(urls)


def _purge_everything_on_cloudflare(backend):
    """Cloudflare's "purge everything" for the zone; Wagtail's backend purges files only. Its
    endpoint and credentials are the ones Wagtail's backend was configured with."""
    if backend.cloudflare_token:
        headers = {"Authorization": f"Bearer {backend.cloudflare_token}"}
    else:
        headers = {
            "X-Auth-Email": backend.cloudflare_email,
            "X-Auth-Key": backend.cloudflare_api_key,
        }
    response = requests.post(
        backend.cloudflare_purge_endpoint_url,
        json={"purge_everything": True},
        headers=headers,
        timeout=30,
    )
    try:
        success = response.json().get("success")
    except ValueError:
        success = False
    if response.status_code != 200 or not success:
        raise RuntimeError(f"Cloudflare answered {response.status_code}: {response.text[:200]}")


class _ErrorRecords(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())
