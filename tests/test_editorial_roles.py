"""Who may do what: communications staff write and submit; editors review and publish."""

from django.contrib.auth.models import Group

from wagtail.models import Page, WorkflowPage

import pytest

from core.models import AlertBanner
from editorial.roles import EDITORS_GROUP, STAFF_GROUP, WORKFLOW_NAME
from news.models import NewsArticlePage

from .editorial import newsroom
from .factories import NewsArticlePageFactory
from .test_admin import article_form

pytestmark = pytest.mark.django_db


def test_migrations_ship_the_roles_and_the_review_workflow():
    # As migrated, before any test rebuilds the tree.
    assert set(Group.objects.values_list("name", flat=True)) == {STAFF_GROUP, EDITORS_GROUP}
    assignment = WorkflowPage.objects.get()
    assert assignment.workflow.name == WORKFLOW_NAME
    assert assignment.page.url_path == "/home/news/"
    assert [t.specific.groups.get().name for t in assignment.workflow.tasks] == [EDITORS_GROUP]


@pytest.fixture
def people(news_index):
    return newsroom()


def client_for(client, user):
    client.force_login(user)
    return client


def add_url(news_index):
    return f"/admin/pages/add/news/newsarticlepage/{news_index.pk}/"


def test_staff_create_and_submit_but_do_not_publish(client, people, news_index):
    staff, _editor = people
    client_for(client, staff)
    response = client.post(add_url(news_index), {**article_form(), "action-submit": "1"})
    assert response.status_code == 302
    article = NewsArticlePage.objects.get(slug="new-trial-opens")
    assert not article.live
    assert article.current_workflow_state.status == "in_progress"


def test_staff_publish_attempt_by_direct_post_is_refused(client, people, news_index):
    staff, _editor = people
    client_for(client, staff)
    response = client.post(add_url(news_index), {**article_form(), "action-publish": "1"})
    assert response.status_code == 403
    assert "Publishing is for editors" in response.content.decode()
    assert not NewsArticlePage.objects.filter(slug="new-trial-opens").exists(), "nothing saved"

    waiting = NewsArticlePageFactory(parent=news_index, live=False, slug="waiting")
    waiting.save_revision()
    revisions = waiting.revisions.count()
    response = client.post(
        f"/admin/pages/{waiting.pk}/edit/", {**article_form(slug="waiting"), "action-publish": "1"}
    )
    assert response.status_code == 403
    waiting.refresh_from_db()
    assert not waiting.live and waiting.revisions.count() == revisions


def test_staff_cannot_unpublish(client, people, news_index):
    staff, _editor = people
    live = NewsArticlePageFactory(parent=news_index, slug="live-story")
    client_for(client, staff)
    response = client.post(f"/admin/pages/{live.pk}/unpublish/")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    live.refresh_from_db()
    assert live.live


def test_staff_cannot_write_outside_the_news_index(client, people, home_page):
    staff, _editor = people
    client_for(client, staff)
    response = client.get(f"/admin/pages/{home_page.pk}/edit/")
    assert response.status_code in (302, 403)


@pytest.mark.parametrize(
    ("url", "staff_may", "editor_may"),
    [
        ("/admin/snippets/news/author/add/", True, True),
        ("/admin/snippets/news/contact/add/", True, True),
        ("/admin/images/multiple/add/", True, True),
        ("/admin/documents/multiple/add/", True, True),
        ("/admin/snippets/news/category/add/", False, True),
        ("/admin/snippets/core/alertbanner/add/", True, True),  # staff draft, editors publish
        ("/admin/settings/core/sitesettings/", False, True),
    ],
)
def test_admin_areas_by_role(client, people, url, staff_may, editor_may):
    staff, editor = people
    for user, may in ((staff, staff_may), (editor, editor_may)):
        client_for(client, user)
        response = client.get(url, follow=True)
        allowed = (
            response.status_code == 200
            and "permission" not in response.content.decode().lower().split("<main", 1)[-1][:2000]
        )
        assert allowed is may, f"{user.username} on {url}: {response.status_code}"


def test_editor_publishes_and_unpublishes(client, people, news_index):
    _staff, editor = people
    client_for(client, editor)
    response = client.post(add_url(news_index), {**article_form(), "action-publish": "1"})
    assert response.status_code == 302
    article = NewsArticlePage.objects.get(slug="new-trial-opens")
    assert article.live
    client.post(f"/admin/pages/{article.pk}/unpublish/")
    article.refresh_from_db()
    assert not article.live


def test_staff_cannot_publish_an_alert_banner_by_post(client, people):
    staff, _editor = people
    client_for(client, staff)
    response = client.post(
        "/admin/snippets/core/alertbanner/add/",
        {"title": "Leak", "message": "x", "severity": "info", "action-publish": "1"},
    )
    assert response.status_code == 403
    assert not AlertBanner.objects.exists()


def test_superusers_stay_outside_the_groups(people):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    assert not admin.groups.exists()
    assert Page.objects.exists()
