"""Autosave in the story editor, in a real browser, with Wagtail's default interval as under
`make run`.

Opening "Add news article" saves nothing. A story is saved as a draft from the moment it has a
title, and from then on every change, even one that leaves it incomplete (an image without alt
text yet, a contact block not filled in), is autosaved without a validation notice: a draft may
be unfinished; submitting it is what checks it.
"""

import time

import django.apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.models import Revision

import pytest
from playwright.sync_api import expect

from editorial.roles import STAFF_GROUP, install_editorial_roles
from news.models import NewsArticlePage

from .conftest import build_site_tree
from .factories import AuthorFactory, CategoryFactory, ImageFactory
from .test_editorial_flow_browser import PASSWORD, admin_page, leave_admin, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Wagtail watches the form from 2 s after it loads, then saves half a second after a change.
SETTLE = 4
TITLE = "Ça commence : a trial for Ångström’s patients"


@pytest.fixture
def editor(live_server, new_context):
    _home, news = build_site_tree()
    install_editorial_roles(django.apps.apps)
    writer = get_user_model().objects.create_user("sam", "sam@example.org", PASSWORD)
    writer.groups.add(Group.objects.get(name=STAFF_GROUP))
    AuthorFactory(name="Jane Writer")
    CategoryFactory(name="Research")
    ImageFactory(title="Infusion center")
    page = admin_page(new_context)
    sign_in(page, live_server.url, "sam")
    yield page
    leave_admin(page)


def latest_draft(timeout=30, test=lambda story: True):
    """The newest saved draft of the story once ``test`` holds for it (a loaded machine may
    take a while to save)."""
    deadline = time.monotonic() + timeout
    while True:
        # The only story; its row may keep the part of the title typed by its first autosave.
        story = NewsArticlePage.objects.first()
        draft = story and story.get_latest_revision_as_object()
        if draft and draft.title == TITLE and test(draft):
            return draft
        assert time.monotonic() < deadline, "the change was not autosaved"
        time.sleep(0.1)


def expect_no_notice(page):
    # The autosave indicator keeps its "paused" wording on the page, hidden until needed.
    expect(page.get_by_text("Autosave is paused").filter(visible=True)).to_have_count(0)
    expect(page.get_by_text("There are validation errors")).to_have_count(0)


def test_nothing_is_saved_before_the_title_and_every_change_after_it(editor):
    page = editor
    page.get_by_role("link", name="Write a news story").click()
    expect(page.get_by_role("navigation", name="Breadcrumb")).to_contain_text("New: News article")
    time.sleep(SETTLE)
    assert not NewsArticlePage.objects.exists()
    assert not Revision.objects.exists()
    expect_no_notice(page)

    # Choosing an author before typing a title: still nothing to save, and nothing to say.
    page.get_by_role("button", name="Add author").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("checkbox", name="Jane Writer").click()
    dialog.get_by_role("button", name="Confirm selection").click()
    expect(dialog).to_be_hidden()
    time.sleep(SETTLE)
    assert not NewsArticlePage.objects.exists()
    expect_no_notice(page)

    # The title makes it a draft, with the author already chosen.
    page.get_by_role("textbox", name="Title*").press_sequentially(TITLE)
    draft = latest_draft()
    assert [author.name for author in draft.authors] == ["Jane Writer"]
    assert not draft.live
    expect(page).to_have_url(f"{page.url.split('/admin/')[0]}/admin/pages/{draft.pk}/edit/")
    expect_no_notice(page)

    # An image before its alt text, and a contact block not yet filled in: saved as they are.
    page.get_by_role("button", name="Choose an image").click()
    page.get_by_role("dialog").get_by_role("link", name="Infusion center").click()
    draft = latest_draft(test=lambda story: story.lead_image is not None)
    assert draft.lead_image_alt == ""
    page.get_by_role("button", name="Insert a block").last.click()
    page.get_by_role("option", name="Contact", exact=True).filter(visible=True).last.click()
    expect(page.get_by_role("button", name="Insert a block", expanded=True)).to_have_count(0)
    draft = latest_draft(test=lambda story: len(story.body) == 1)
    assert draft.body[0].block_type == "contact"
    time.sleep(SETTLE)
    expect_no_notice(page)
    assert NewsArticlePage.objects.count() == 1


def test_a_button_pressed_while_an_autosave_is_on_its_way_waits_for_it(editor):
    """On a slow connection the first autosave has created the story on the server while its
    answer is still on the way. "Submit to Editorial review" pressed then must submit that
    story, not post the new-story form a second time (whose slug the autosave has taken)."""
    page = editor
    held_autosaves = []

    def hold_autosave_answers(route):
        request = route.request
        if request.method == "POST" and "application/json" in request.headers.get("accept", ""):
            held_autosaves.append(route)
        else:
            route.continue_()

    page.get_by_role("link", name="Write a news story").click()
    expect(page.get_by_role("navigation", name="Breadcrumb")).to_contain_text("New: News article")
    page.get_by_role("textbox", name="Summary*").fill(
        "A trial for patients whose cancer has spread."
    )
    page.get_by_role("button", name="Add author").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("checkbox", name="Jane Writer").click()
    dialog.get_by_role("button", name="Confirm selection").click()
    expect(dialog).to_be_hidden()
    page.get_by_role("button", name="Choose category").click()
    page.get_by_role("dialog").get_by_role("link", name="Research").click()
    page.get_by_role("button", name="Insert a block").last.click()
    page.get_by_role("option", name="Paragraph", exact=True).filter(visible=True).last.click()
    expect(page.get_by_role("button", name="Insert a block", expanded=True)).to_have_count(0)
    page.get_by_role("textbox").filter(has=page.locator("[data-contents]")).first.click()
    page.keyboard.type("Patients can join from today.")
    page.get_by_role("textbox", name="Summary*").click()  # away from the paragraph's own menus
    time.sleep(SETTLE)
    assert not NewsArticlePage.objects.exists()

    page.route("**/admin/pages/**", hold_autosave_answers)
    page.get_by_role("textbox", name="Title*").press_sequentially(TITLE)
    deadline = time.monotonic() + 30
    while not held_autosaves:
        assert time.monotonic() < deadline, "the title was not autosaved"
        page.wait_for_timeout(100)
    # The server makes the story; the editor has not heard back yet.
    route = held_autosaves.pop()
    answer = route.fetch()
    assert NewsArticlePage.objects.filter(title=TITLE).exists()
    page.get_by_role("button", name="Submit to Editorial review").click()
    page.wait_for_timeout(1000)
    expect(page.get_by_text("could not be created")).to_have_count(0)
    route.fulfill(response=answer)
    page.unroute("**/admin/pages/**")

    expect(page.get_by_role("status").filter(has_text=f"Page '{TITLE}'")).to_contain_text(
        "submitted to Editorial review"
    )
    story = NewsArticlePage.objects.get()
    assert story.title == TITLE
    assert story.workflow_in_progress
    assert not story.live
