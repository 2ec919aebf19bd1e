"""Role boundaries by direct request, not only through the admin's buttons."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

import pytest

from core.models import SiteSettings
from news.models import Category, NewsArticlePage

from .editorial import newsroom
from .factories import AlertBannerFactory, CategoryFactory, NewsArticlePageFactory
from .test_admin import article_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, news_index):
    staff, _editor = newsroom()
    client.force_login(staff)
    return client


def test_staff_cannot_schedule_a_story_by_direct_post(staff_client, news_index):
    story = NewsArticlePageFactory(parent=news_index, live=False, slug="embargoed")
    story.save_revision()
    response = staff_client.post(
        f"/admin/pages/{story.pk}/edit/",
        {**article_form(slug="embargoed"), "go_live_at": "2030-01-01 09:00", "action-publish": "1"},
    )
    assert response.status_code == 403
    story.refresh_from_db()
    assert not story.live and story.go_live_at is None
    assert not story.revisions.filter(approved_go_live_at__isnull=False).exists()


def test_staff_cannot_publish_or_delete_a_banner_by_direct_post(staff_client):
    """Staff may draft a change to a live banner; readers keep seeing the live one."""
    banner = AlertBannerFactory(title="COVID-19", message="Masks required.")
    edit = f"/admin/snippets/core/alertbanner/edit/{banner.pk}/"
    hacked = {"title": "Hacked", "message": "x", "severity": "urgent"}
    assert staff_client.post(edit, {**hacked, "action-publish": "1"}).status_code == 403
    assert staff_client.post(edit, hacked).status_code == 302  # saved as a draft
    assert staff_client.post(
        f"/admin/snippets/core/alertbanner/delete/{banner.pk}/"
    ).status_code in (
        302,
        403,
    )
    banner.refresh_from_db()
    assert (banner.title, banner.message) == ("COVID-19", "Masks required.")


def test_staff_cannot_add_change_or_delete_categories_by_direct_post(staff_client):
    category = CategoryFactory(name="Research", slug="research")
    add = staff_client.post("/admin/snippets/news/category/add/", {"name": "X", "slug": "x"})
    edit = staff_client.post(
        f"/admin/snippets/news/category/edit/{category.pk}/", {"name": "Y", "slug": "y"}
    )
    delete = staff_client.post(f"/admin/snippets/news/category/delete/{category.pk}/")
    assert {add.status_code, edit.status_code, delete.status_code} <= {302, 403}
    assert list(Category.objects.values_list("name", flat=True)) == ["Research"]


def test_staff_cannot_change_site_settings_by_direct_post(staff_client, home_page):
    before = SiteSettings.for_site(home_page.get_site()).organisation_name
    response = staff_client.post(
        "/admin/settings/core/sitesettings/",
        {"organisation_name": "Hacked", "phone": "", "address": ""},
    )
    assert response.status_code in (302, 403)
    assert SiteSettings.for_site(home_page.get_site()).organisation_name == before


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/pages/{story}/edit/",
        "/admin/pages/{story}/edit/preview/?mode=text",
        "/admin/pages/{story}/view_draft/",
        "/admin/pages/{story}/revisions/{revision}/view/",
        "/admin/calendar/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/snippets/core/alertbanner/",
        "/admin/settings/core/sitesettings/",
        "/admin/users/",
        "/django-admin/",
    ],
)
def test_anonymous_visitors_reach_nothing_in_the_admin_or_previews(client, news_index, path):
    story = NewsArticlePageFactory(parent=news_index, live=False, title="Embargoed story")
    revision = story.save_revision()
    url = path.format(story=story.pk, revision=revision.pk)
    for response in (client.get(url), client.post(url, {"title": "x"})):
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert "login" in response["Location"]
        assert b"Embargoed story" not in response.content
    assert NewsArticlePage.objects.get(pk=story.pk).title == "Embargoed story"


def sign_in(client, username, password):
    return client.post(
        "/admin/login/", {"username": username, "password": password}, REMOTE_ADDR="203.0.113.9"
    )


def test_sign_in_locks_out_after_repeated_failures(client, news_index):
    _staff, editor = newsroom()
    editor.set_password("correct horse battery staple")
    editor.save()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "erin", "wrong").status_code == 200  # the form, with its error
    assert sign_in(client, "erin", "wrong").status_code == 429
    locked = sign_in(client, "erin", "correct horse battery staple")
    assert locked.status_code == 429
    assert "Sign-in paused" in locked.content.decode()
    assert "_auth_user_id" not in client.session, "the right password does not get in either"


def test_a_successful_sign_in_resets_the_count(client, news_index):
    _staff, editor = newsroom()
    editor.set_password("correct horse battery staple")
    editor.save()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "erin", "wrong")
    assert sign_in(client, "erin", "correct horse battery staple").status_code == 302
    client.logout()
    assert sign_in(client, "erin", "wrong").status_code == 200


@pytest.mark.parametrize("password", ["password", "12345678", "erin2026", "short"])
def test_weak_passwords_are_refused(password):
    user = get_user_model()(username="erin2026", first_name="Erin")
    with pytest.raises(ValidationError):
        validate_password(password, user)


def test_behind_a_load_balancer_each_reader_is_throttled_on_their_own_address(
    client, news_index, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    newsroom()

    def attempt(reader):
        # The load balancer's address is the connection's; the reader's is the last forwarded.
        return client.post(
            "/admin/login/",
            {"username": "erin", "password": "wrong"},
            REMOTE_ADDR="10.0.0.5",
            HTTP_X_FORWARDED_FOR=f"1.2.3.4, {reader}",
        )

    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt("198.51.100.7")
    assert attempt("198.51.100.7").status_code == 429
    assert attempt("198.51.100.8").status_code == 200, "another reader is not locked out"
