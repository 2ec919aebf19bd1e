"""Scheduling through the admin, as editors and staff post it: a go-live time already past is
refused next to its field with nothing saved, a story saved again keeps the go-live time it
went live at, "Posted on" is never a date nobody published at, and the messages after a
submission or an approval say what happened in the newsroom's words."""

import re
from datetime import datetime, timedelta
from pathlib import Path

from django.urls import resolve, reverse
from django.utils import timezone
from django.utils.translation import gettext

from wagtail.admin.views.pages.edit import EditView
from wagtail.models import WorkflowState

import pytest
import time_machine
from bs4.element import NavigableString, TemplateString

from editorial.roles import WORKFLOW_NAME
from editorial.scheduling import run_due
from news.models import NewsArticlePage

from .editorial import newsroom
from .factories import EASTERN, NewsArticlePageFactory
from .helpers import soup, visible_text
from .test_admin import article_form

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
TITLE = "Ünïcode trial: a new option for people with metastatic melanoma and their families"


@pytest.fixture
def people(news_index):
    return newsroom()


def typed(moment):
    """A time as an editor types it in the schedule dialog: New York time, to the minute."""
    return timezone.localtime(moment, EASTERN).strftime("%Y-%m-%d %H:%M")


def described(response, name, kind):
    """The text an admin form field is described by (its help or its errors), as a screen
    reader announces it with the field."""
    page = soup(response)
    field = page.find(id=f"id_{name}")
    assert field is not None, f"no {name} field on the page"
    for described_by in field.get("aria-describedby", "").split():
        if described_by.endswith(f"-{kind}"):
            # The schedule dialog's fields sit in a <template> until the dialog opens.
            text = page.find(id=described_by).get_text(" ", types=(NavigableString, TemplateString))
            return " ".join(text.split())
    return ""


def field_errors(response, name):
    return described(response, name, "errors")


def add_url(news_index):
    return f"/admin/pages/add/news/newsarticlepage/{news_index.pk}/"


def messages_after(client, response):
    assert response.status_code == 302, response.status_code
    return visible_text(client.get(response["Location"]))


# --- a go-live time in the past -----------------------------------------------------------


def test_a_new_story_with_a_past_go_live_is_refused_next_to_the_field(client, people, news_index):
    _staff, editor = people
    client.force_login(editor)
    an_hour_ago = typed(timezone.now() - timedelta(hours=1))
    response = client.post(
        add_url(news_index), {**article_form(go_live_at=an_hour_ago), "action-publish": "1"}
    )
    assert response.status_code == 200
    assert field_errors(response, "go_live_at") == (
        "That time has already passed. Choose a later time, or clear the field to publish as "
        "soon as it is approved."
    )
    assert "The page could not be created due to validation errors." in visible_text(response)
    assert not NewsArticlePage.objects.filter(slug="new-trial-opens").exists()


def test_staff_submitting_with_a_past_go_live_are_refused_too(client, people, news_index):
    staff, _editor = people
    client.force_login(staff)
    yesterday = typed(timezone.now() - timedelta(days=1))
    response = client.post(
        add_url(news_index), {**article_form(go_live_at=yesterday), "action-submit": "1"}
    )
    assert response.status_code == 200
    assert "That time has already passed." in field_errors(response, "go_live_at")
    assert not NewsArticlePage.objects.filter(slug="new-trial-opens").exists()
    assert not WorkflowState.objects.exists()


def test_changing_a_draft_to_a_past_go_live_saves_nothing(client, people, news_index):
    _staff, editor = people
    client.force_login(editor)
    tomorrow = timezone.now() + timedelta(days=1)
    client.post(add_url(news_index), article_form(title=TITLE, go_live_at=typed(tomorrow)))
    article = NewsArticlePage.objects.get(slug="new-trial-opens")
    revisions = article.revisions.count()

    response = client.post(
        f"/admin/pages/{article.pk}/edit/",
        {
            **article_form(title="A changed title", go_live_at=typed(timezone.now())),
            "action-publish": "1",
        },
    )
    assert response.status_code == 200
    assert "That time has already passed." in field_errors(response, "go_live_at")
    article.refresh_from_db()
    assert not article.live
    assert article.revisions.count() == revisions
    draft = article.get_latest_revision_as_object()
    assert draft.title == TITLE
    assert typed(draft.go_live_at) == typed(tomorrow)


