"""The parts of pages kept in the cache between renders (core.fragments): the site a host
belongs to, header, footer, navigation, banners and story lists follow every change, with the
page cache off too."""

from django.db import transaction

from wagtail.models import Site

import pytest

from core.models import SiteSettings
from news.models import RelatedStory

from .factories import AlertBannerFactory, HomePageFactory, NewsArticlePageFactory
from .helpers import visible_text

pytestmark = pytest.mark.django_db

PAGES = ["/news/proton/", "/text/news/proton/"]


@pytest.fixture(autouse=True)
def no_page_cache(settings, home_page):
    settings.PAGE_CACHE_ENABLED = False
    SiteSettings.for_site(home_page.get_site())


@pytest.fixture
def story(news_index):
    story = NewsArticlePageFactory(parent=news_index, title="Proton therapy arrives", slug="proton")
    neighbour = NewsArticlePageFactory(parent=news_index, title="A neighbouring story")
    RelatedStory.objects.create(page=story, story=neighbour, sort_order=0)
    return story


def texts(client):
    return [visible_text(client.get(url)) for url in PAGES]


def test_banners_settings_navigation_and_teasers_follow_changes(client, story, news_index):
    texts(client)  # every fragment is now cached
    AlertBannerFactory(message="Visitor policy updated.")
    assert all("Visitor policy updated." in text for text in texts(client))

    site_settings = SiteSettings.objects.get()
    site_settings.organisation_name = "Massey Comprehensive Cancer Center"
    site_settings.save()
    assert all("Massey Comprehensive Cancer Center" in text for text in texts(client))

    news_index.title = "Newsroom"
    news_index.save_revision().publish()
    assert all("Newsroom" in text for text in texts(client)), "the menu and breadcrumbs"

    neighbour = story.related_picks.get().story
    neighbour.category.name = "Patient care"
    neighbour.category.save()
    assert all("Patient care" in text for text in texts(client)), "the related story's teaser"


@pytest.mark.django_db(transaction=True)
def test_a_render_during_an_editors_transaction_is_not_kept_after_it_commits(
    client, story, home_page
):
    """A reader served while the change is not yet committed caches the old header; the
    commit makes that stale too."""
    texts(client)
    with transaction.atomic():
        site_settings = SiteSettings.objects.get()
        site_settings.organisation_name = "Massey Comprehensive Cancer Center"
        site_settings.save()
        SiteSettings.objects.filter(pk=site_settings.pk).update(organisation_name="Old name")
        assert all("Old name" in text for text in texts(client))
        SiteSettings.objects.filter(pk=site_settings.pk).update(
            organisation_name="Massey Comprehensive Cancer Center"
        )
    assert all("Massey Comprehensive Cancer Center" in text for text in texts(client))


def test_each_host_is_served_its_own_site_and_site_changes_apply_at_once(client, home_page):
    """Which site a host belongs to is cached (core.routing.CachedSiteMiddleware)."""
    root = home_page.get_parent()
    second_home = HomePageFactory(parent=root, title="Massey Foundation", slug="foundation")
    second = Site.objects.create(hostname="127.0.0.1", root_page=second_home)
    assert "<title>Massey Foundation" in client.get("/", HTTP_HOST="127.0.0.1").content.decode()
    assert "<title>Massey Foundation" not in client.get("/", HTTP_HOST="localhost").content.decode()
    second.delete()
    moved = client.get("/", HTTP_HOST="127.0.0.1").content.decode()
    assert "<title>Massey Foundation" not in moved, "the default site answers unknown hosts"
    assert client.get("/", HTTP_HOST="evil.example").status_code == 400
