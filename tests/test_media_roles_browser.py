"""What a communications staff member sees, in Chromium, where only an editor may delete or
replace: the admin's "Actions" menus (a script-driven dropdown) offer no Delete, the logo's page
no file control and says why; on their own plain draft Delete is there and works."""

from datetime import timedelta

import django.apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

import pytest
from playwright.sync_api import expect

from core.models import SiteSettings
from editorial.roles import EDITORS_GROUP, STAFF_GROUP, install_editorial_roles
from news.models import NewsArticlePage

from .conftest import build_site_tree
from .factories import ImageFactory, NewsArticlePageFactory
from .test_editorial_flow_browser import (
    PASSWORD,
    admin_page,
    leave_admin,
    open_editor,
    sign_in,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def desk(live_server, settings):
    # As in tests/test_editorial_flow_browser.py: no autosave writing to SQLite mid-test.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 10 * 60 * 1000
    home, news = build_site_tree()
    install_editorial_roles(django.apps.apps)
    User = get_user_model()
    staff = User.objects.create_user("sam", "sam@example.org", PASSWORD, first_name="Sam")
    staff.groups.add(Group.objects.get(name=STAFF_GROUP))
    editor = User.objects.create_user("eve", "eve@example.org", PASSWORD, first_name="Eve")
    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))

    logo = ImageFactory(title="Massey logo — carré", uploaded_by_user=staff)
    SiteSettings.objects.update_or_create(site=home.get_site(), defaults={"logo": logo})
    scheduled = NewsArticlePageFactory(
        parent=news, title="Embargoed: new radiation wing", live=False, owner=staff
    )
    scheduled.go_live_at = timezone.now() + timedelta(days=7)
    scheduled.save_revision(user=editor).publish(user=editor)
    draft = NewsArticlePageFactory(parent=news, title="Notes for a later story", live=False)
    draft.owner = staff
    draft.save()
    draft.save_revision(user=staff)
    return live_server.url, logo, scheduled, draft


def actions_menu(page):
    """The page header's "…" dropdown, where Wagtail offers Delete, Move, Copy, History."""
    menu = page.get_by_role("navigation", name="Actions").filter(
        has=page.get_by_role("button", name="Actions", exact=True)
    )
    menu.get_by_role("button", name="Actions", exact=True).click()
    expect(menu.get_by_role("link", name="History")).to_be_visible()
    return menu


def test_staff_see_no_delete_or_replace_where_only_an_editor_may(desk, new_context):
    base, logo, scheduled, draft = desk
    page = admin_page(new_context)
    sign_in(page, base, "sam")

    page.goto(f"{base}/admin/images/{logo.pk}/")
    expect(
        page.get_by_text(
            "This image is the site's logo, shown on every page, so only an editor can delete "
            "or replace it."
        )
    ).to_be_visible()
    expect(page.get_by_text("Change image file")).to_have_count(0)
    expect(page.get_by_label("Title*")).to_be_editable()
    expect(page.get_by_role("link", name="Delete")).to_have_count(0)

    open_editor(page, f"{base}/admin/pages/{scheduled.pk}/edit/")
    expect(actions_menu(page).get_by_role("link", name="Delete")).to_have_count(0)

    open_editor(page, f"{base}/admin/pages/{draft.pk}/edit/")
    actions_menu(page).get_by_role("link", name="Delete").click()
    page.get_by_role("button", name="Yes, delete it").click()
    expect(page.get_by_text("Page 'Notes for a later story' deleted.")).to_be_visible()
    leave_admin(page)
    assert not NewsArticlePage.objects.filter(pk=draft.pk).exists()
    assert NewsArticlePage.objects.filter(pk=scheduled.pk).exists()
