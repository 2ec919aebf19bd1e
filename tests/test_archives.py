"""Category, author, year and month archives: paginated, with breadcrumbs, and 404 when empty."""

import pytest

from .factories import AuthorFactory, CategoryFactory, NewsArticlePageFactory, eastern
from .helpers import soup, visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories(news_index):
    clinical = CategoryFactory(name="Clinical news", slug="clinical-news", description="Care.")
    research = CategoryFactory(name="Research", slug="research")
    mitchell = AuthorFactory(name="Melissa Mitchell", slug="melissa-mitchell", role="Writer")
    ortiz = AuthorFactory(name="Samuel Ortiz", slug="samuel-ortiz")
    return {
        "il2": NewsArticlePageFactory(
            parent=news_index,
            title="IL-2 therapy",
            slug="il2",
            category=clinical,
            authors=[mitchell],
            posted_at_override=eastern(2015, 5, 11, 12),
        ),
        "grant": NewsArticlePageFactory(
            parent=news_index,
            title="Lung grant",
            category=research,
            authors=[ortiz],
            posted_at_override=eastern(2015, 9, 2, 12),
        ),
        "clinic": NewsArticlePageFactory(
            parent=news_index,
            title="New clinic",
            category=clinical,
            authors=[mitchell, ortiz],
            posted_at_override=eastern(2024, 5, 20, 12),
        ),
    }


def titles(response):
    return [h.get_text(strip=True) for h in soup(response).select(".teaser__title")]


@pytest.mark.parametrize(
    ("url", "heading", "expected"),
    [
        (
            "/news/category/clinical-news/",
            "Category: Clinical news",
            ["New clinic", "IL-2 therapy"],
        ),
        ("/news/author/samuel-ortiz/", "Stories by Samuel Ortiz", ["New clinic", "Lung grant"]),
        ("/news/2015/", "Stories from 2015", ["Lung grant", "IL-2 therapy"]),
        ("/news/2015/05/", "Stories from May 2015", ["IL-2 therapy"]),
    ],
)
@pytest.mark.parametrize("prefix", ["", "/text"])
def test_archive_lists_its_stories(client, stories, url, heading, expected, prefix):
    response = client.get(prefix + url)
    assert response.status_code == 200
    html = soup(response)
    assert html.find("h1").get_text(strip=True) == heading
    assert titles(response) == expected
    crumbs = [li.get_text(strip=True) for li in html.select("nav.breadcrumbs li")]
    assert crumbs == ["Home", "News", heading]
    assert html.find("title").get_text().startswith(heading)


def test_category_archive_shows_its_description(client, stories):
    assert "Care." in visible_text(client.get("/news/category/clinical-news/"))


def test_article_links_to_its_archives(client, stories):
    html = soup(client.get("/news/il2/"))
    meta = html.select_one(".article__meta")
    assert meta.find("a", string="Clinical news")["href"] == "/news/category/clinical-news/"
    assert meta.find("a", string="Melissa Mitchell")["href"] == "/news/author/melissa-mitchell/"
    assert meta.find("a", string="May 11, 2015")["href"] == "/news/2015/05/"
    text_meta = soup(client.get("/text/news/il2/")).select_one(".article__meta")
    assert (
        text_meta.find("a", string="Clinical news")["href"] == "/text/news/category/clinical-news/"
    )
    crumbs = [a["href"] for a in html.select("nav.breadcrumbs a")]
    assert crumbs == ["/", "/news/"]


def test_two_authors_each_link_to_their_stories(client, stories):
    meta = soup(client.get(stories["clinic"].url)).select_one(".article__meta")
    assert "Written by: Melissa Mitchell and Samuel Ortiz" in " ".join(meta.get_text(" ").split())


@pytest.mark.parametrize(
    "url",
    [
        "/news/category/no-such-thing/",
        "/news/author/nobody/",
        "/news/1850/",
        "/news/2015/13/",
        "/news/2015/00/",
        "/news/2016/",
        "/news/99999/",
        "/news/2015/5/",
        "/news/category/clinical-news/?page=abc",
        "/news/2015/?page=9",
    ],
)
def test_unknown_or_out_of_range_archives_are_not_found(client, stories, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Page not found" in visible_text(response)


def test_archives_are_paginated(client, news_index):
    category = CategoryFactory(slug="busy")
    NewsArticlePageFactory.create_batch(14, parent=news_index, category=category)
    first = client.get("/news/category/busy/")
    assert len(titles(first)) == 12 and "Page 1 of 2" in visible_text(first)
    assert len(titles(client.get("/news/category/busy/?page=2"))) == 2
