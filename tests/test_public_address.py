"""Every absolute address the site gives out names where it is: the sitemap, robots.txt, the
feeds, the API, canonical and share tags, structured data and the editors' emails.

Under `make run` (cms.settings.dev, which the test settings follow here) that is the address
the site is served at, on whatever port; in production it is WAGTAILADMIN_BASE_URL, whatever
Host header a request carries.
"""

import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

from django.core import mail

from wagtail.models import Site

import feedparser
import pytest
from bs4 import BeautifulSoup

from news.models import NewsArticlePage

from .editorial import newsroom
from .factories import ImageFactory, il2_story, paragraph
from .helpers import soup
from .test_admin import article_form

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
# `make run PORT=8765`: the browser's Host header is the address the server listens on.
SERVED_AT = "127.0.0.1:8765"
PUBLIC = "https://news.example.org"


@pytest.fixture
def production_address(settings):
    """The production settings' way: links from WAGTAILADMIN_BASE_URL, never from the request
    (tests/test_settings.py checks cms.settings.production reads it so)."""
    settings.PUBLIC_URL_FROM_REQUEST = False
    settings.WAGTAILADMIN_BASE_URL = settings.WAGTAILAPI_BASE_URL = PUBLIC


@pytest.fixture
def story(news_index):
    body = [paragraph(f'<p>See <a linktype="page" id="{news_index.pk}">all news</a>.</p>')]
    article = il2_story(news_index, body=json.dumps(body))
    # The Site record keeps what the demo content gives it: "localhost", port 80.
    assert Site.objects.get().root_url == "http://localhost"
    return article


def get(client, url, **extra):
    response = client.get(url, HTTP_HOST=SERVED_AT, **extra)
    assert response.status_code == 200, url
    return response


def addresses(client):
    """Every absolute address in what a reader, a crawler and an API client are given."""
    found = {}
    sitemap = ET.fromstring(get(client, "/sitemap.xml").content)
    found["sitemap"] = [loc.text for loc in sitemap.iterfind(".//sm:loc", SITEMAP_NS)]
    robots = get(client, "/robots.txt").content.decode()
    found["robots.txt"] = re.findall(r"^Sitemap: (\S+)$", robots, re.M)
    for feed in ("/feeds/rss/", "/feeds/atom/"):
        parsed = feedparser.parse(get(client, feed).content)
        entry = parsed.entries[0]
        content = BeautifulSoup(entry.content[0].value, "html.parser")
        found[feed] = [
            parsed.feed.link,
            *(link.href for link in parsed.feed.links),
            entry.link,
            *(enclosure.href for enclosure in entry.enclosures),
            *(tag["src"] for tag in content.find_all("img")),
            *(tag["href"] for tag in content.find_all("a")),
        ]
    listing = get(client, "/api/v2/pages/?type=news.NewsArticlePage&fields=*").json()
    item = listing["items"][0]
    detail = get(client, urlsplit(item["meta"]["detail_url"]).path).json()
    found["api"] = [
        item["meta"]["detail_url"],
        item["meta"]["html_url"],
        item["lead_image_small"]["full_url"],
        item["lead_image_large"]["full_url"],
        detail["meta"]["html_url"],
        detail["meta"]["parent"]["meta"]["detail_url"],
        detail["meta"]["parent"]["meta"]["html_url"],
    ]
    find = client.get("/api/v2/pages/find/?html_path=/news/il2/", HTTP_HOST=SERVED_AT)
    found["api find"] = [find["Location"]]
    page = soup(get(client, "/news/il2/"))
    structured = json.loads(page.find("script", type="application/ld+json").string)
    found["page"] = [
        page.find("link", rel="canonical")["href"],
        page.find("meta", property="og:url")["content"],
        page.find("meta", property="og:image")["content"],
        *(
            url
            for url in re.findall(r'"(https?://[^"]+)"', json.dumps(structured))
            if url != "https://schema.org"  # the vocabulary, not an address of the site
        ),
    ]
    text_only = soup(get(client, "/text/news/il2/"))
    found["text-only page"] = [text_only.find("link", rel="canonical")["href"]]
    return found


def assert_all_on(found, base):
    for surface, urls in found.items():
        assert urls, f"{surface} gave no addresses"
        for url in urls:
            assert url.startswith(base + "/"), f"{surface}: {url} is not on {base}"


def test_under_make_run_every_address_is_where_the_site_is_served(client, story):
    found = addresses(client)
    assert_all_on(found, f"http://{SERVED_AT}")
    assert f"http://{SERVED_AT}/news/il2/" in found["sitemap"]
    assert found["api"][1] == f"http://{SERVED_AT}/news/il2/"


def test_in_production_every_address_is_the_configured_one(client, story, production_address):
    # The request says it is for 127.0.0.1:8765 (any allowed host will do): links ignore it.
    found = addresses(client)
    assert_all_on(found, PUBLIC)
    assert f"{PUBLIC}/news/il2/" in found["sitemap"]
    assert found["robots.txt"] == [f"{PUBLIC}/sitemap.xml"]


def test_a_sitemap_index_names_its_sections_on_the_same_address(
    client, story, production_address, monkeypatch
):
    from seo.sitemaps import SiteSitemap

    monkeypatch.setattr(SiteSitemap, "limit", 2)
    index = ET.fromstring(get(client, "/sitemap.xml").content)
    assert [loc.text for loc in index.iterfind(".//sm:loc", SITEMAP_NS)] == [
        f"{PUBLIC}/sitemap-pages.xml",
        f"{PUBLIC}/sitemap-pages.xml?p=2",
    ]


def submit_for_review(client, news_index):
    staff, editor = newsroom()
    mail.outbox.clear()
    client.force_login(staff)
    response = client.post(
        f"/admin/pages/add/news/newsarticlepage/{news_index.pk}/",
        {**article_form(lead_image=ImageFactory().pk), "action-submit": "1"},
        HTTP_HOST=SERVED_AT,
    )
    assert response.status_code == 302
    article = NewsArticlePage.objects.get(slug="new-trial-opens")
    to_editor = [message for message in mail.outbox if editor.email in message.to]
    assert to_editor, "the editor is told"
    return article, to_editor[0].body


def test_under_make_run_the_review_email_links_to_the_running_admin(client, news_index):
    article, body = submit_for_review(client, news_index)
    assert f"http://{SERVED_AT}/admin/pages/{article.pk}/edit/" in body
    assert "127.0.0.1:8000" not in body


def test_in_production_the_review_email_links_to_the_public_admin(
    client, news_index, production_address
):
    article, body = submit_for_review(client, news_index)
    assert f"{PUBLIC}/admin/pages/{article.pk}/edit/" in body
    assert SERVED_AT not in body