def test_a_story_that_went_live_on_schedule_can_be_saved_again_and_again(
    client, people, news_index
):
    _staff, editor = people
    go_live = datetime(2024, 3, 3, 9, 0, 12, 345678, tzinfo=EASTERN)  # set to the microsecond
    article = NewsArticlePageFactory(
        parent=news_index,
        title=TITLE,
        slug="new-trial-opens",
        go_live_at=go_live,
        first_published_at=go_live,
        posted_at_override=None,
    )
    article.save_revision().publish()
    client.force_login(editor)
    url = f"/admin/pages/{article.pk}/edit/"
    # The form shows the go-live time to the minute, and sends it back so.
    shown = soup(client.get(url)).find(id="id_go_live_at")["value"]
    assert shown == "2024-03-03 09:00"

    for summary in ("A first correction.", "A second correction."):
        response = client.post(
            url,
            {
                **article_form(title=TITLE, summary=summary, go_live_at=shown),
                "action-publish": "1",
            },
        )
        assert response.status_code == 302, field_errors(response, "go_live_at")
    article.refresh_from_db()
    assert article.live
    assert article.summary == "A second correction."
    assert article.posted_at == go_live


def test_an_expiry_time_in_the_past_is_refused_with_a_plain_message(client, people, news_index):
    _staff, editor = people
    client.force_login(editor)
    response = client.post(
        add_url(news_index),
        {
            **article_form(expire_at=typed(timezone.now() - timedelta(minutes=5))),
            "action-publish": "1",
        },
    )
    assert response.status_code == 200
    assert field_errors(response, "expire_at") == (
        "That time has already passed. Choose a later time, or clear the field so that it "
        "does not expire."
    )
    assert not NewsArticlePage.objects.filter(slug="new-trial-opens").exists()


def test_going_live_after_expiry_is_refused_on_both_fields(client, people, news_index):
    _staff, editor = people
    client.force_login(editor)
    soon = timezone.now() + timedelta(days=2)
    response = client.post(
        add_url(news_index),
        {
            **article_form(go_live_at=typed(soon), expire_at=typed(soon - timedelta(days=1))),
            "action-publish": "1",
        },
    )
    assert response.status_code == 200
    message = (
        "The go-live time must come before the expiry time: choose an earlier go-live time or "
        "a later expiry time."
    )
    assert field_errors(response, "go_live_at") == message
    assert field_errors(response, "expire_at") == message
    assert not NewsArticlePage.objects.filter(slug="new-trial-opens").exists()


# --- "Posted on" ---------------------------------------------------------------------------


def approve_in_editor(client, editor, article):
    """Approve as an editor does: "Approve and Publish" in the page editor's menu."""
    client.force_login(editor)
    url = f"/admin/pages/{article.pk}/edit/"
    form = soup(client.get(url)).find("form", attrs={"data-edit-form": True})
    assert form is not None
    draft = article.get_latest_revision_as_object()
    go_live = typed(draft.go_live_at) if draft.go_live_at else ""
    return client.post(
        url,
        {
            **article_form(title=draft.title, go_live_at=go_live),
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
        },
    )


def submit(client, staff, news_index, **fields):
    client.force_login(staff)
    response = client.post(add_url(news_index), {**article_form(**fields), "action-submit": "1"})
    assert response.status_code == 302
    return response, NewsArticlePage.objects.get(slug="new-trial-opens")


