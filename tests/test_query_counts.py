"""Listing pages cost the same number of queries however many stories they show."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from .factories import AlertBannerFactory, NewsArticlePageFactory
from .helpers import soup

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def render_every_time(settings):
    """What a page costs to render; the page cache's own costs are in test_page_cache."""
    settings.PAGE_CACHE_ENABLED = False


def queries_for(client, url):
    client.get(url)  # first view makes the image renditions; readers after that only read
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


@pytest.mark.parametrize("url", ["/news/", "/text/news/", "/", "/text/"])
def test_listing_queries_do_not_grow_with_the_number_of_stories(client, news_index, url):
    AlertBannerFactory()
    NewsArticlePageFactory.create_batch(2, parent=news_index)
    few, response = queries_for(client, url)
    assert len(soup(response).select(".teaser")) == 2
    NewsArticlePageFactory.create_batch(10, parent=news_index)
    many, response = queries_for(client, url)
    assert len(soup(response).select(".teaser")) >= 6
    assert many == few, f"{url}: {few} queries for 2 stories, {many} for more"


@pytest.mark.parametrize("neighbours", [0, 2, 8])
def test_article_page_query_budget(client, news_index, django_assert_max_num_queries, neighbours):
    article = NewsArticlePageFactory(parent=news_index)
    NewsArticlePageFactory.create_batch(neighbours, parent=news_index, category=article.category)
    client.get(article.url)
    # Routing walks the tree (a query a level), then settings, banner, navigation, breadcrumbs,
    # image, byline, news index (for archive links), category, tags, and the related stories
    # with their images and authors: a fixed cost per article, whatever the archive's size.
    with django_assert_max_num_queries(25):
        response = client.get(article.url)
    assert len(soup(response).select(".related .teaser")) == min(neighbours, 3)
