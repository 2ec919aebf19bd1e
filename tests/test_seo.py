"""What search engines and social sites read: titles, descriptions, cards, sitemap, JSON-LD."""

import json
import xml.etree.ElementTree as ET

import pytest

from core.models import SiteSettings
from seo.sitemaps import SiteSitemap

from .factories import ImageFactory, il2_story
from .helpers import soup

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def article(news_index, site_tree):
    home = site_tree[0]
    settings = SiteSettings.for_site(home.get_site())
    settings.organisation_name = "VCU Massey Cancer Center"
    settings.logo = ImageFactory()
    settings.phone = "(804) 828-0450"
    settings.save()
    return il2_story(news_index)


def meta(html, name):
    tag = html.find("meta", attrs={"property": name}) or html.find("meta", attrs={"name": name})
    return tag["content"] if tag else None


def json_ld(html):
    scripts = html.find_all("script", type="application/ld+json")
    data = []
    for script in scripts:
        loaded = json.loads(script.string)
        data += loaded if isinstance(loaded, list) else [loaded]
    return {item["@type"]: item for item in data}


def test_article_head_for_search_and_social(client, article):
    html = soup(client.get("/news/il2/"))
    assert html.title.string == "IL-2 therapy | VCU Massey Cancer Center"
    assert meta(html, "description") == "Massey offers IL-2."
    assert html.find("link", rel="canonical")["href"] == "http://testserver/news/il2/"
    assert meta(html, "og:type") == "article"
    assert meta(html, "og:title") == "IL-2 therapy"
    assert meta(html, "og:url") == "http://testserver/news/il2/"
    assert meta(html, "og:image").startswith("http://testserver/media/images/")
    assert meta(html, "og:image").endswith(".jpg") and "fill-1200x630" in meta(html, "og:image")
    assert meta(html, "og:image:alt") == "Portrait of Giao Phan, M.D."
    assert meta(html, "twitter:card") == "summary_large_image"
    assert meta(html, "twitter:image") == meta(html, "og:image")


def test_article_structured_data(client, article):
    data = json_ld(soup(client.get("/news/il2/")))
    news = data["NewsArticle"]
    assert news["headline"] == "IL-2 therapy"
    assert news["description"] == "Massey offers IL-2."
    assert news["image"][0].startswith("http://testserver/media/images/")
    # The story went live at noon in New York: local time with its offset, whole seconds.
    assert news["datePublished"] == "2015-05-11T12:00:00-04:00"
    assert news["dateModified"]
    assert news["author"] == [
        {
            "@type": "Person",
            "name": "Melissa Mitchell",
            "url": "http://testserver/news/author/melissa-mitchell/",
        }
    ]
    publisher = news["publisher"]
    assert publisher["@type"] == "MedicalOrganization"
    assert publisher["name"] == "VCU Massey Cancer Center"
    assert publisher["logo"]["url"].startswith("http://testserver/media/images/")
    assert news["articleSection"] == "Clinical news"
    assert news["mainEntityOfPage"]["@id"] == "http://testserver/news/il2/"
    crumbs = data["BreadcrumbList"]["itemListElement"]
    assert [(c["position"], c["name"], c["item"]) for c in crumbs] == [
        (1, "Home", "http://testserver/"),
        (2, "News", "http://testserver/news/"),
        (3, "IL-2 therapy", "http://testserver/news/il2/"),
    ]


def test_home_is_a_medical_organization(client, article):
    org = json_ld(soup(client.get("/")))["MedicalOrganization"]
    assert org["name"] == "VCU Massey Cancer Center"
    assert org["url"] == "http://testserver/"
    assert org["telephone"] == "(804) 828-0450"


def test_every_page_type_has_structured_data_but_the_text_view_has_none(client, article):
    assert "BreadcrumbList" in json_ld(soup(client.get("/news/")))
    assert "BreadcrumbList" in json_ld(soup(client.get("/news/category/clinical-news/")))
    for url in ("/text/", "/text/news/", "/text/news/il2/"):
        assert not soup(client.get(url)).find("script")


def test_archive_pages_describe_themselves(client, article):
    html = soup(client.get("/news/category/clinical-news/"))
    assert meta(html, "og:title") == "Category: Clinical news"
    assert html.find("link", rel="canonical")["href"] == (
        "http://testserver/news/category/clinical-news/"
    )


def sitemap_locations(response):
    return [loc.text for loc in ET.fromstring(response.content).iterfind(".//sm:loc", SITEMAP_NS)]


def test_sitemap_lists_pages_and_archives(client, article):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    # On the address the reader asked (the Site record says localhost: it is not used).
    locations = sitemap_locations(response)
    for expected in [
        "http://testserver/",
        "http://testserver/news/",
        "http://testserver/news/il2/",
        "http://testserver/news/category/clinical-news/",
        "http://testserver/news/author/melissa-mitchell/",
        "http://testserver/news/2015/",
        "http://testserver/news/2015/05/",
    ]:
        assert expected in locations
    assert not any("/text/" in location for location in locations)


def test_sitemap_becomes_an_index_past_its_limit(client, article, monkeypatch):
    monkeypatch.setattr(SiteSitemap, "limit", 2)
    index = ET.fromstring(client.get("/sitemap.xml").content)
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    sections = [loc.text for loc in index.iterfind(".//sm:loc", SITEMAP_NS)]
    assert sections == [
        "http://testserver/sitemap-pages.xml",
        "http://testserver/sitemap-pages.xml?p=2",
    ]
    second = sitemap_locations(client.get("/sitemap-pages.xml?p=2"))
    assert "http://testserver/news/il2/" in second


def test_robots_txt_names_the_sitemap(client, article):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode().splitlines()


def test_the_text_twin_leaves_social_tags_to_its_canonical_graphic_page(client, article):
    html = soup(client.get("/text/news/il2/"))
    assert html.find("link", rel="canonical")["href"] == "http://testserver/news/il2/"
    assert html.find("meta", attrs={"name": "description"})["content"] == article.summary
    assert not html.select('meta[property^="og:"], meta[name^="twitter:"]')
    graphic = soup(client.get("/news/il2/"))
    assert graphic.select('meta[property^="og:"]') and graphic.select('meta[name^="twitter:"]')
