"""On a phone and on a laptop, every page fits the screen and every target is easy to tap."""

import pytest

from .gates import MIN_TARGET_PX, horizontal_overflow, small_tap_targets
from .pages import ALL_PAGES

pytestmark = pytest.mark.browser

SCREENS = {"phone": (390, 844), "laptop": (1280, 800)}


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("path", ALL_PAGES)
def test_page_fits_the_screen_with_large_enough_targets(page, quality_site, path, screen):
    width, height = SCREENS[screen]
    page.set_viewport_size({"width": width, "height": height})
    page.goto(quality_site + path)
    assert horizontal_overflow(page) <= 0, "the page scrolls sideways"
    assert small_tap_targets(page) == [], f"targets smaller than {MIN_TARGET_PX}px"
    other_view = "View graphic version" if path.startswith("/text") else "Text-only version"
    assert page.get_by_role("link", name=other_view).first.is_visible()
