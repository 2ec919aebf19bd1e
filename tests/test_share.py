"""Share links: plain links to email and the social networks' share pages; no third-party code."""

from urllib.parse import parse_qs, urlparse

import pytest

from .factories import NewsArticlePageFactory
from .helpers import soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(news_index):
    return NewsArticlePageFactory(parent=news_index, title="IL-2 & melanoma", slug="il2")


def share_links(client, url):
    section = soup(client.get(url)).select_one(".share")
    return {a.get_text(strip=True): a["href"] for a in section.find_all("a")}, section


@pytest.mark.parametrize("prefix", ["", "/text"])
def test_share_links_carry_the_canonical_address(client, article, prefix):
    links, _section = share_links(client, prefix + "/news/il2/")
    canonical = "http://testserver/news/il2/"
    email = urlparse(links["Email"])
    assert email.scheme == "mailto"
    assert parse_qs(email.query) == {"subject": ["IL-2 & melanoma"], "body": [canonical]}
    assert parse_qs(urlparse(links["Facebook"]).query)["u"] == [canonical]
    assert parse_qs(urlparse(links["X"]).query) == {"url": [canonical], "text": ["IL-2 & melanoma"]}
    assert parse_qs(urlparse(links["LinkedIn"]).query)["url"] == [canonical]


def test_copy_link_is_offered_only_where_it_can_work(client, article):
    _links, section = share_links(client, "/news/il2/")
    button = section.find("button")
    assert button.has_attr("hidden"), "shown by the page's own script when the browser can copy"
    assert button["data-copy-link"] == "http://testserver/news/il2/"
    _links, text_section = share_links(client, "/text/news/il2/")
    assert not text_section.find("button")
    assert "Link to this story: http://testserver/news/il2/" in text_section.get_text()


def test_only_the_sites_own_scripts_load(client, article):
    scripts = [s.get("src", "") for s in soup(client.get("/news/il2/")).find_all("script")]
    external = [src for src in scripts if src.startswith(("http", "//"))]
    assert external == []
    assert "/static/js/share.js" in scripts
