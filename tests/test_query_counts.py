"""Listing pages cost the same number of queries however many stories they show."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from core.models import SiteSettings
from news.models import NewsArticlePage, NewsIndexPage, RelatedStory
from seeding import bulk

from .factories import AlertBannerFactory, NewsArticlePageFactory
from .helpers import soup

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def render_every_time(settings, home_page):
    """What a page costs to render; the page cache's own costs are in test_page_cache. A running
    site has its settings saved: the first read would otherwise create them, a change that
    makes every cached fragment stale."""
    settings.PAGE_CACHE_ENABLED = False
    SiteSettings.for_site(home_page.get_site())


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
    # The news index, the story with its image and category, the byline and the tags. The site
    # with its home page, whether any view restriction exists, settings, navigation, banner,
    # images and related stories come from the cache. A budget, whatever the neighbours: fewer
    # is better, more fails.
    with django_assert_max_num_queries(4):
        response = client.get(article.url)
    assert len(soup(response).select(".related .teaser")) == min(neighbours, 3)


BUDGET = 8  # SQL queries for a story page or a page of the news index, caches warm


def test_query_counts_are_the_same_at_10_and_10000_stories(client, news_index):
    """Each page costs a fixed number of queries whatever the archive's size: the second view,
    once images have renditions and the site-wide fragments are in the cache."""
    AlertBannerFactory()
    bulk.seed(10)

    def urls():
        story = NewsArticlePage.objects.filter(tagged_items__isnull=False).order_by("pk").first()
        if not RelatedStory.objects.filter(page=story).exists():
            pick = NewsArticlePage.objects.exclude(pk=story.pk).order_by("pk").first()
            RelatedStory.objects.create(page=story, story=pick, sort_order=0)
        last = -(-NewsArticlePage.objects.visible().count() // NewsIndexPage.articles_per_page)
        return {
            "story": story.url,
            "story, text-only": "/text" + story.url,
            "index": "/news/",
            "index, last page": f"/news/?page={last}",
            "category": story.category_url,
            "search": "/search/?q=massey",
        }

    def counts():
        return {name: queries_for(client, url)[0] for name, url in urls().items()}

    few = counts()
    assert soup(client.get("/search/?q=massey")).select(".teaser"), "the search finds stories"
    bulk.seed(9_990, batch_size=2_000)
    assert NewsArticlePage.objects.count() == 10_000
    # Searches are tallied in the cache and written every 5th (news.search_terms): the second
    # count starts from the tallies the first did, or one of its searches pays for the write.
    cache.clear()
    many = counts()
    assert many == few
    for name in ("story", "story, text-only", "index"):
        assert few[name] <= BUDGET, f"{name}: {few[name]} queries"
