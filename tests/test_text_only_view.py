"""The text-only twin of every public page: same content, no images, no scripts."""

import json
import re

import pytest

from pages.surfaces import public_page_types

from .factories import AlertBannerFactory, ImageFactory, NewsArticlePageFactory, paragraph
from .helpers import soup, visible_text
from .surfaces import PAGE_FACTORIES, page_of_type

pytestmark = pytest.mark.django_db

FORBIDDEN_TAGS = ["img", "picture", "source", "script", "iframe", "video", "audio", "object"]


@pytest.fixture
def article(news_index):
    return NewsArticlePageFactory(parent=news_index, title="Clinic opens", slug="clinic-opens")


@pytest.fixture
def public_pages(home_page, news_index, article):
    """A page of every public page type (tests/surfaces.py), the article above among them."""
    tree = (home_page, news_index, article)
    return [page_of_type(label, tree) for label in sorted(PAGE_FACTORIES)]


def test_every_public_page_type_is_covered_by_the_sweep(public_pages):
    assert {type(page.specific) for page in public_pages} == set(public_page_types())


def test_every_public_page_has_a_text_twin_with_no_images_or_scripts(client, public_pages):
    AlertBannerFactory()
    for page in public_pages:
        response = client.get("/text" + page.url)
        assert response.status_code == 200, page.url
        html = soup(response)
        for tag in FORBIDDEN_TAGS:
            assert not html.find(tag), f"<{tag}> in text view of {page.url}"
        stylesheets = [link["href"] for link in html.find_all("link", rel="stylesheet")]
        assert len(stylesheets) <= 1
        assert all(href.startswith("/static/") for href in stylesheets)
        assert not html.find(style=True), "no inline styles either"
        graphic = html.find("a", string="View graphic version")
        assert graphic["href"] == page.url
        canonical = html.find("link", rel="canonical")
        if page.url == "/":
            # A canonical to the site root from another address reads as the "everything
            # canonicalised to the home page" mistake, so the text-only home names none.
            assert canonical is None
        else:
            assert canonical["href"] == "http://testserver" + page.url
        assert page.title in visible_text(response)


def test_internal_links_lead_to_text_twins(client, public_pages, article):
    for page in public_pages:
        html = soup(client.get("/text" + page.url))
        for link in html.find_all("a", href=True):
            href = link["href"]
            if link.get_text(strip=True) == "View graphic version" or not href.startswith("/"):
                continue
            if href.startswith(("/media/", "/documents/", "/static/")):
                continue
            assert href.startswith("/text/"), f"{href} on {page.url} leaves the text-only view"
    index_links = [a["href"] for a in soup(client.get("/text/news/")).find_all("a", href=True)]
    assert "/text/news/clinic-opens/" in index_links


def test_images_become_alt_text_and_a_view_image_link(client, article):
    response = client.get("/text/news/clinic-opens/")
    link = soup(response).find("a", string="[View Image]")
    assert link["href"] == article.lead_image.file.url
    assert "Photo for Clinic opens [View Image]" in visible_text(response)


def test_a_decorative_lead_image_disappears(client, news_index):
    NewsArticlePageFactory(
        parent=news_index, slug="plain", lead_image_alt="", lead_image_decorative=True
    )
    response = client.get("/text/news/plain/")
    assert "[View Image]" not in visible_text(response)


def test_rich_text_images_and_page_links_are_rewritten(client, news_index, article):
    image = ImageFactory()
    body = [
        paragraph(
            f'<p>See <a linktype="page" id="{article.pk}">the clinic story</a>.</p>'
            f'<embed embedtype="image" id="{image.pk}" format="fullwidth" alt="A ward"/>'
        )
    ]
    NewsArticlePageFactory(parent=news_index, slug="linking", body=json.dumps(body))
    text = client.get("/text/news/linking/")
    html = soup(text)
    assert html.find("a", string="the clinic story")["href"] == "/text/news/clinic-opens/"
    assert "A ward [View Image]" in visible_text(text)
    graphic = soup(client.get("/news/linking/"))
    assert graphic.find("a", string="the clinic story")["href"] == "/news/clinic-opens/"
    assert graphic.find("img", alt="A ward")


def test_the_banner_comes_first(client, article):
    AlertBannerFactory(title="COVID-19", message="For information related to COVID-19, visit")
    text = visible_text(client.get("/text/news/clinic-opens/"))
    assert text.index("COVID-19:") < text.index("Clinic opens")
    assert text.startswith("Skip to main content COVID-19:")


def test_the_twins_show_the_same_content_in_the_same_order(client, article):
    def main_text(url):
        html = soup(client.get(url))
        main = html.find("main")
        for twin_only in main.find_all(string=re.compile(r"\[View Image\]")):
            twin_only.extract()
        for control in main.find_all("button"):  # controls, not content: "Copy link"
            control.decompose()
        return " ".join(main.get_text(" ").split())

    graphic = main_text("/news/clinic-opens/")
    text = main_text("/text/news/clinic-opens/").replace("Photo for Clinic opens", "", 1)
    assert " ".join(text.split()) == graphic


def test_text_404_page_stays_in_the_text_view(client, site_tree):
    response = client.get("/text/no-such-page/")
    assert response.status_code == 404
    html = soup(response)
    assert "Page not found" in visible_text(response)
    assert not html.find("img") and not html.find("script")
    assert html.find("a", string="Go to the home page")["href"] == "/text/"


def test_graphic_404_page(client, site_tree):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert soup(response).find("a", string="Go to the home page")["href"] == "/"


def test_text_prefix_without_slash_redirects(client, site_tree):
    response = client.get("/text")
    assert response.status_code == 301
    assert response["Location"] == "/text/"


def test_admin_has_no_text_twin(client, site_tree):
    assert client.get("/text/admin/").status_code == 404