def test_approved_after_its_go_live_time_a_story_is_posted_when_it_went_live(
    client, people, news_index
):
    staff, editor = people
    go_live = (timezone.now() + timedelta(hours=2)).replace(second=0, microsecond=0)
    _response, article = submit(client, staff, news_index, title=TITLE, go_live_at=typed(go_live))
    approved_at = go_live + timedelta(days=2, hours=3, microseconds=123456)
    with time_machine.travel(approved_at, tick=False):
        response = approve_in_editor(client, editor, article)
        assert response.status_code == 302
        assert f"Page '{TITLE}' has been approved and published." in messages_after(
            client, response
        )
    article.refresh_from_db()
    assert article.live
    assert article.first_published_at == approved_at
    assert article.posted_at == approved_at
    assert article.posted_at_sort == approved_at
    posted = timezone.localtime(approved_at).strftime("%B %-d, %Y")
    assert f"Posted on: {posted}" in visible_text(client.get("/text/news/new-trial-opens/"))


def test_a_story_the_scheduler_publishes_late_is_posted_at_its_go_live_time(
    client, people, news_index
):
    staff, editor = people
    go_live = (timezone.now() + timedelta(days=1)).replace(second=0, microsecond=0)
    _response, article = submit(client, staff, news_index, go_live_at=typed(go_live))
    assert approve_in_editor(client, editor, article).status_code == 302
    with time_machine.travel(go_live + timedelta(minutes=7, microseconds=5), tick=False):
        assert [page.pk for page in run_due().published] == [article.pk]
    article.refresh_from_db()
    assert article.live
    assert article.first_published_at == go_live
    assert article.posted_at_sort == go_live


def test_republishing_on_schedule_keeps_the_first_posted_date(news_index):
    first = datetime(2025, 5, 11, 12, 0, 0, 250000, tzinfo=EASTERN)
    article = NewsArticlePageFactory(
        parent=news_index, first_published_at=first, posted_at_override=None
    )
    article.save_revision().publish()
    article.refresh_from_db()
    assert article.first_published_at == first
    go_live = timezone.now() + timedelta(hours=1)
    article.go_live_at = go_live
    article.save_revision().publish()  # scheduled: a new version of a live story
    with time_machine.travel(go_live + timedelta(seconds=30)):
        assert len(run_due().published) == 1
    article.refresh_from_db()
    assert article.first_published_at == first


# --- what the admin says --------------------------------------------------------------------


def test_approving_a_scheduled_story_says_when_it_goes_live(client, people, news_index):
    staff, editor = people
    year = timezone.localtime().year + 1
    go_live = datetime(year, 3, 3, 9, 0, tzinfo=EASTERN)
    _response, article = submit(client, staff, news_index, title=TITLE, go_live_at=typed(go_live))
    response = approve_in_editor(client, editor, article)
    text = messages_after(client, response)
    assert (
        f"Page '{TITLE}' has been approved and will go live on 3 March {year} at 9:00 a.m., "
        "New York time." in text
    )
    assert "has been updated" not in text
    article.refresh_from_db()
    assert not article.live
    assert article.scheduled_revision.approved_go_live_at == go_live


def test_an_afternoon_go_live_is_named_in_new_york_time(client, people, news_index):
    staff, editor = people
    year = timezone.localtime().year + 1
    go_live = datetime(year, 7, 14, 16, 30, tzinfo=EASTERN)  # 20:30 UTC, in summer time
    _response, article = submit(client, staff, news_index, go_live_at=typed(go_live))
    text = messages_after(client, approve_in_editor(client, editor, article))
    assert f"will go live on 14 July {year} at 4:30 p.m., New York time." in text


def request_changes(client, editor, article):
    client.force_login(editor)
    return client.post(
        f"/admin/pages/{article.pk}/edit/",
        {
            **article_form(title=TITLE),
            "action-workflow-action": "true",
            "workflow-action-name": "reject",
            "workflow-action-extra-data": '{"comment": "Please check the phone number."}',
        },
    )


def test_requesting_changes_says_where_the_story_went(client, people, news_index):
    staff, editor = people
    _response, article = submit(client, staff, news_index, title=TITLE)
    text = messages_after(client, request_changes(client, editor, article))
    assert f"Page '{TITLE}' has been sent back to its author for changes." in text
    assert WorkflowState.objects.get(object_id=str(article.pk)).status == "needs_changes"


