"""Search: ranked stories with filters, editors' promotions first, and no way to break it."""

import json

from wagtail.contrib.search_promotions.models import Query, SearchPromotion

import pytest

from .factories import CategoryFactory, NewsArticlePageFactory, eastern, paragraph
from .helpers import soup, visible_text

pytestmark = pytest.mark.django_db


def story(news_index, title, words, **fields):
    body = json.dumps([paragraph(f"<p>{words}</p>")])
    return NewsArticlePageFactory(parent=news_index, title=title, body=body, **fields)


@pytest.fixture
def stories(news_index):
    clinical = CategoryFactory(name="Clinical news", slug="clinical-news")
    research = CategoryFactory(name="Research", slug="research")
    return {
        "il2": story(
            news_index,
            "Massey offers IL-2 therapy",
            "Interleukin-2 therapy for metastatic melanoma.",
            category=clinical,
            summary="The only provider in Richmond.",
            posted_at_override=eastern(2015, 5, 11, 12),
        ),
        "trial": story(
            news_index,
            "Melanoma vaccine trial",
            "A vaccine trial that pairs with interleukin treatment.",
            category=research,
            posted_at_override=eastern(2022, 3, 1, 12),
        ),
        "gala": story(news_index, "Gala raises funds", "An evening of music.", category=research),
    }


def result_titles(response):
    return [h.get_text(strip=True) for h in soup(response).select(".teaser__title")]


@pytest.mark.parametrize("prefix", ["", "/text"])
def test_finds_stories_by_their_words(client, stories, prefix):
    response = client.get(f"{prefix}/search/", {"q": "interleukin"})
    assert response.status_code == 200
    assert sorted(result_titles(response)) == [
        "Massey offers IL-2 therapy",
        "Melanoma vaccine trial",
    ]
    text = visible_text(response)
    assert "2 stories found" in text
    assert "May 11, 2015" in text and "The only provider in Richmond." in text


def test_filters_by_category_and_date(client, stories):
    by_category = client.get("/search/", {"q": "interleukin", "category": "research"})
    assert result_titles(by_category) == ["Melanoma vaccine trial"]
    by_date = client.get(
        "/search/", {"q": "interleukin", "date_from": "2015-01-01", "date_to": "2015-12-31"}
    )
    assert result_titles(by_date) == ["Massey offers IL-2 therapy"]


def test_promoted_results_come_first(client, stories):
    query = Query.get("interleukin")
    SearchPromotion.objects.create(
        query=query, page=stories["gala"], sort_order=0, description="Our yearly fundraiser."
    )
    html = soup(client.get("/search/", {"q": "interleukin"}))
    recommended = html.select_one(".search__promoted")
    assert recommended.find("a", string="Gala raises funds")["href"] == stories["gala"].url
    assert "Our yearly fundraiser." in recommended.get_text()
    page_text = " ".join(html.get_text(" ").split())
    assert page_text.index("Recommended") < page_text.index("stories found")


def test_results_pages_are_not_indexed(client, stories):
    for url in ("/search/", "/text/search/"):
        robots = soup(client.get(url, {"q": "melanoma"})).find("meta", attrs={"name": "robots"})
        assert robots["content"] == "noindex"


def test_empty_query_shows_the_form(client, stories):
    response = client.get("/search/")
    assert response.status_code == 200
    assert soup(response).find("input", attrs={"name": "q"})
    assert not result_titles(response)


@pytest.mark.parametrize(
    "hostile",
    [
        '"; DROP TABLE wagtailcore_page; --',
        "<script>alert(1)</script>",
        "AND OR NOT NEAR(",
        '"unbalanced',
        "*",
        "(((",
        "🙂",
        "melanoma" * 100,
    ],
)
def test_hostile_or_odd_queries_are_handled(client, stories, hostile):
    response = client.get("/search/", {"q": hostile})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_long_query_is_cut_short_with_a_note(client, stories):
    response = client.get("/search/", {"q": "interleukin " * 40})
    assert "only its first 200 characters were used" in visible_text(response)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "x", "date_from": "yesterday"}, "Enter a valid date."),
        ({"q": "x", "date_from": "2020-02-01", "date_to": "2020-01-01"}, "on or after the start"),
        ({"q": "x", "category": "no-such"}, "Select a valid choice."),
        ({"q": "nul\x00byte"}, "Null characters are not allowed."),
    ],
)
def test_bad_filters_get_a_clear_message_and_a_400(client, stories, params, message):
    response = client.get("/search/", params)
    assert response.status_code == 400
    assert message in visible_text(response)


