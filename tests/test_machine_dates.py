"""Dates machines read are valid at any moment a real publish stamps, microseconds and all:
<time datetime> on pages, JSON-LD, RSS and Atom, and the sitemap's lastmod."""

import json
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime

from django.core.cache import cache

import feedparser
import pytest
import time_machine

from .factories import EASTERN, NewsArticlePageFactory
from .helpers import soup
from .quality.gates import VNU_JAR, html_errors

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
# HTML's valid global date and time string, as the Nu checker reads it: at most three digits of
# a second's fraction. The site gives none.
HTML_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$")
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
# W3C Datetime (sitemaps.org): a date, or a date and time with its zone.
W3C_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$")

# When a story is published, and what New York's clock read then.
MOMENTS = {
    "an afternoon in March": (
        datetime(2026, 3, 3, 13, 56, 45, 48123, tzinfo=EASTERN),
        "2026-03-03T13:56:45-05:00",
    ),
    "the last second before clocks go forward": (
        datetime(2026, 3, 8, 6, 59, 59, 999999, tzinfo=UTC),
        "2026-03-08T01:59:59-05:00",
    ),
    "just after clocks go forward": (
        datetime(2026, 3, 8, 7, 30, 0, 999999, tzinfo=UTC),
        "2026-03-08T03:30:00-04:00",
    ),
    "the first 1:30 a.m. of the night clocks go back": (
        datetime(2026, 11, 1, 5, 30, 0, 500000, tzinfo=UTC),
        "2026-11-01T01:30:00-04:00",
    ),
    "the second 1:30 a.m.": (
        datetime(2026, 11, 1, 6, 30, 0, 250000, tzinfo=UTC),
        "2026-11-01T01:30:00-05:00",
    ),
}


def publish_at(news_index, moment):
    """A story published through Wagtail at ``moment``, as an editor's "Publish" does."""
    story = NewsArticlePageFactory(
        parent=news_index,
        title="Trial opens",
        slug="trial-opens",
        live=False,
        posted_at_override=None,
        first_published_at=None,
    )
    with time_machine.travel(moment, tick=False):
        story.save_revision().publish()
    story.refresh_from_db()
    assert story.first_published_at == moment  # microseconds kept, as in real use
    return story


@pytest.fixture(params=MOMENTS.values(), ids=MOMENTS.keys())
def published(request, news_index):
    moment, local = request.param
    return publish_at(news_index, moment), moment, local


def time_datetimes(response):
    return [tag["datetime"] for tag in soup(response).find_all("time")]


def test_every_time_element_names_the_moment_in_whole_seconds(client, published):
    story, _moment, local = published
    for url in ("/news/trial-opens/", "/text/news/trial-opens/", "/news/", "/text/news/", "/"):
        values = time_datetimes(client.get(url))
        assert local in values, url
        assert all(HTML_DATETIME.match(value) for value in values), (url, values)


def test_structured_data_dates_are_iso_8601_in_whole_seconds(client, published):
    _story, moment, local = published
    html = soup(client.get("/news/trial-opens/"))
    scripts = [
        json.loads(tag.string) for tag in html.find_all("script", type="application/ld+json")
    ]
    objects = [item for data in scripts for item in (data if isinstance(data, list) else [data])]
    article = next(data for data in objects if data.get("@type") == "NewsArticle")
    assert article["datePublished"] == local
    assert article["dateModified"] == local
    assert datetime.fromisoformat(article["datePublished"]) == moment.replace(microsecond=0)


@pytest.mark.parametrize("url", ["/feeds/rss/", "/feeds/atom/"])
def test_feeds_carry_the_moment_and_parse_cleanly(client, published, url):
    _story, moment, _local = published
    response = client.get(url)
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    entry = feed.entries[0]
    assert datetime(*entry.published_parsed[:6], tzinfo=UTC) == moment.replace(microsecond=0)
    if url.endswith("atom/"):
        root = ET.fromstring(response.content)
        atom = "{http://www.w3.org/2005/Atom}"
        stamps = [
            element.text
            for element in root.iter()
            if element.tag
            in (
                f"{atom}published",
                f"{atom}updated",
            )
        ]
        assert stamps and all(RFC3339.match(stamp) and "." not in stamp for stamp in stamps)


def test_sitemap_lastmod_is_a_w3c_datetime(client, published, monkeypatch):
    from seo.sitemaps import SiteSitemap

    _story, _moment, local = published
    urlset = ET.fromstring(client.get("/sitemap.xml").content)
    lastmods = {
        url.findtext("sm:loc", namespaces=SITEMAP_NS): url.findtext(
            "sm:lastmod", namespaces=SITEMAP_NS
        )
        for url in urlset.iterfind("sm:url", SITEMAP_NS)
    }
    assert lastmods["http://testserver/news/trial-opens/"] == local[:10]  # the local day
    monkeypatch.setattr(SiteSitemap, "limit", 1)  # past its limit, the sitemap is an index
    cache.clear()  # the page cache holds the sitemap as it was
    index = ET.fromstring(client.get("/sitemap.xml").content)
    stamps = [element.text for element in index.iterfind(".//sm:lastmod", SITEMAP_NS)]
    assert stamps and all(W3C_DATETIME.match(stamp) for stamp in stamps), stamps
    assert local in stamps


@pytest.mark.skipif(not VNU_JAR.exists(), reason="the Nu HTML Checker comes from npm ci")
def test_pages_with_a_story_published_to_the_microsecond_are_valid_html(client, news_index):
    publish_at(news_index, MOMENTS["an afternoon in March"][0])
    pages = {url: client.get(url).content for url in ("/", "/news/", "/news/trial-opens/")}
    assert html_errors(pages) == []
