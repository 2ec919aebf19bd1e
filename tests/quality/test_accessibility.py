"""WCAG 2.1 AA on every page type in both views: axe-core, landmarks, headings and keyboard."""

import pytest

from .content import serve_stand_in_player
from .gates import (
    axe_violations,
    csp_violations,
    keyboard_walk,
    structure_problems,
    watch_csp,
)
from .pages import ALL_PAGES, SHOWCASE_SLUG, PageType, in_both_views

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", ALL_PAGES)
def test_page_has_no_wcag_violations(page, quality_site, path):
    watch_csp(page)
    page.goto(quality_site + path)
    assert axe_violations(page) == []
    assert structure_problems(page) == []
    assert csp_violations(page) == [], "the page breaks its own Content-Security-Policy"


@pytest.mark.parametrize(
    "path",
    in_both_views(
        [
            PageType(
                "article with every block type", "news.NewsArticlePage", f"/news/{SHOWCASE_SLUG}/"
            )
        ]
    ),
)
def test_keyboard_reaches_every_control_on_an_article_with_visible_focus(page, quality_site, path):
    serve_stand_in_player(page)
    page.goto(quality_site + path)
    missed, without_focus_ring = keyboard_walk(page)
    assert missed == [], "elements the Tab key never reached"
    assert without_focus_ring == [], "focused elements with no visible focus indicator"


def test_skip_link_appears_on_focus_and_moves_to_the_story(page, quality_site):
    page.goto(quality_site + f"/news/{SHOWCASE_SLUG}/")
    skip = page.get_by_role("link", name="Skip to main content")
    page.keyboard.press("Tab")
    assert skip.is_visible()
    box = skip.bounding_box()
    assert box["y"] >= 0 and box["x"] >= 0, "the focused skip link is on screen"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    focused_in_main = page.evaluate("document.activeElement.closest('main') !== null")
    assert focused_in_main, "the next Tab continues inside the story, not at the header"


@pytest.mark.parametrize("path", in_both_views([PageType("home", "home.HomePage", "/")]))
def test_every_page_checked_shows_a_banner_of_each_severity(page, quality_site, path):
    page.goto(quality_site + path)
    severities = page.locator(".alert-banner").evaluate_all(
        "(banners) => banners.map((banner) => banner.className.split('--')[1])"
    )
    assert sorted(severities) == ["info", "urgent", "warning"]