def test_a_submission_says_editorial_review_as_its_button_did(client, people, news_index):
    staff, editor = people
    client.force_login(staff)
    form = visible_text(client.get(add_url(news_index)))
    assert f"Submit to {WORKFLOW_NAME}" in form
    response, article = submit(client, staff, news_index, title=TITLE)
    text = messages_after(client, response)
    assert f"Page '{TITLE}' created and submitted to {WORKFLOW_NAME}." in text
    assert "moderation" not in text.lower()

    # Sent back, changed and sent again from the editor: the same words.
    request_changes(client, editor, article)
    client.force_login(staff)
    response = client.post(
        f"/admin/pages/{article.pk}/edit/",
        {**article_form(title=TITLE, summary="With the phone number."), "action-submit": "1"},
    )
    text = messages_after(client, response)
    assert f"Page '{TITLE}' has been submitted to {WORKFLOW_NAME}." in text
    assert "moderation" not in text.lower()


def test_the_schedule_fields_say_what_happens_and_in_which_time_zone(client, people, news_index):
    staff, _editor = people
    client.force_login(staff)
    response = client.get(add_url(news_index))
    help_texts = {
        name: described(response, name, "helptext") for name in ("go_live_at", "expire_at")
    }
    assert help_texts == {
        "go_live_at": "The news article appears on the site at this time, in lists and feeds "
        "too, once an editor has approved or published it; until then the time is only saved. "
        "Leave empty to publish as soon as it is approved. Times are New York time.",
        "expire_at": "The news article comes off the site at this time, and out of lists and "
        "feeds. Nothing is deleted: an editor can publish it again. Leave empty to keep it up. "
        "Times are New York time.",
    }


# --- what this relies on in Wagtail ---------------------------------------------------------


def catalogue_entries(path):
    """(msgid, msgstr) pairs of a .po file, continuation lines joined."""
    entries, key, parts = [], None, {}
    for line in [*Path(path).read_text().splitlines(), ""]:
        match = re.match(r'^(msgid|msgstr) "(.*)"$', line)
        if match:
            key = match.group(1)
            parts[key] = match.group(2)
        elif line.startswith('"') and key:
            parts[key] += line[1:-1]
        elif not line.strip() and "msgid" in parts:
            entries.append(tuple(parts.get(k, "").replace('\\"', '"') for k in ("msgid", "msgstr")))
            key, parts = None, {}
    return [(msgid, msgstr) for msgid, msgstr in entries if msgid]


OUR_CATALOGUE = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"


def test_every_reworded_message_is_still_one_wagtail_uses():
    import wagtail

    wagtail_root = Path(wagtail.__file__).parent
    wagtail_msgids = {
        msgid
        for po in (
            wagtail_root / "locale/en/LC_MESSAGES/django.po",
            wagtail_root / "admin/locale/en/LC_MESSAGES/django.po",
        )
        for msgid, _msgstr in catalogue_entries(po)
    }
    ours = catalogue_entries(OUR_CATALOGUE)
    assert len(ours) >= 10
    missing = [msgid for msgid, _msgstr in ours if msgid not in wagtail_msgids]
    assert missing == [], "Wagtail no longer says these; reword its new text instead"


def test_the_compiled_catalogue_matches_its_source():
    """The .mo is what Django reads; it must say what the .po says (msgfmt after an edit)."""
    for msgid, msgstr in catalogue_entries(OUR_CATALOGUE):
        assert gettext(msgid) == msgstr
        assert "moderation" not in msgstr


def test_the_page_editor_is_this_projects_at_wagtails_own_address():
    path = reverse("wagtailadmin_pages:edit", args=[42])
    assert path == "/admin/pages/42/edit/"
    assert resolve(path).url_name == "edit_page"  # cms.urls: EditPageView, ahead of Wagtail's
    # The one method it changes is still where Wagtail's edit view calls it after a review
    # action: if Wagtail renames it, the approval message tests above fail too.
    assert "add_save_confirmation_message" in EditView.perform_workflow_action.__code__.co_names
