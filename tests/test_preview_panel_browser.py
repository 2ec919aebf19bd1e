"""The page editor's preview panel, in real Chromium: both views of the draft, framed beside it.

The live server runs the test settings. Their middleware, Content-Security-Policy and
X-Frame-Options are those of `make run` (both come from cms.settings.base); they differ from
it in DEBUG, demo accounts, the cache and serving /media/, which tests.media_urls adds back so
the preview's images load as they do under `make run`.
"""

import re
import time

from django.utils import timezone

from wagtail.admin.models import EditingSession

import pytest
from playwright.sync_api import expect

from .conftest import build_site_tree
from .editorial import newsroom
from .factories import ImageFactory, NewsArticlePageFactory
from .quality.gates import csp_violations, watch_csp

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PUBLISHED_TITLE = "Zoë Nguyễn’s IL-2 trial opens"
# The editor holds a later draft than the live page; the preview must show the draft.
DRAFT_TITLE = (
    "Zoë Nguyễn’s IL-2 trial opens at the Dalton Oncology Clinic for people with metastatic "
    "melanoma and kidney cancer — referrals welcome"
)
ALT = "Nurses at the infusion center, Señora Peña at the chair"
SCREENSHOTS = "/tmp/preview-panel-{}.png"  # noqa: S108 - looked at by hand, never committed


@pytest.fixture
def story(live_server, settings, tmp_path):
    settings.ROOT_URLCONF = "tests.media_urls"
    settings.MEDIA_ROOT = tmp_path
    # Autosave and session pings write to SQLite while the test does; see the editorial flow.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 10 * 60 * 1000
    _home, news = build_site_tree()
    newsroom()
    story = NewsArticlePageFactory(
        parent=news,
        title=PUBLISHED_TITLE,
        slug="il2-trial-opens",
        lead_image=ImageFactory(title="Infusion center"),
        lead_image_alt=ALT,
        first_published_at=timezone.now().replace(microsecond=123456),
    )
    story.save_revision().publish()
    story.title = DRAFT_TITLE
    story.save_revision()
    return story


def sign_in_as_writer(page, base):
    page.goto(base + "/admin/login/")
    page.get_by_label("Username").fill("sam")
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(base + "/admin/")


def open_editor(page, base, story):
    with page.expect_response(lambda r: "/admin/editing-sessions/ping/" in r.url):
        page.goto(f"{base}/admin/pages/{story.pk}/edit/")
    expect(page.get_by_role("textbox", name="Title*")).to_have_value(DRAFT_TITLE)


def preview(page):
    """The framed preview. The panel loads each new preview in a fresh frame and then swaps it
    for the old one, so the last frame is the one on screen."""
    return page.frame_locator("iframe[title='Preview']").last


def preview_frame(page):
    return page.locator("iframe[title='Preview']").last.element_handle().content_frame()


def assert_graphic(page):
    frame = preview(page)
    expect(frame.get_by_role("heading", name=DRAFT_TITLE, level=1)).to_be_visible()
    image = frame.get_by_role("img", name=ALT)
    expect(image).to_be_visible()
    expect(image).to_have_js_property("complete", True)
    assert image.evaluate("img => img.naturalWidth") > 0, "the lead image did not load"
    return image


def assert_text_only(page):
    frame = preview(page)
    expect(frame.get_by_role("heading", name=DRAFT_TITLE, level=1)).to_be_visible()
    expect(frame.get_by_role("link", name="[View Image]")).to_be_visible()
    expect(frame.get_by_role("img")).to_have_count(0)
    return frame.get_by_role("link", name="[View Image]")


def new_tab_link(page):
    return page.get_by_role("link", name="Preview in new tab")


def leave_admin(page, timeout=5):
    """Close the editor and wait until it has released its editing session, so the release
    does not reach the server after the test's database is gone."""
    page.goto("about:blank")
    deadline = time.monotonic() + timeout
    while EditingSession.objects.exists():
        assert time.monotonic() < deadline, "the admin did not release its editing session"
        time.sleep(0.05)


def test_the_side_panel_shows_both_views_of_the_draft(page, live_server, story):
    base = live_server.url
    # A frame the policy refuses never loads, so it reports no violation of its own: Chromium
    # says so on the console of the page that tried to frame it.
    refused = []

    def note_refusal(message):
        if message.type == "error" and "Content Security Policy" in message.text:
            refused.append(message.text)

    page.on("console", note_refusal)
    watch_csp(page)  # in the editor and in every frame it loads
    # The admin reopens a side panel left open a moment after the editor loads, which would
    # race the click on its toggle: every editor here starts with the panels closed.
    page.add_init_script("localStorage.removeItem('wagtail:side-panel-open')")
    sign_in_as_writer(page, base)

    # Graphic view: one click from the editor.
    open_editor(page, base, story)
    page.get_by_role("button", name="Toggle preview").click()
    assert_graphic(page).scroll_into_view_if_needed()
    page.screenshot(path=SCREENSHOTS.format("graphic"))
    assert csp_violations(preview_frame(page)) == []

    # Text-only view: the one other choice in the panel's "Preview mode".
    page.get_by_label("Preview mode").select_option(label="Text-only view")
    assert_text_only(page).scroll_into_view_if_needed()
    page.screenshot(path=SCREENSHOTS.format("text-only"))
    assert csp_violations(preview_frame(page)) == []

    # The panel opens in the view last used: text-only is then one click from the editor too.
    open_editor(page, base, story)
    page.get_by_role("button", name="Toggle preview").click()
    expect(page.get_by_label("Preview mode")).to_have_value("text")
    assert_text_only(page)
    expect(new_tab_link(page)).to_have_attribute("href", re.compile(r"\?mode=text$"))
    page.get_by_label("Preview mode").select_option(label="Graphic view")
    assert_graphic(page)
    assert csp_violations(preview_frame(page)) == []

    open_editor(page, base, story)
    page.get_by_role("button", name="Toggle preview").click()
    assert_graphic(page)
    expect(new_tab_link(page)).to_have_attribute("href", re.compile(r"\?mode=$"))
    assert csp_violations(page) == []
    assert refused == []
    leave_admin(page)
