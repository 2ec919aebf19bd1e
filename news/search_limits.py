"""What keeps search from taking the site down: a per-address rate limit, a site-wide limit on
searches running at once, and a time limit on the database work of one search.

A search that is not in the result cache (news.search) costs the database real work, and a
sync worker waits for it; a flood of them leaves no worker for readers of cached pages. So:

- each client address may search ``SEARCH_RATE_LIMIT`` times per ``SEARCH_RATE_WINDOW_SECONDS``,
  counted in the shared cache so the count holds across workers and instances. The refusal is
  made by SearchRateLimitMiddleware, near the top of the middleware stack: a flood of refused
  searches then costs about what a flood of cached pages does, and readers of those pages keep
  their share of the workers. The address is
  the one sign-in throttling uses (security.headers.client_address): behind TRUSTED_PROXY_COUNT
  proxies, the one the nearest trusted proxy saw; gunicorn itself leaves REMOTE_ADDR as the
  socket's peer whatever ``forwarded_allow_ips`` says.
- at most ``SEARCH_CONCURRENCY`` searches run the database at once, site-wide; another is
  told at once that search is busy, so the other workers stay free for readers (with the cache
  unreachable, slots cannot be counted and searches run unlimited);
- the queries of one search are stopped after ``SEARCH_TIMEOUT_MS``: PostgreSQL's
  ``statement_timeout``, set for the search's own transaction only; SQLite's progress handler,
  which interrupts a statement once the deadline has passed.
"""

import hashlib
import logging
import math
import time
from contextlib import contextmanager, nullcontext

from django.conf import settings
from django.core.cache import cache
from django.db import OperationalError, connection, transaction
from django.http import HttpResponse
from django.template import loader
from django.urls import reverse

from caching.backends import unreachable
from core.text_mode import is_text_only, is_text_path, text_only_mode, text_path
from security.headers import client_address

logger = logging.getLogger(__name__)

POSTGRES_QUERY_CANCELED = "57014"
# SQLite calls the handler every this many virtual-machine instructions: often enough to stop
# within a millisecond or so of the deadline, rarely enough to cost nothing measurable.
SQLITE_CHECK_EVERY = 1000


class SearchTookTooLong(Exception):
    """The database was stopped before it finished a search."""


class SearchBusy(Exception):
    """As many searches as may run at once are running."""


@contextmanager
def search_slot():
    """Run inside one of the SEARCH_CONCURRENCY slots, site-wide, or raise SearchBusy.

    Each slot is a key in the shared cache, taken with an atomic add; it expires by itself
    shortly after the time limit, so a worker killed mid-search cannot keep its slot. Sync
    workers wait for their search: without this, a flood of distinct searches holds every
    worker, and readers of cached pages wait behind them."""
    count = settings.SEARCH_CONCURRENCY
    if count <= 0:
        yield
        return
    lifetime = math.ceil(settings.SEARCH_TIMEOUT_MS / 1000) + 5
    for slot in range(count):
        key = f"search:running:{slot}"
        if cache.add(key, True, lifetime):
            try:
                yield
            finally:
                cache.delete(key)
            return
        if unreachable(cache):
            # With the cache down no slot can be counted: search as before the limit existed
            # rather than refuse every reader; the time limit still bounds this search.
            yield
            return
    raise SearchBusy


def seconds_until_allowed(request):
    """None while this client may search; else how many seconds until it may again.

    A fixed window: every address's count starts afresh at the same moments. With the cache
    unreachable nobody is limited (the time limit still bounds each search).
    """
    limit, window = settings.SEARCH_RATE_LIMIT, settings.SEARCH_RATE_WINDOW_SECONDS
    if limit <= 0:
        return None
    now = time.time()
    slot = int(now // window)
    address = hashlib.sha1(str(client_address(request)).encode(), usedforsecurity=False).hexdigest()
    key = f"search:rate:{address}:{slot}"
    try:
        count = cache.incr(key)
    except ValueError:  # the window's first search (or the cache is unreachable)
        cache.add(key, 0, window + 1)
        try:
            count = cache.incr(key)
        except ValueError:
            return None
    if count <= limit:
        return None
    if count == limit + 1:  # once per address and window, not once per refused request
        logger.warning("Searches paused for an address until its minute is over (%s).", address)
    return max(1, math.ceil((slot + 1) * window - now))


class SearchRateLimitMiddleware:
    """Refuse a search over the address's limit before sessions, CSRF, the page cache or the
    URL resolver see it.

    Placed below the security middleware, so the refusal still carries the site's headers."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.search_paths = None

    def __call__(self, request):
        if self.search_paths is None:
            graphic = reverse("search")
            self.search_paths = {graphic, text_path(graphic)}
        if request.path in self.search_paths and request.GET.get("q", "").strip():
            wait = seconds_until_allowed(request)
            if wait is not None:
                request.search_refused = True
                return too_many_searches(request, wait)
        return self.get_response(request)


def too_many_searches(request, wait):
    """429 in the reader's view, from a template that reads neither database nor cache: a
    refusal must cost less than the search it refuses."""
    with text_only_mode() if is_text_path(request.path) else nullcontext():
        html = loader.get_template("errors/search_limited.html").render(
            {
                "wait": wait,
                "minutes": -(-wait // 60),
                "text_only": is_text_only(),
                "site_name": settings.WAGTAIL_SITE_NAME,
            }
        )
    response = HttpResponse(html, status=429)
    response["Retry-After"] = str(wait)
    return response


def refusals_not_logged(record):
    """Logging filter: Django logs every 4xx; refused searches come in floods, and one line per
    address and minute (above) says all they have to say."""
    return not getattr(getattr(record, "request", None), "search_refused", False)


@contextmanager
def time_limit(milliseconds=None):
    """Stop the database work inside after ``milliseconds`` (SEARCH_TIMEOUT_MS), raising
    SearchTookTooLong. 0 means no limit."""
    milliseconds = settings.SEARCH_TIMEOUT_MS if milliseconds is None else milliseconds
    if milliseconds <= 0:
        yield
        return
    limit = _postgresql_limit if connection.vendor == "postgresql" else _sqlite_limit
    with limit(milliseconds):
        yield


@contextmanager
def _postgresql_limit(milliseconds):
    # SET LOCAL lasts until the transaction ends; inside a transaction already open (a test,
    # ATOMIC_REQUESTS) that would outlast the search, so the previous value is put back.
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_setting('statement_timeout'), "
                "set_config('statement_timeout', %s, true)",
                [f"{int(milliseconds)}ms"],
            )
            previous = cursor.fetchone()[0]
        try:
            yield
        except OperationalError as error:
            cause = error.__cause__
            code = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
            if code == POSTGRES_QUERY_CANCELED:
                raise SearchTookTooLong from error
            raise
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('statement_timeout', %s, true)", [previous])


@contextmanager
def _sqlite_limit(milliseconds):
    connection.ensure_connection()
    raw = connection.connection
    deadline = time.monotonic() + milliseconds / 1000
    # A true value returned by the handler makes SQLite abandon the statement ("interrupted").
    raw.set_progress_handler(lambda: time.monotonic() > deadline, SQLITE_CHECK_EVERY)
    try:
        yield
    except OperationalError as error:
        if "interrupted" in str(error):
            raise SearchTookTooLong from error
        raise
    finally:
        raw.set_progress_handler(None, 0)
