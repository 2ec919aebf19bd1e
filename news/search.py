"""Site search: stories ranked by Wagtail search, filtered by category and date."""

import re

from django import forms
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.template.response import TemplateResponse

from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page

from .models import Category, NewsArticlePage

WORD = re.compile(r"\w+")
MAX_QUERY_LENGTH = 200
MAX_RANKED = 500  # enough for any real search; keeps the filtering step bounded
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
    """Ids of live, public stories matching ``query``, best first.

    Only ids are read here: the stories themselves are loaded for the one page of results
    shown (``stories_in_order``), not for every match.
    """
    terms = search_terms(query)
    if not terms:
        return []
    matches = NewsArticlePage.objects.live().only("pk").search(terms)[:MAX_RANKED]
    ranked_ids = [page.pk for page in matches]
    stories = NewsArticlePage.objects.visible().filter(pk__in=ranked_ids)
    if category:
        stories = stories.filter(category=category)
    if date_from:
        stories = stories.filter(posted_at_sort__date__gte=date_from)
    if date_to:
        stories = stories.filter(posted_at_sort__date__lte=date_to)
    shown = set(stories.values_list("pk", flat=True))
    return [pk for pk in ranked_ids if pk in shown]


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
    context = {"form": form, "query": "", "promoted": [], "results": None}
    if not form.is_valid():
        form.forget_invalid_dates()
        return TemplateResponse(request, "news/search.html", context, status=400)
    query = form.cleaned_data["q"]
    context["query"] = query
    context["truncated"] = len(request.GET.get("q", "")) > MAX_QUERY_LENGTH
    if query:
        promoted = promoted_pages(query)
        promoted_ids = {page.pk for page, _description in promoted}
        story_ids = [
            pk
            for pk in ranked_story_ids(
                query,
                form.cleaned_data["category"],
                form.cleaned_data["date_from"],
                form.cleaned_data["date_to"],
            )
            if pk not in promoted_ids
        ]
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
