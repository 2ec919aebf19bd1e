"""What readers search for, counted for editors without letting readers fill the database.

Editors read these counts in the admin (Reports > Search terms, and the popular terms offered
when adding a search promotion), to see which terms deserve a promotion. They need the terms
that many readers search for; a term one reader typed once tells them nothing. So:

- every search is tallied in the shared cache, per term and day, and written to Wagtail's
  tables (Query, QueryDailyHits) in batches of ``HIT_BATCH``: the 5th, 10th, 15th… search for a
  term in a day adds 5 to its count. A term searched fewer than 5 times in a day is not
  recorded, and a popular term costs one database write per 5 searches, not one per search;
- at most ``SEARCH_NEW_TERMS_PER_DAY`` terms not seen before are recorded each day; after
  that, only terms already recorded are counted, so no flood of made-up words grows the tables;
- counts older than ``WAGTAILSEARCH_HITS_MAX_AGE`` days are deleted, and then every term with no
  counts left and no promotion (Wagtail's own garbage collection), once a day by the scheduler.
"""

import datetime as dt
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.search.utils import normalise_query_string

HIT_BATCH = 5
TALLY_SECONDS = 2 * 24 * 60 * 60  # a day's tallies outlive the day, whatever the time zone


def count_search(query):
    """Tally one search for ``query``; every ``HIT_BATCH``-th of the day is written."""
    term = normalise_query_string(query)
    if not term:
        return
    day = timezone.now().date()  # the date Wagtail's own Query.add_hit uses
    digest = hashlib.sha1(term.encode(), usedforsecurity=False).hexdigest()
    tally = _increment(f"searchterms:tally:{day.isoformat()}:{digest}")
    if tally and tally % HIT_BATCH == 0:
        record(term, day, HIT_BATCH)


def record(term, day, hits):
    """Add ``hits`` to the count of ``term`` on ``day``, recording the term if there is room."""
    query = Query.objects.filter(query_string=term).first()
    if query is None:
        if not _room_for_a_new_term(day):
            return
        query, _ = Query.objects.get_or_create(query_string=term)
    if QueryDailyHits.objects.filter(query=query, date=day).update(hits=F("hits") + hits):
        return
    try:
        with transaction.atomic():
            QueryDailyHits.objects.create(query=query, date=day, hits=hits)
    except IntegrityError:  # another worker created the day's row meanwhile
        QueryDailyHits.objects.filter(query=query, date=day).update(hits=F("hits") + hits)


def _room_for_a_new_term(day):
    added = _increment(f"searchterms:new:{day.isoformat()}")
    return added is not None and added <= settings.SEARCH_NEW_TERMS_PER_DAY


def _increment(key):
    """The key's count after adding one, or None when the cache cannot be reached."""
    try:
        return cache.incr(key)
    except ValueError:
        cache.add(key, 0, TALLY_SECONDS)
        try:
            return cache.incr(key)
        except ValueError:
            return None


def prune(today=None):
    """Delete counts older than WAGTAILSEARCH_HITS_MAX_AGE days, then the terms left with no
    counts and no promotion. Returns how many rows went."""
    today = today or timezone.now().date()
    oldest = today - dt.timedelta(days=settings.WAGTAILSEARCH_HITS_MAX_AGE)
    hits, _ = QueryDailyHits.objects.filter(date__lt=oldest).delete()
    terms, _ = Query.objects.filter(daily_hits__isnull=True, editors_picks__isnull=True).delete()
    return hits + terms


def prune_once_a_day():
    """prune(), the first time it is asked on each day (for the scheduler's frequent passes)."""
    today = timezone.now().date()
    if cache.add(f"searchterms:pruned:{today.isoformat()}", True, TALLY_SECONDS):
        return prune(today)
    return 0
