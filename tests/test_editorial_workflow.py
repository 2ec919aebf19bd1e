"""Review: staff submit, editors are told, and approve (publishing or scheduling) or send back."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

from wagtail.models import WorkflowState

import pytest
import time_machine

from editorial.scheduling import run_due
from news.models import NewsArticlePage

from .editorial import newsroom
from .helpers import visible_text
from .test_admin import article_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(news_index):
    return newsroom()


def submit_story(client, staff, news_index, **fields):
    client.force_login(staff)
    url = f"/admin/pages/add/news/newsarticlepage/{news_index.pk}/"
    response = client.post(url, {**article_form(**fields), "action-submit": "1"})
    assert response.status_code == 302
    return NewsArticlePage.objects.get(slug="new-trial-opens")


def current_task_state(article):
    state = WorkflowState.objects.get(object_id=str(article.pk), status="in_progress")
    return state.current_task_state


def test_submission_emails_the_editors(client, people, news_index):
    staff, editor = people
    mail.outbox.clear()
    submit_story(client, staff, news_index)
    recipients = {address for message in mail.outbox for address in message.to}
    assert editor.email in recipients
    assert staff.email not in recipients
    assert any("New trial opens" in message.subject for message in mail.outbox)


def approve(client, editor, article, comment=""):
    client.force_login(editor)
    task_state = current_task_state(article)
    return client.post(
        f"/admin/pages/workflow/action/{article.pk}/approve/{task_state.pk}/",
        {"comment": comment},
    )


def test_approval_with_a_future_go_live_schedules_not_publishes(client, people, news_index):
    staff, editor = people
    go_live = (timezone.now() + timedelta(days=2)).replace(microsecond=0)
    local = timezone.localtime(go_live).strftime("%Y-%m-%d %H:%M")
    article = submit_story(client, staff, news_index, go_live_at=local)
    assert approve(client, editor, article).status_code in (200, 302)
    article.refresh_from_db()
    assert not article.live
    assert article.revisions.filter(approved_go_live_at__isnull=False).exists()
    client.logout()
    assert client.get(article.url or "/news/new-trial-opens/").status_code == 404

    with time_machine.travel(go_live + timedelta(seconds=20)):
        run_due()
        article.refresh_from_db()
        assert article.live
        assert article.first_published_at == go_live.replace(second=0)
        text = visible_text(client.get("/text/news/new-trial-opens/"))
    posted = timezone.localtime(go_live).strftime("%B %-d, %Y")
    assert f"Posted on: {posted}" in text


def test_approval_without_a_go_live_time_publishes_now(client, people, news_index):
    staff, editor = people
    article = submit_story(client, staff, news_index)
    approve(client, editor, article, comment="Good to go")
    article.refresh_from_db()
    assert article.live
    assert client.get("/news/new-trial-opens/").status_code == 200


def test_editor_requests_changes_with_a_comment(client, people, news_index):
    staff, editor = people
    article = submit_story(client, staff, news_index)
    client.force_login(editor)
    task_state = current_task_state(article)
    response = client.post(
        f"/admin/pages/workflow/action/{article.pk}/reject/{task_state.pk}/",
        {"comment": "Please confirm the trial's phone number."},
    )
    assert response.status_code in (200, 302)
    task_state.refresh_from_db()
    assert task_state.status == "rejected"
    assert task_state.comment == "Please confirm the trial's phone number."
    article.refresh_from_db()
    assert not article.live


def test_submitted_story_is_locked_for_staff_while_in_review(client, people, news_index):
    staff, _editor = people
    article = submit_story(client, staff, news_index)
    client.force_login(staff)
    response = client.post(
        f"/admin/pages/{article.pk}/edit/", article_form(title="Sneaky edit", slug=article.slug)
    )
    article.refresh_from_db()
    assert article.draft_title == "New trial opens"
    assert response.status_code in (200, 302, 403)


def test_revisions_can_be_compared_and_rolled_back(client, people, news_index):
    _staff, editor = people
    client.force_login(editor)
    url = f"/admin/pages/add/news/newsarticlepage/{news_index.pk}/"
    client.post(url, {**article_form(), "action-publish": "1"})
    article = NewsArticlePage.objects.get(slug="new-trial-opens")
    first = article.latest_revision
    client.post(
        f"/admin/pages/{article.pk}/edit/",
        {**article_form(title="Trial opens early"), "action-publish": "1"},
    )
    article.refresh_from_db()
    second = article.latest_revision
    compare = client.get(f"/admin/pages/{article.pk}/revisions/compare/{first.pk}...{second.pk}/")
    assert compare.status_code == 200
    assert "Trial opens early" in compare.content.decode()
    revert = client.get(f"/admin/pages/{article.pk}/revisions/{first.pk}/revert/")
    assert revert.status_code == 200
    assert "New trial opens" in revert.content.decode()


def test_editors_can_lock_a_story(client, people, news_index):
    staff, editor = people
    article = submit_story(client, staff, news_index)
    client.force_login(editor)
    response = client.post(f"/admin/pages/{article.pk}/lock/")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.locked and article.locked_by == editor
