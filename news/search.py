"""Site search: the newest stories matching the words, best match first, filtered by category
and date."""

import re
from datetime import date, datetime, time, timedelta

from django import forms
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import connection
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone

from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page

from .models import Category, NewsArticlePage

WORD = re.compile(r"\w+")
MAX_QUERY_LENGTH = 200
MAX_RANKED = 100  # the newest matches ranked: ten pages of results
RESULTS_PER_PAGE = 10


class SearchForm(forms.Form):
    q = forms.CharField(label="Search for", required=False, strip=True)
    category = forms.ModelChoiceField(
        queryset=Category.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="All categories",
    )
    date_from = forms.DateField(
        label="Posted from", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label="Posted until", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

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
    """Ids of the newest readable stories matching ``query``, best match first, and whether
    more stories matched than were ranked.

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
        stories = stories.filter(category=category)
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
    """Editors' picks for this query (Search promotions in the admin), readers' pages only."""
    picks = list(Query.get(query).editors_picks.order_by("sort_order"))
    visible = Page.objects.live().public().filter(pk__in=[p.page_id for p in picks]).specific()
    by_id = {page.pk: page for page in visible}
    return [(by_id[p.page_id], p.description) for p in picks if p.page_id in by_id]


def search(request):
    form = SearchForm(request.GET)
    context = {"form": form, "query": "", "promoted": [], "results": None, "max_ranked": MAX_RANKED}
    if not form.is_valid():
        form.forget_invalid_dates()
        return TemplateResponse(request, "news/search.html", context, status=400)
    query = form.cleaned_data["q"]
    context["query"] = query
    context["truncated"] = len(request.GET.get("q", "")) > MAX_QUERY_LENGTH
    if query:
        promoted = promoted_pages(query)
        promoted_ids = {page.pk for page, _description in promoted}
        ranked_ids, context["more_matched"] = ranked_story_ids(
            query,
            form.cleaned_data["category"],
            form.cleaned_data["date_from"],
            form.cleaned_data["date_to"],
        )
        story_ids = [pk for pk in ranked_ids if pk not in promoted_ids]
        try:
            results = Paginator(story_ids, RESULTS_PER_PAGE).page(request.GET.get("page", 1))
        except (PageNotAnInteger, EmptyPage) as exc:
            raise Http404("No such page of results.") from exc
        results.object_list = stories_in_order(results.object_list)
        context["results"] = results
        context["promoted"] = promoted if results.number == 1 else []
        context["paging_query"] = _without_page(request.GET)
        Query.get(query).add_hit()
    return TemplateResponse(request, "news/search.html", context)


def _without_page(params):
    params = params.copy()
    params.pop("page", None)
    return params.urlencode()
