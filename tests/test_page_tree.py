"""Where each page type may live, and how many of it there may be."""

from wagtail.models import Page

import pytest

from home.models import HomePage
from news.models import NewsArticlePage, NewsIndexPage

from .factories import NewsArticlePageFactory


@pytest.mark.django_db
def test_only_one_home_page_and_only_at_the_top(site_tree):
    home, news = site_tree
    root = Page.get_first_root_node()
    assert not HomePage.can_create_at(root), "a second home page is refused"
    assert not HomePage.can_create_at(news)
    assert HomePage.allowed_subpage_models() == [NewsIndexPage]


@pytest.mark.django_db
def test_one_news_index_under_the_home_page(site_tree):
    home, news = site_tree
    assert not NewsIndexPage.can_create_at(home), "a second news index is refused"
    assert NewsIndexPage.allowed_parent_page_models() == [HomePage]
    assert news.url == "/news/"


@pytest.mark.django_db
def test_articles_live_only_under_the_news_index(site_tree):
    home, news = site_tree
    assert NewsArticlePage.can_create_at(news)
    assert not NewsArticlePage.can_create_at(home)
    article = NewsArticlePageFactory(parent=news)
    assert NewsArticlePage.allowed_subpage_models() == []
    assert not NewsArticlePage.can_create_at(article)


@pytest.mark.django_db
def test_a_fresh_install_has_a_home_page_as_the_default_site_root():
    # The migration replaces Wagtail's placeholder welcome page with the real home page.
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
