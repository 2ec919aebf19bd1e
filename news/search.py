"""Site search: the newest stories matching the words, best match first, filtered by category
and date.

Search must not take the site down (news.search_limits, news.search_terms):

- each page of results is kept in the cache, under the site-wide generation token (as stored
  pages are), so a publish, an unpublish or a new promotion makes it stale at once; a story's
  expiry time ends it too. The key is the query as Wagtail normalises it for promotions (case
  and runs of spaces do not matter; word order does, as promotions are for the words in their
  order), the filters, the page number, the view and the host. A cached page of results costs
  no SQL query at all;
- a client searching faster than a person could gets a 429 page saying when to try again,
  before the request goes further than the security middleware;
- at most SEARCH_CONCURRENCY searches run at once, site-wide; a reader who comes when they
  all are is asked to try again in a few seconds, and the other workers stay free;
- a search the database cannot finish within SEARCH_TIMEOUT_MS is stopped and the reader told;
  that outcome is kept for a minute too, so repeating the search does not repeat the work.
"""

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django import forms
from django.conf import settings
from django.db import connection
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import Http404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from caching.invalidation import invalidate
from core import fragments, visibility
from core.text_mode import view_name

from .models import Category, NewsArticlePage
from .search_limits import (
    SearchBusy,
    SearchTookTooLong,
    search_slot,
    time_limit,
)
from .search_terms import count_search

WORD = re.compile(r"\w+")
MAX_QUERY_LENGTH = 200
MAX_RANKED = 100  # the newest matches ranked: ten pages of results
RESULTS_PER_PAGE = 10
# A search the database had to stop is not tried again for this long.
TIMED_OUT_SECONDS = 60
# When every search slot is taken, readers are asked to try again after this long.
BUSY_SECONDS = 5


def categories():
    """(slug, name, id) of every category, from the cache: a cached search reads no table."""
    return fragments.cached(
        "search-categories", 0, lambda: list(Category.objects.values_list("slug", "name", "pk"))
    )


class SearchForm(forms.Form):
    q = forms.CharField(label="Search for", required=False, strip=True)
    category = forms.ChoiceField(label="Category", required=False)
    date_from = forms.DateField(
        label="Posted from", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label="Posted until", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", "All categories")] + [
            (slug, name) for slug, name, _pk in categories()
        ]

    def clean_category(self):
        """The chosen category's id, or None."""
        slug = self.cleaned_data["category"]
        return next((pk for known, _name, pk in categories() if known == slug), None)

    def clean_q(self):
        return self.cleaned_data["q"][:MAX_QUERY_LENGTH]  # a longer query only costs time

    def forget_invalid_dates(self):
        """A date field shows no value rather than the text it could not read: a date input
        cannot hold it. The error message still says what was wrong."""
        self.data = self.data.copy()
        for name in ("date_from", "date_to"):
            if name in self.errors and name in self.data:
                self.data[name] = ""

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The end date must be on or after the start date.")
        return cleaned


def search_terms(query):
    """The words of a query, and nothing a search engine's own syntax could trip over
    (SQLite's full-text search reads quotes, brackets and upper-case AND/OR/NOT/NEAR)."""
    return " ".join(WORD.findall(query)).lower()


