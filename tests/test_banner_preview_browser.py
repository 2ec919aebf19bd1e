"""The alert banner editor's preview panel, in real Chromium: the draft in place at the top of a
page, in the graphic view and in the text-only view.

The live server runs the test settings; their middleware, Content-Security-Policy and
X-Frame-Options are those of `make run` (both come from cms.settings.base).
"""

import time

from wagtail.admin.models import EditingSession

import pytest
from playwright.sync_api import expect

from .conftest import build_site_tree
from .editorial import newsroom
from .factories import AlertBannerFactory
from .quality.gates import csp_violations, watch_csp

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LIVE_MESSAGE = "Masks are required in clinics."
DRAFT_MESSAGE = "Señora Peña’s infusion clinic moves to the Dalton Pavilion from Monday."


@pytest.fixture
def banner(live_server, settings):
    # Autosave and session pings write to SQLite while the test does; see the editorial flow.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 10 * 60 * 1000
    _home, news = build_site_tree()
    newsroom()
    banner = AlertBannerFactory(
        title="COVID-19", message=LIVE_MESSAGE, link_url="", link_page=news, link_text="News"
    )
    banner.save_revision().publish()
    banner.message = DRAFT_MESSAGE
    banner.save_revision()
    return banner


def preview(page):
    # The panel loads each new preview in a fresh frame, then swaps it for the old one.
    return page.frame_locator("iframe[title='Preview']").last


def preview_frame(page):
    return page.locator("iframe[title='Preview']").last.element_handle().content_frame()


def leave_admin(page, timeout=5):
    page.goto("about:blank")
    deadline = time.monotonic() + timeout
    while EditingSession.objects.exists():
        assert time.monotonic() < deadline, "the admin did not release its editing session"
        time.sleep(0.05)


def test_the_preview_panel_shows_the_draft_banner_in_both_views(page, live_server, banner):
    base = live_server.url
    watch_csp(page)
    page.add_init_script("localStorage.removeItem('wagtail:side-panel-open')")
    page.goto(base + "/admin/login/")
    page.get_by_label("Username").fill("erin")
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(base + "/admin/")

    page.goto(f"{base}/admin/snippets/core/alertbanner/edit/{banner.pk}/")
    expect(page.get_by_role("textbox", name="Message*")).to_have_value(DRAFT_MESSAGE)
    page.get_by_role("button", name="Toggle preview").click()

    frame = preview(page)
    notice = frame.get_by_role("region", name="Warning notice")
    expect(notice).to_contain_text(f"COVID-19: {DRAFT_MESSAGE}")
    expect(notice.get_by_role("link", name="News")).to_have_attribute("href", "/news/")
    expect(frame.get_by_role("heading", name="Alert banner preview", level=1)).to_be_visible()
    assert csp_violations(preview_frame(page)) == []

    page.get_by_label("Preview mode").select_option(label="Text-only view")
    frame = preview(page)
    notice = frame.get_by_role("region", name="Warning notice")
    expect(notice).to_contain_text(f"COVID-19: {DRAFT_MESSAGE}")
    expect(notice.get_by_role("link", name="News")).to_have_attribute("href", "/text/news/")
    expect(frame.locator("html.text-only")).to_have_count(1)
    expect(frame.locator("script")).to_have_count(0)
    assert csp_violations(preview_frame(page)) == []

    banner.refresh_from_db()
    assert banner.message == LIVE_MESSAGE, "previewing changed nothing readers see"
    leave_admin(page)
