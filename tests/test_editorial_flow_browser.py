"""The editorial flow end to end, in a real browser.

Communications staff write a story and submit it for review; they cannot publish it. An editor
schedules it and approves it; readers see nothing until its go-live time, then see it in both the
graphic and the text-only view with its date and a tap-to-call contact.
"""

import time
from datetime import timedelta
from types import SimpleNamespace
from unittest import mock

import django.apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone
from django.utils.formats import date_format

from wagtail.admin.models import EditingSession

import pytest
from playwright.sync_api import FormData, expect

from editorial.roles import EDITORS_GROUP, STAFF_GROUP, install_editorial_roles
from editorial.scheduling import run_due
from news.models import NewsArticlePage

from .conftest import build_site_tree
from .factories import EASTERN, AuthorFactory, CategoryFactory, ImageFactory
from .helpers import visible_text

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "correct horse battery staple"
TITLE = "New melanoma trial opens"
SLUG = "new-melanoma-trial-opens"


@pytest.fixture
def newsroom(live_server, settings):
    # Autosave would turn the create form into an edit form at an unpredictable moment (so the
    # submit lands on either view, with different messages) and would write to SQLite while the
    # form's own requests do. Editing-session pings stay: one when an editor opens, none after.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 10 * 60 * 1000
    _home, news = build_site_tree()
    install_editorial_roles(django.apps.apps)
    User = get_user_model()
    staff = User.objects.create_user("sam", "sam@example.org", PASSWORD, first_name="Sam")
    staff.groups.add(Group.objects.get(name=STAFF_GROUP))
    editor = User.objects.create_user("eve", "eve@example.org", PASSWORD, first_name="Eve")
    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
    AuthorFactory(name="Jane Writer")
    CategoryFactory(name="Research")
    ImageFactory(title="Infusion center")
    mail.outbox.clear()
    return live_server.url, news


# --- admin helpers ---------------------------------------------------------------------------


def sign_in(page, base, username):
    page.goto(base + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(base + "/admin/")
    expect(page.get_by_role("navigation", name="Main menu")).to_be_visible()


def is_session_ping(response):
    return "/admin/editing-sessions/ping/" in response.url


def open_editor(page, url):
    """Open a page's edit view and wait for its editing-session ping, so that no write of the
    admin's own is still running against SQLite when the test's next request writes."""
    with page.expect_response(is_session_ping):
        page.goto(url)


def action_menu(page):
    page.get_by_role("button", name="More actions").click()
    return page


def messages(page):
    return page.get_by_role("status").filter(has_text="Page '")


def choose(page, button, item):
    """Open a chooser modal, pick an item by its link text, wait for the modal to close."""
    page.get_by_role("button", name=button).click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_role("heading", name=button)).to_be_visible()
    dialog.get_by_role("link", name=item).click()
    expect(dialog).to_be_hidden()


def admin_page(new_context):
    """A browser of its own for one admin user.

    The admin reopens the last side panel a moment after each page loads (from localStorage),
    which would race a click on the panel's toggle; forgetting it makes every editor page
    start with the side panels closed."""
    context = new_context()
    context.add_init_script("localStorage.removeItem('wagtail:side-panel-open')")
    return context.new_page()


def status_panel(page):
    page.get_by_role("button", name="Toggle status").click()
    panel = page.get_by_role("complementary", name="Status")
    expect(panel).to_be_visible()
    return panel


def leave_admin(page, timeout=5):
    """Navigate away and wait until the admin has released the page's editing session.

    The release is a beacon sent as the page unloads. Waiting for it keeps it from writing to
    SQLite at the same moment as the next request, and from arriving after the test's database
    is gone (when the browser closes at teardown)."""
    page.goto("about:blank")
    deadline = time.monotonic() + timeout
    while EditingSession.objects.exists():
        assert time.monotonic() < deadline, "the admin did not release its editing session"
        time.sleep(0.05)


# --- reader helpers --------------------------------------------------------------------------


def assert_not_found(reader, base, path):
    response = reader.goto(base + path)
    assert response.status == 404, f"{path} answered {response.status}"
    expect(reader.get_by_role("heading", name="Page not found", level=1)).to_be_visible()
    expect(reader.get_by_text(TITLE)).to_have_count(0)


def assert_not_listed(reader, base, path):
    response = reader.goto(base + path)
    assert response.status == 200
    expect(reader.get_by_role("heading", name="News", level=1)).to_be_visible()
    expect(reader.get_by_text("There are no stories yet.")).to_be_visible()
    expect(reader.get_by_text(TITLE)).to_have_count(0)