def ranked_story_ids(query, category=None, date_from=None, date_to=None):
    """Ids of the newest readable stories matching ``query`` (in the category of that id, in
    those dates), best match first, and whether more stories matched than were ranked.

    Only the newest ``MAX_RANKED`` matches are ranked: ranking every match of a common word
    costs time in proportion to the whole archive, and a reader looking for an older story
    narrows the dates. Only ids are read here: the stories themselves are loaded for the one
    page of results shown (``stories_in_order``).
    """
    terms = search_terms(query)
    if not terms:
        return [], False
    stories = NewsArticlePage.objects.live()
    if category:
        stories = stories.filter(category_id=category)
    # The calendar's first and last days bound nothing, and a day past the last cannot exist.
    if date_from and date_from > date.min:
        stories = stories.filter(posted_at_sort__gte=start_of_day(date_from))
    if date_to and date_to < date.max:
        stories = stories.filter(posted_at_sort__lt=start_of_day(date_to + timedelta(days=1)))
    if connection.vendor == "postgresql":
        newest_matches, best_first = _newest_matches_postgresql, _best_first_postgresql
    else:
        newest_matches, best_first = _newest_matches_wagtail, _best_first_wagtail
    newest = newest_matches(stories, terms, MAX_RANKED + 1)
    ranked_ids = best_first(newest[:MAX_RANKED], terms)
    shown = set(
        NewsArticlePage.objects.visible().filter(pk__in=ranked_ids).values_list("pk", flat=True)
    )
    return [pk for pk in ranked_ids if pk in shown], len(newest) > MAX_RANKED


def start_of_day(day):
    return timezone.make_aware(datetime.combine(day, time.min))


# On PostgreSQL each story row carries a copy of its search document (migration news.0006),
# beside the posted date: the newest matches come off one index however long the archive.
def _newest_matches_postgresql(stories, terms, limit):
    matching = RawSQL(
        "news_newsarticlepage.search_document @@ plainto_tsquery(%s)",
        (terms,),
        output_field=BooleanField(),
    )
    return list(stories.filter(matching).newest_first().values_list("pk", flat=True)[:limit])


def _best_first_postgresql(ids, terms):
    rank = RawSQL("ts_rank(news_newsarticlepage.search_document, plainto_tsquery(%s))", (terms,))
    return list(
        NewsArticlePage.objects.filter(pk__in=ids)
        .annotate(rank=rank)
        .order_by("-rank", "-posted_at_sort", "-pk")
        .values_list("pk", flat=True)
    )


def _newest_matches_wagtail(stories, terms, limit):
    # Wagtail sorts by declared filter fields only: ``id`` is Page's name for the story's pk.
    newest = stories.order_by("-posted_at_sort", "-id").only("pk")
    newest = newest.search(terms, order_by_relevance=False)
    return [page.pk for page in newest[:limit]]


def _best_first_wagtail(ids, terms):
    return [page.pk for page in NewsArticlePage.objects.filter(pk__in=ids).only("pk").search(terms)]


def stories_in_order(ids):
    by_id = NewsArticlePage.objects.for_teasers().in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]


def promoted_pages(query):
    """Editors' picks for this query (Search promotions in the admin), readers' pages only.

    Read without creating the query's row, as Wagtail's Query.get would: a reader's search
    records nothing here (news.search_terms counts it)."""
    picks = list(
        SearchPromotion.objects.filter(
            query__query_string=normalise_query_string(query), page__isnull=False
        ).order_by("sort_order")
    )
    picked = Page.objects.filter(pk__in=[p.page_id for p in picks])
    visible = visibility.visible_to_readers(picked).specific()
    by_id = {page.pk: page for page in visible}
    return [(by_id[p.page_id], p.description) for p in picks if p.page_id in by_id]


@dataclass
class ResultsPage:
    """One page of results, as kept in the cache: numbers and the markup of its stories."""

    count: int
    more_matched: bool
    number: int
    num_pages: int
    teasers_html: str
    promoted_html: str

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def has_next(self):
        return self.number < self.num_pages

    @property
    def previous_page_number(self):
        return self.number - 1

    @property
    def next_page_number(self):
        return self.number + 1


TIMED_OUT, NO_SUCH_PAGE, BUSY = "timed out", "no such page", "busy"


def results_key(request, query, filters, number):
    parts = [
        normalise_query_string(query),
        filters["category"],
        str(filters["date_from"] or ""),
        str(filters["date_to"] or ""),
        number,
        view_name(),
        request.get_host(),
    ]
    digest = hashlib.sha1(json.dumps(parts).encode(), usedforsecurity=False).hexdigest()
    return f"search:{digest}"


