"""What a reader on a weak connection downloads: the text-only article weighs a third or less."""

import pytest

from .gates import page_weight
from .pages import IL2_SLUG

pytestmark = pytest.mark.browser


def test_text_only_article_downloads_a_third_or_less_of_the_graphic_one(browser, quality_site):
    graphic, graphic_requests = page_weight(browser, f"{quality_site}/news/{IL2_SLUG}/")
    text, text_requests = page_weight(browser, f"{quality_site}/text/news/{IL2_SLUG}/")
    assert text_requests == 2, "the page and its one small stylesheet"
    assert text <= graphic / 3, f"text-only {text} bytes against graphic {graphic}"
