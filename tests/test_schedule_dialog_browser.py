"""The "Set publishing schedule" dialog in Chromium: its words name buttons that are on screen,
its date pickers leave "Save schedule" uncovered and clickable on a laptop and on a phone, and a
go-live time already past is refused next to its field.

Like the editorial flow test, the admin is served by the suite's live server (test settings):
the dialog's behaviour does not depend on what differs from cms.settings.dev (static files from
the finders, email kept in memory), and the time zone is the same, America/New_York.
"""

import re
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from wagtail.models import Workflow

import pytest
from playwright.sync_api import expect

from editorial.roles import WORKFLOW_NAME
from news.models import NewsArticlePage

from .factories import EASTERN, NewsArticlePageFactory
from .test_editorial_flow_browser import (
    action_menu,
    is_session_ping,
    leave_admin,
    messages,
    newsroom,  # noqa: F401 - the fixture
    open_editor,
    sign_in,
    status_panel,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "Ünïcode trial: a new option for people with metastatic melanoma and their families"
LAPTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def story(newsroom):  # noqa: F811
    base, news = newsroom
    article = NewsArticlePageFactory(
        parent=news, title=TITLE, live=False, first_published_at=None, posted_at_override=None
    )
    article.save_revision()
    return base, article


def in_review(article):
    staff = get_user_model().objects.get(username="sam")
    Workflow.objects.get(name=WORKFLOW_NAME).start(article, staff)


def open_schedule_dialog(page, base, article, username, viewport=LAPTOP):
    # The admin reopens the last side panel from localStorage a moment after loading.
    page.add_init_script("localStorage.removeItem('wagtail:side-panel-open')")
    sign_in(page, base, username)
    page.set_viewport_size(viewport)
    open_editor(page, f"{base}/admin/pages/{article.pk}/edit/")
    panel = status_panel(page)
    panel.get_by_role("button", name="Set schedule").click()
    dialog = page.get_by_role("dialog", name="Set publishing schedule")
    expect(dialog).to_be_visible()
    return dialog


def close_dialog(page, dialog):
    dialog.get_by_role("button", name="Close").click()
    expect(dialog).to_be_hidden()


def quoted_button(text):
    """The button name a note quotes: “Approve and Publish”."""
    return text.split("“", 1)[1].split("”", 1)[0]


def typed(moment):
    return timezone.localtime(moment, EASTERN).strftime("%Y-%m-%d %H:%M")


# --- the dialog's words ---------------------------------------------------------------------


def test_an_editor_reviewing_a_story_is_told_the_button_to_approve_it(page, story):
    base, article = story
    in_review(article)
    dialog = open_schedule_dialog(page, base, article, "eve")
    text = dialog.inner_text()
    assert "The news article goes live at this time once you choose “Approve and Publish”." in text
    assert "Save the schedule first." in text
    assert "Schedule to publish" not in text
    close_dialog(page, dialog)
    expect(
        action_menu(page).get_by_role("button", name=quoted_button(text), exact=True)
    ).to_be_visible()
    leave_admin(page)


def test_staff_are_told_to_submit_to_editorial_review(page, story):
    base, article = story
    dialog = open_schedule_dialog(page, base, article, "sam")
    text = dialog.inner_text()
    assert "An editor's approval makes the schedule count." in text
    assert "Save the schedule, then choose “Submit to Editorial review”." in text
    assert "publishing permissions" not in text
    close_dialog(page, dialog)
    button = action_menu(page).get_by_role("button", name=quoted_button(text), exact=True)
    expect(button).to_be_visible()
    leave_admin(page)


def test_an_editor_publishing_their_own_story_finds_the_button_the_dialog_names(page, story):
    base, article = story
    dialog = open_schedule_dialog(page, base, article, "eve")
    text = dialog.inner_text()
    assert "Save the schedule, then choose “Schedule to publish”" in text
    dialog.get_by_label("Go live date/time").fill(typed(timezone.now() + timedelta(days=3)))
    with page.expect_response(is_session_ping):
        dialog.get_by_role("button", name="Save schedule").click()
    expect(messages(page)).to_contain_text(f"Page '{TITLE}' has been updated.")
    expect(
        action_menu(page).get_by_role("button", name=quoted_button(text), exact=True)
    ).to_be_visible()
    leave_admin(page)


# --- the date picker and the button ---------------------------------------------------------


def boxes_overlap(a, b):
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def uncovered(page, locator):
    """Whether what a person sees at the middle of an element is that element."""
    box = locator.bounding_box()
    return locator.evaluate(
        "(el, [x, y]) => el.contains(document.elementFromPoint(x, y))",
        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
    )


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
@pytest.mark.parametrize(
    "field", ["Go live date/time", "Expiry date/time"], ids=["go-live", "expiry"]
)
def test_the_open_picker_leaves_save_schedule_uncovered_and_clickable(page, story, viewport, field):
    base, article = story
    in_review(article)
    dialog = open_schedule_dialog(page, base, article, "eve", viewport)
    when = timezone.now() + timedelta(days=5)
    dialog.get_by_label(field).click()
    picker = dialog.locator(".xdsoft_datetimepicker").locator("visible=true")
    expect(picker).to_have_count(1)
    save = dialog.get_by_role("button", name="Save schedule")
    save.scroll_into_view_if_needed()
    picker_box, save_box = picker.bounding_box(), save.bounding_box()
    assert not boxes_overlap(picker_box, save_box), (picker_box, save_box)

    # All of the picker is there to use: its month arrows and its last row of days are what a
    # person sees at their place, not the dialog's header over them.
    for part in (picker.locator(".xdsoft_prev").first, picker.locator(".xdsoft_date").last):
        assert uncovered(page, part), f"the picker's {part} is covered"
    dialog_box = dialog.bounding_box()
    assert picker_box["x"] >= dialog_box["x"]
    assert picker_box["x"] + picker_box["width"] <= dialog_box["x"] + dialog_box["width"]

    # With the picker still open, one click on "Save schedule" saves.
    dialog.get_by_label(field).fill(typed(when))
    expect(picker).to_have_count(1)
    with page.expect_response(is_session_ping):
        save.click()
    expect(messages(page)).to_contain_text(f"Page '{TITLE}' has been updated.")
    draft = NewsArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    saved = draft.go_live_at if field.startswith("Go live") else draft.expire_at
    assert typed(saved) == typed(when)
    leave_admin(page)


# --- a go-live time already past ------------------------------------------------------------


def test_a_past_go_live_is_refused_in_the_dialog_and_nothing_is_saved(page, story):
    base, article = story
    in_review(article)
    revisions = article.revisions.count()
    dialog = open_schedule_dialog(page, base, article, "eve")
    dialog.get_by_label("Go live date/time").fill(typed(timezone.now() - timedelta(hours=2)))
    dialog.get_by_role("button", name="Save schedule").click()
    expect(
        page.get_by_text("The page could not be saved due to validation errors.")
    ).to_be_visible()

    panel = status_panel(page)
    expect(panel).to_contain_text("Invalid schedule")
    panel.get_by_role("button", name="Edit schedule").click()
    dialog = page.get_by_role("dialog", name="Set publishing schedule")
    go_live = dialog.get_by_label("Go live date/time")
    expect(go_live).to_have_accessible_description(
        re.compile(
            re.escape(
                "That time has already passed. Choose a later time, or clear the field to "
                "publish as soon as it is approved."
            )
        )
    )
    assert article.revisions.count() == revisions
    article.refresh_from_db()
    assert article.go_live_at is None and not article.live
    leave_admin(page)