def assert_story_shown(reader, base, path, posted_on):
    response = reader.goto(base + path)
    assert response.status == 200, f"{path} answered {response.status}"
    expect(reader.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    expect(reader.get_by_text("The trial opens today at the infusion center.")).to_be_visible()
    expect(reader.get_by_text(f"Posted on: {posted_on}")).to_be_visible()
    expect(reader.get_by_text("Written by: Jane Writer")).to_be_visible()
    phone = reader.get_by_role("link", name="(804) 828-9325")
    expect(phone).to_be_visible()
    expect(phone).to_have_attribute("href", "tel:+18048289325")


def assert_listed(reader, base, path, story_path, posted_on):
    response = reader.goto(base + path)
    assert response.status == 200
    link = reader.get_by_role("link", name=TITLE, exact=True)
    expect(link).to_be_visible()
    expect(link).to_have_attribute("href", story_path)
    expect(reader.get_by_text(posted_on, exact=True)).to_be_visible()


# --- the flow --------------------------------------------------------------------------------


def write_and_submit_story(page, base, news):
    page.goto(f"{base}/admin/pages/{news.pk}/")
    expect(page.get_by_role("heading", name="News", level=1)).to_be_visible()
    page.get_by_role("link", name="Add child page").first.click()
    breadcrumb = page.get_by_role("navigation", name="Breadcrumb")
    expect(breadcrumb.get_by_text("New: News article")).to_be_visible()

    page.get_by_role("textbox", name="Title*").fill(TITLE)
    page.get_by_role("textbox", name="Summary").fill("A new trial for people with melanoma.")
    choose(page, "Choose an image", "Infusion center")
    content = page.get_by_role("tabpanel", name="Content")
    expect(content.get_by_text("Infusion center", exact=True)).to_be_visible()
    page.get_by_role("textbox", name="Alt text").fill("Nurses at the infusion center")

    page.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="Paragraph").click()
    page.get_by_role("textbox").filter(has=page.locator("[data-contents]")).first.click()
    page.keyboard.type("The trial opens today at the infusion center.")
    page.get_by_role("button", name="Insert a block").last.click()
    page.get_by_role("option", name="Contact").click()
    page.get_by_role("textbox", name="Intro").fill("To join the trial, contact")
    page.get_by_role("textbox", name="Name", exact=True).fill("Trial office")
    page.get_by_role("textbox", name="Phone").fill("(804) 828-9325")

    page.get_by_role("button", name="Add author").click()
    authors = page.get_by_role("dialog")
    authors.get_by_role("checkbox", name="Jane Writer").click()
    authors.get_by_role("button", name="Confirm selection").click()
    expect(authors).to_be_hidden()
    choose(page, "Choose category", "Research")

    # Staff cannot publish, so submitting is their main button.
    with page.expect_navigation():
        page.get_by_role("button", name="Submit to Editorial review").click()


def set_go_live(page, panel, go_live):
    """Set the go-live time through the status panel's publishing-schedule dialog."""
    panel.get_by_role("button", name="Set schedule").click()
    dialog = page.get_by_role("dialog", name="Set publishing schedule")
    expect(dialog).to_be_visible()
    dialog.get_by_label("Go live date/time").fill(go_live.strftime("%Y-%m-%d %H:%M"))
    # The date picker opens a moment after the field takes focus, above the field: "Save
    # schedule" is clicked at once, with the picker still open, as a person would.
    open_pickers = dialog.locator(".xdsoft_datetimepicker").locator("visible=true")
    expect(open_pickers).to_have_count(1)
    with page.expect_response(is_session_ping):  # "Save schedule" saves and reloads the editor
        dialog.get_by_role("button", name="Save schedule").click()


