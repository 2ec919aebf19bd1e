"""The site-wide alert banner: on every page in both views, while it is live and not expired."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from core.models import AlertBanner

from .factories import AlertBannerFactory, NewsArticlePageFactory
from .helpers import soup, visible_text

pytestmark = pytest.mark.django_db

NOW = timezone.now()
HOUR = timedelta(hours=1)


@pytest.fixture
def pages(home_page, news_index):
    article = NewsArticlePageFactory(parent=news_index)
    return [p.url for p in (home_page, news_index, article)]


def banner_texts(client, url):
    return [
        " ".join(b.get_text(" ").split()) for b in soup(client.get(url)).select(".alert-banner")
    ]


@pytest.mark.parametrize(
    ("fields", "shown"),
    [
        ({}, True),  # published, no expiry: shown until unpublished
        ({"expire_at": NOW + HOUR}, True),  # published, expiring later
        # Past its expiry, before the scheduler has taken it down: hidden at once.
        ({"expire_at": NOW - HOUR}, False),
        ({"live": False}, False),  # a draft
        ({"live": False, "go_live_at": NOW + HOUR}, False),  # scheduled, not yet live
        ({"live": False, "expired": True, "expire_at": NOW - HOUR}, False),  # taken down
    ],
    ids=["live", "live-until-later", "past-expiry", "draft", "scheduled", "expired"],
)
def test_banner_shows_only_while_live_and_unexpired(client, pages, fields, shown):
    AlertBannerFactory(message="Visitor policy has changed.", **fields)
    for url in pages:
        for view_url in (url, "/text" + url):
            texts = banner_texts(client, view_url)
            assert (
                texts == ["COVID-19: Visitor policy has changed. our coronavirus page"]
            ) is shown, (
                view_url,
                texts,
            )


def test_banner_is_first_on_the_page_in_both_views(client, pages):
    AlertBannerFactory(title="COVID-19")
    for url in (pages[2], "/text" + pages[2]):
        text = visible_text(client.get(url))
        assert text.startswith("Skip to main content COVID-19:"), text[:80]


def test_most_severe_banner_comes_first(client, pages):
    AlertBannerFactory(title="Parking", severity=AlertBanner.Severity.INFO)
    AlertBannerFactory(title="Weather closure", severity=AlertBanner.Severity.URGENT)
    texts = banner_texts(client, pages[0])
    assert [t.split(":")[0] for t in texts] == ["Weather closure", "Parking"]
    assert soup(client.get(pages[0])).select_one(".alert-banner")["role"] == "alert"


def test_banner_link_to_a_page_follows_the_view(client, pages, news_index):
    AlertBannerFactory(link_url="", link_page=news_index, link_text="Latest news")
    assert soup(client.get("/")).find("a", string="Latest news")["href"] == "/news/"
    assert soup(client.get("/text/")).find("a", string="Latest news")["href"] == "/text/news/"


@pytest.mark.parametrize(
    ("fields", "error_field"),
    [
        ({"go_live_at": NOW, "expire_at": NOW - HOUR}, "expire_at"),
        ({"link_url": "https://example.org", "link_text": ""}, "link_text"),
        ({"link_url": "", "link_text": "Read more"}, "link_text"),
    ],
)
def test_banner_validation(fields, error_field):
    banner = AlertBannerFactory.build(**fields)
    with pytest.raises(ValidationError) as error:
        banner.full_clean()
    assert error_field in error.value.message_dict
