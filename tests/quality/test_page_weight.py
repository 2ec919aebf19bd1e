"""What a reader on a weak connection downloads: the text-only article weighs a third or less."""

import pytest

from .pages import IL2_SLUG

pytestmark = pytest.mark.browser


def page_weight(browser, url):
    """Bytes the browser downloads to show the page on a phone, scrolled to the end."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    received = []
    page.on(
        "requestfinished",
        lambda request: received.append(
            request.sizes()["responseBodySize"] + request.sizes()["responseHeadersSize"]
        ),
    )
    page.goto(url, wait_until="networkidle")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")
    context.close()
    return sum(received), len(received)


def test_text_only_article_downloads_a_third_or_less_of_the_graphic_one(browser, quality_site):
    graphic, graphic_requests = page_weight(browser, f"{quality_site}/news/{IL2_SLUG}/")
    text, text_requests = page_weight(browser, f"{quality_site}/text/news/{IL2_SLUG}/")
    assert text_requests == 2, "the page and its one small stylesheet"
    assert text <= graphic / 3, f"text-only {text} bytes against graphic {graphic}"
