"""The news index: live stories newest first, paginated, never a 500 for a bad page number."""

import pytest

from .factories import NewsArticlePageFactory, eastern
from .helpers import soup, visible_text

pytestmark = pytest.mark.django_db


def make_articles(news_index, count):
    return [
        NewsArticlePageFactory(
            parent=news_index, title=f"Story {n:02d}", posted_at_override=eastern(2020, 1, n + 1)
        )
        for n in range(count)
    ]


def teaser_titles(response):
    return [h.get_text(strip=True) for h in soup(response).select(".teaser__title")]


def test_teasers_show_image_title_date_summary_and_continue_reading(client, news_index):
    article = NewsArticlePageFactory(
        parent=news_index,
        title="New infusion center opens",
        summary="Patients get a calmer place for treatment.",
        posted_at_override=eastern(2015, 5, 11, 12),
    )
    response = client.get("/news/")
    teaser = soup(response).select_one(".teaser")
    assert teaser.find("img")["alt"] == article.lead_image_alt
    assert teaser.find("a", string="New infusion center opens")["href"] == article.url
    text = " ".join(teaser.get_text(" ").split())
    assert "May 11, 2015" in text
    assert "Patients get a calmer place for treatment." in text
    assert teaser.find("a", string="Continue reading →")["href"] == article.url


def test_newest_first_and_paginated(client, news_index):
    make_articles(news_index, 14)
    first = client.get("/news/")
    assert teaser_titles(first) == [f"Story {n:02d}" for n in range(13, 1, -1)]
    assert "Page 1 of 2" in visible_text(first)
    second = client.get("/news/?page=2")
    assert teaser_titles(second) == ["Story 01", "Story 00"]
    assert soup(second).find("a", rel="prev")["href"] == "?page=1"


def test_posted_on_override_orders_the_listing(client, news_index):
    NewsArticlePageFactory(
        parent=news_index, title="Imported", posted_at_override=eastern(2010, 1, 1)
    )
    NewsArticlePageFactory(parent=news_index, title="Fresh", posted_at_override=None)
    assert teaser_titles(client.get("/news/")) == ["Fresh", "Imported"]


@pytest.mark.parametrize("bad", ["abc", "0", "-1", "99999", "1.5", "", "%00"])
@pytest.mark.parametrize("prefix", ["", "/text"])
def test_bad_page_numbers_are_not_found_not_errors(client, news_index, bad, prefix):
    make_articles(news_index, 3)
    response = client.get(f"{prefix}/news/", {"page": bad})
    assert response.status_code == 404
    assert "Page not found" in visible_text(response)


def test_an_empty_index_says_so(client, news_index):
    assert "There are no stories yet." in visible_text(client.get("/news/"))


def test_text_view_lists_the_same_stories(client, news_index):
    make_articles(news_index, 3)
    assert teaser_titles(client.get("/text/news/")) == teaser_titles(client.get("/news/"))
    assert "[View Image]" in visible_text(client.get("/text/news/"))


def follow(client, url, rel):
    """The page behind the listing's "Older stories" (rel=next) or "Newer stories" link."""
    link = soup(client.get(url)).find("a", rel=rel)
    return f"/news/{link['href']}" if link else None


def test_older_and_newer_links_walk_the_whole_archive_in_order(client, news_index):
    make_articles(news_index, 30)  # 3 pages: 12, 12, 6
    url, seen, statuses = "/news/", [], []
    while url:
        response = client.get(url)
        statuses.append(visible_text(response).split("Page ")[1][:6])
        seen += teaser_titles(response)
        url = follow(client, url, "next")
    assert seen == [f"Story {n:02d}" for n in range(29, -1, -1)]
    assert statuses == ["1 of 3", "2 of 3", "3 of 3"]
    # and back again, from the last page
    last = "/news/?page=3"
    middle = follow(client, last, "prev")
    assert "&before=" in middle
    assert teaser_titles(client.get(middle)) == [f"Story {n:02d}" for n in range(17, 5, -1)]
    assert follow(client, middle, "prev") == "/news/?page=1"


def test_a_story_published_while_reading_does_not_repeat_the_next_page(client, news_index):
    make_articles(news_index, 24)
    older = follow(client, "/news/", "next")
    NewsArticlePageFactory(
        parent=news_index, title="Breaking", posted_at_override=eastern(2021, 1, 1)
    )
    titles = teaser_titles(client.get(older))
    assert titles[0] == "Story 11"  # continues after the last story the reader saw
    assert "Breaking" not in titles


@pytest.mark.parametrize(
    "query",
    [
        "after=abc",
        "after=1-",
        "after=-5",
        "before=x-1",
        "after=999999999999999999-1",
        "after=1.5-2",
    ],
)
def test_bad_positions_are_not_found_not_errors(client, news_index, query):
    make_articles(news_index, 14)
    response = client.get(f"/news/?page=2&{query}")
    assert response.status_code == 404
    assert "Page not found" in visible_text(response)


def test_a_position_past_the_oldest_story_is_not_found(client, news_index):
    make_articles(news_index, 14)
    response = client.get("/news/?page=2&after=0-1")  # older than everything: nothing to show
    assert response.status_code == 404
