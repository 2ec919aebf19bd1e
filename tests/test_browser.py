"""What only a browser shows on an article: the text view's own links, copying and printing.

Accessibility, markup, layout and Lighthouse on every page type are in tests/quality."""

import pytest
from playwright.sync_api import expect

from .conftest import build_site_tree
from .factories import AlertBannerFactory, ContactFactory, NewsArticlePageFactory, paragraph

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def site(live_server):
    import json

    _home, news = build_site_tree()
    AlertBannerFactory()
    contact = ContactFactory()
    body = [
        paragraph(
            '<p>IL-2 therapy stimulates the immune system (<a href="https://www.cancer.gov/">'
            "National Cancer Institute</a>).</p>"
        ),
        {"type": "heading", "value": {"text": "Who can receive it", "level": "h2"}},
        {
            "type": "pull_quote",
            "value": {"quote": "It is a safe drug.", "attribution": "Dr. Phan"},
        },
        {"type": "contact", "value": {"intro": "Questions? Contact", "contact": contact.pk}},
    ]
    NewsArticlePageFactory.create_batch(3, parent=news)
    NewsArticlePageFactory(parent=news, slug="il2", title="IL-2 therapy", body=json.dumps(body))
    return live_server.url


def test_text_view_follows_links_within_itself(page, site):
    page.goto(site + "/text/")
    page.get_by_role("link", name="News", exact=True).click()
    assert page.url.endswith("/text/news/")
    page.get_by_role("link", name="IL-2 therapy", exact=True).click()
    assert page.url.endswith("/text/news/il2/")
    assert page.get_by_text("[View Image]").first.is_visible()
    page.get_by_role("link", name="View graphic version").click()
    assert page.url.endswith("/news/il2/") and "/text/" not in page.url
    assert page.locator(".article__lead img").is_visible()


def test_copy_link_button_copies_the_address(page, site):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(site + "/news/il2/")
    button = page.get_by_role("button", name="Copy link")
    button.click()
    expect(page.get_by_role("button", name="Link copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == site + "/news/il2/"


def test_print_layout_drops_navigation_and_shows_link_addresses(page, site):
    page.goto(site + "/news/il2/")
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """['.site-nav', '.share', '.skip-link'].map(
            (selector) => getComputedStyle(document.querySelector(selector)).display)"""
    )
    assert hidden == ["none", "none", "none"]
    assert page.locator(".article__body").is_visible()
    shown_after = page.evaluate(
        """getComputedStyle(
            document.querySelector('.article__body a[href^="http"]'), '::after').content"""
    )
    assert "https://www.cancer.gov/" in shown_after