def results_page(request, query, filters, number):
    """The page of results, ``TIMED_OUT``, ``BUSY`` or ``NO_SUCH_PAGE``: from the cache, else
    searched. ``PAGE_CACHE=off`` serves every request fresh, results included."""
    if not settings.PAGE_CACHE_ENABLED:
        return _search(request, query, filters, number)[0]
    return fragments.cached_listing(
        results_key(request, query, filters, number),
        lambda: _search(request, query, filters, number),
    )


def _search(request, query, filters, number):
    """(outcome, valid until) for cached_listing: until the first story shown expires."""
    try:
        with search_slot(), time_limit():
            ranked_ids, more_matched = ranked_story_ids(query, **filters)
    except SearchTookTooLong:
        return TIMED_OUT, timezone.now() + timedelta(seconds=TIMED_OUT_SECONDS)
    except SearchBusy:
        return BUSY, timezone.now()  # not kept: the next reader tries again
    promoted = promoted_pages(query)
    promoted_ids = {page.pk for page, _description in promoted}
    story_ids = [pk for pk in ranked_ids if pk not in promoted_ids]
    num_pages = max(1, -(-len(story_ids) // RESULTS_PER_PAGE))
    valid_until = visibility.next_expiry(
        Page.objects.filter(pk__in=ranked_ids + list(promoted_ids))
    )
    if number > num_pages:
        return NO_SUCH_PAGE, valid_until
    shown = stories_in_order(story_ids[(number - 1) * RESULTS_PER_PAGE :][:RESULTS_PER_PAGE])
    page = ResultsPage(
        count=len(story_ids),
        more_matched=more_matched,
        number=number,
        num_pages=num_pages,
        teasers_html=render_to_string(
            "news/search_teasers.html", {"articles": shown}, request=request
        ),
        promoted_html=render_to_string(
            "news/search_promoted.html", {"promoted": promoted}, request=request
        )
        if promoted and number == 1
        else "",
    )
    return page, valid_until


@receiver(post_save, sender=SearchPromotion)
@receiver(post_delete, sender=SearchPromotion)
def promotion_changed(sender, raw=False, **kwargs):
    """Cached results hold the promotions they were found with: a change makes them stale."""
    if not raw:
        # Results pages carry a query string, which no CDN purge reaches (caching.cdn).
        invalidate(cdn_addresses=())


def page_number(value):
    """The page asked for, 1 to the most there can be; anything else is no page at all."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    most = -(-MAX_RANKED // RESULTS_PER_PAGE)
    return number if 1 <= number <= most else None


def search(request):
    form = SearchForm(request.GET)
    context = {"form": form, "query": "", "results": None, "max_ranked": MAX_RANKED}
    if not form.is_valid():
        form.forget_invalid_dates()
        return TemplateResponse(request, "news/search.html", context, status=400)
    query = form.cleaned_data["q"]
    context["query"] = query
    context["truncated"] = len(request.GET.get("q", "")) > MAX_QUERY_LENGTH
    if not query:
        return TemplateResponse(request, "news/search.html", context)
    number = page_number(request.GET.get("page", 1))
    if number is None:
        raise Http404("No such page of results.")
    filters = {name: form.cleaned_data[name] for name in ("category", "date_from", "date_to")}
    outcome = results_page(request, query, filters, number)
    if outcome == NO_SUCH_PAGE:
        raise Http404("No such page of results.")
    if outcome in (TIMED_OUT, BUSY):
        context["timed_out" if outcome == TIMED_OUT else "busy"] = True
        response = TemplateResponse(request, "news/search.html", context, status=503)
        response["Retry-After"] = str(TIMED_OUT_SECONDS if outcome == TIMED_OUT else BUSY_SECONDS)
        return response
    context["results"] = outcome
    context["paging_query"] = _without_page(request.GET)
    count_search(query)
    return TemplateResponse(request, "news/search.html", context)


def _without_page(params):
    params = params.copy()
    params.pop("page", None)
    return params.urlencode()