def test_results_are_paginated_keeping_the_query(client, news_index):
    for n in range(12):
        story(news_index, f"Screening story {n}", "Lung screening saves lives.")
    first = client.get("/search/", {"q": "screening"})
    assert len(result_titles(first)) == 10
    next_link = soup(first).find("a", rel="next")["href"]
    assert "q=screening" in next_link and "page=2" in next_link
    assert len(result_titles(client.get("/search/" + next_link))) == 2
    assert client.get("/search/", {"q": "screening", "page": "9"}).status_code == 404


def test_search_uses_the_databases_own_full_text_search():
    from django.db import connection

    from wagtail.search.backends import get_search_backend

    backend = type(get_search_backend()).__module__
    expected = {"sqlite": ".sqlite.", "postgresql": ".postgres."}[connection.vendor]
    assert expected in backend, backend


def test_postgresql_ranks_the_best_match_first(client, news_index):
    """On PostgreSQL, Wagtail's backend ranks by full-text relevance: a story about the
    search words comes before one that mentions them in passing."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("ranking by ts_rank is PostgreSQL's; SQLite runs the database backend")
    story(news_index, "Gala raises funds", "Guests heard about melanoma research once.")
    story(
        news_index,
        "Melanoma immunotherapy trial opens",
        "The melanoma trial tests immunotherapy for metastatic melanoma.",
        summary="A new melanoma trial.",
    )
    story(news_index, "Screening day", "Skin checks, including for melanoma, are free.")
    titles = result_titles(client.get("/search/", {"q": "melanoma"}))
    assert titles[0] == "Melanoma immunotherapy trial opens"
    assert sorted(titles) == [
        "Gala raises funds",
        "Melanoma immunotherapy trial opens",
        "Screening day",
    ]


@pytest.fixture
def five_melanoma_stories(news_index, settings):
    """Five stories about melanoma, one a year from 2020; the 2021 one is the best match."""
    titles = {
        2020: "Skin checks in 2020",
        2021: "Melanoma immunotherapy: a melanoma guide",
        2022: "Clinic news 2022",
        2023: "Clinic news 2023",
        2024: "Clinic news 2024",
    }
    for year, title in titles.items():
        words = "Melanoma, melanoma and melanoma care." if year == 2021 else "One melanoma note."
        story(news_index, title, words, posted_at_override=eastern(year, 6, 1, 12))


def test_only_the_newest_matches_are_ranked_and_the_reader_is_told(
    client, five_melanoma_stories, monkeypatch
):
    monkeypatch.setattr("news.search.MAX_RANKED", 3)
    response = client.get("/search/", {"q": "melanoma"})
    titles = result_titles(response)
    assert sorted(titles) == [
        "Clinic news 2022",
        "Clinic news 2023",
        "Clinic news 2024",
    ], "the three newest matches, and only those"
    text = visible_text(response)
    assert "More than 3 stories found" in text
    assert "best matches among the 3 most recent" in text
    older = client.get("/search/", {"q": "melanoma", "date_to": "2021-12-31"})
    assert result_titles(older)[0] == "Melanoma immunotherapy: a melanoma guide"
    assert "2 stories found" in visible_text(older)
    assert "More than" not in visible_text(older)


def test_filters_choose_the_stories_before_the_newest_are_taken(
    client, news_index, five_melanoma_stories, monkeypatch
):
    """A category or a date range narrows the whole archive, not just the newest matches."""
    monkeypatch.setattr("news.search.MAX_RANKED", 3)
    rare = CategoryFactory(name="Survivorship", slug="survivorship")
    story(
        news_index,
        "Life after melanoma",
        "Melanoma survivors meet.",
        category=rare,
        posted_at_override=eastern(2010, 1, 1, 12),
    )
    by_category = client.get("/search/", {"q": "melanoma", "category": "survivorship"})
    assert result_titles(by_category) == ["Life after melanoma"]
    by_date = client.get(
        "/search/", {"q": "melanoma", "date_from": "2020-06-01", "date_to": "2020-06-01"}
    )
    assert result_titles(by_date) == ["Skin checks in 2020"], "both ends of the range included"


def test_an_edited_story_is_found_by_its_new_words_only(client, news_index):
    article = story(news_index, "Clinic opens", "A new clinic for sarcoma care.")
    assert result_titles(client.get("/search/", {"q": "sarcoma"})) == ["Clinic opens"]
    article.body = json.dumps([paragraph("<p>A new clinic for lymphoma care.</p>")])
    article.save_revision().publish()
    assert result_titles(client.get("/search/", {"q": "sarcoma"})) == []
    assert result_titles(client.get("/search/", {"q": "lymphoma"})) == ["Clinic opens"]
    article.unpublish()
    assert result_titles(client.get("/search/", {"q": "lymphoma"})) == []
    article.save_revision().publish()
    article.delete()
    assert result_titles(client.get("/search/", {"q": "lymphoma"})) == []