def test_story_goes_from_submission_to_schedule_to_readers(page, new_context, newsroom):
    base, news = newsroom
    story_path = f"/news/{SLUG}/"
    text_story_path = f"/text/news/{SLUG}/"

    # 1. Staff write the story in the admin and submit it for review; the editor is emailed.
    sign_in(page, base, "sam")
    write_and_submit_story(page, base, news)
    expect(messages(page)).to_contain_text(
        f"Page '{TITLE}' created and submitted to Editorial review."
    )
    listing_row = page.get_by_role("row").filter(has_text=TITLE)
    expect(listing_row).to_contain_text("in Editorial review")
    expect(page.get_by_text("moderation")).to_have_count(0)

    article = NewsArticlePage.objects.get(slug=SLUG)
    assert not article.live
    assert [block.block_type for block in article.get_latest_revision_as_object().body] == [
        "paragraph",
        "contact",
    ]
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (
            ["eve@example.org"],
            f'The page "{TITLE}" is waiting for your review (Editorial review: Editor approval)',
        )
    ]
    assert f"/admin/pages/{article.pk}/edit/" in mail.outbox[0].body

    # 2. Readers cannot see a story under review, in either view, nor find it in the lists.
    reader = new_context().new_page()
    for path in (story_path, text_story_path):
        assert_not_found(reader, base, path)
    for path in ("/news/", "/text/news/"):
        assert_not_listed(reader, base, path)

    # 3a. Staff are offered no way to publish: the story is locked to the reviewers.
    edit_url = f"{base}/admin/pages/{article.pk}/edit/"
    open_editor(page, edit_url)
    expect(
        page.get_by_text(
            "This page is waiting for Editorial review. "
            "Only reviewers for this task can edit the page."
        )
    ).to_be_visible()
    menu = action_menu(page)
    expect(menu.get_by_role("button", name="Page locked")).to_be_visible()
    expect(page.get_by_role("button", name="Publish", exact=True)).to_have_count(0)
    expect(page.get_by_role("button", name="Schedule to publish")).to_have_count(0)

    # 3b. ...and a hand-made publish request with the edit form's own fields is refused.
    fields = page.evaluate(
        """() => [...new FormData(document.querySelector("form[data-edit-form]")).entries()]
                 .filter(([, value]) => typeof value === "string")"""
    )
    form = FormData()
    for name, value in fields:
        form.append(name, value)
    form.append("action-publish", "action-publish")
    revisions_before = article.revisions.count()
    refused = page.request.post(edit_url, multipart=form, headers={"Referer": edit_url})
    assert refused.status == 403
    refusal = visible_text(SimpleNamespace(content=refused.body()))
    assert "Publishing is for editors" in refusal
    assert "Nothing was saved." in refusal
    article.refresh_from_db()
    assert not article.live
    assert article.revisions.count() == revisions_before
    assert article.workflow_in_progress
    leave_admin(page)

    # 4. The editor sets a go-live time a few minutes ahead, then approves.
    go_live = (
        (timezone.now() + timedelta(minutes=3)).astimezone(EASTERN).replace(second=0, microsecond=0)
    )
    if go_live.replace(fold=0).utcoffset() != go_live.replace(fold=1).utcoffset():
        go_live += timedelta(hours=1)  # 1-2 a.m. the night clocks go back: a time typed twice
    shown_go_live = date_format(go_live, "DATETIME_FORMAT")  # "Nov. 28, 2026, 2:48 a.m."
    editor = admin_page(new_context)
    sign_in(editor, base, "eve")
    open_editor(editor, edit_url)
    panel = status_panel(editor)
    expect(panel).to_contain_text("In Editorial review")
    expect(panel).to_contain_text("Sent to Editor approval")
    expect(panel).to_contain_text("No publishing schedule set")

    set_go_live(editor, panel, go_live)
    expect(messages(editor)).to_contain_text(f"Page '{TITLE}' has been updated.")
    panel = status_panel(editor)
    expect(panel).to_contain_text("Once scheduled:")
    expect(panel).to_contain_text(f"Go-live: {shown_go_live}")

    # One approval: with a go-live time set, "Approve and Publish" schedules the story, and
    # the editor is told when it goes live.
    with editor.expect_navigation():
        action_menu(editor).get_by_role("button", name="Approve and Publish").click()
    approved_for = f"{go_live.day} {go_live:%B %Y} at {go_live:%-I:%M} {go_live:%p}"
    approved_for = approved_for.replace("AM", "a.m.").replace("PM", "p.m.")  # 9:00 a.m.
    expect(messages(editor)).to_contain_text(
        f"Page '{TITLE}' has been approved and will go live on {approved_for}, New York time."
    )
    expect(editor.get_by_role("row").filter(has_text=TITLE)).to_contain_text("scheduled")

    open_editor(editor, edit_url)
    expect(
        editor.get_by_text(
            f"Page '{TITLE}' is locked and has been scheduled to go live at {shown_go_live}"
        )
    ).to_be_visible()
    expect(status_panel(editor)).to_contain_text(f"Go-live: {shown_go_live}")
    leave_admin(editor)

    article.refresh_from_db()
    assert not article.live
    assert article.go_live_at == go_live
    assert list(
        article.revisions.filter(approved_go_live_at__isnull=False).values_list(
            "approved_go_live_at", flat=True
        )
    ) == [go_live]
    # The submitter hears of the approval.
    assert [(m.to, m.subject) for m in mail.outbox[1:]] == [
        (["sam@example.org"], f'The page "{TITLE}" has been approved in "Editorial review".')
    ]
    for path in (story_path, text_story_path):
        assert_not_found(reader, base, path)
    assert_not_listed(reader, base, "/news/")

    # Before its time, the scheduler leaves it alone.
    assert run_due().published == []

    # 5. Time passes. run_due() takes no "as of" time (Wagtail's publishing reads the clock
    # itself), so the clock is moved to a second past go-live while the scheduler runs.
    with mock.patch("django.utils.timezone.now", return_value=go_live + timedelta(seconds=1)):
        run = run_due()
    assert [story.pk for story in run.published] == [article.pk]
    article.refresh_from_db()
    assert article.live
    assert article.first_published_at == go_live

    posted_on = go_live.strftime("%B %-d, %Y")  # "May 11, 2015"
    assert_story_shown(reader, base, story_path, posted_on)
    expect(reader.get_by_role("img", name="Nurses at the infusion center")).to_be_visible()
    assert_story_shown(reader, base, text_story_path, posted_on)
    expect(reader.get_by_role("img")).to_have_count(0)
    expect(reader.get_by_text("[View Image]")).to_be_visible()
    assert_listed(reader, base, "/news/", story_path, posted_on)
    assert_listed(reader, base, "/text/news/", text_story_path, posted_on)
