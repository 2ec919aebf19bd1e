"""The alert banner as a Wagtail snippet: drafts and revisions, review, locking, preview in both
views, go-live and expiry carried out by the scheduler, only editors publish, and served apart
from the stored pages, so a banner change costs no page a re-render.

Runs on the test settings (cms.settings.test): the same middleware, page cache and roles as
`make run` (cms.settings.base); the cache is local memory, or Redis in CI's second pass.
"""

import time
from datetime import timedelta
from pathlib import Path

from django.apps import apps as current_apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.log_actions import registry as log_registry
from wagtail.models import Revision, WorkflowState

import pytest
import time_machine

from core.models import AlertBanner, SiteSettings
from editorial.scheduling import run_due

from .conftest import build_site_tree
from .editorial import newsroom
from .factories import AlertBannerFactory, NewsArticlePageFactory
from .helpers import soup, visible_text
from .servers import start_scheduler

ROOT = Path(__file__).resolve().parent.parent
ADD = "/admin/snippets/core/alertbanner/add/"
SECOND = timedelta(seconds=1)
# Real use: a name with accents, a long message, times with microseconds.
MESSAGE = "Señora Peña’s infusion clinic moves to the Dalton Pavilion, second floor, from Monday."


def edit_url(banner):
    return f"/admin/snippets/core/alertbanner/edit/{banner.pk}/"


def form(**fields):
    return {"title": "Infusion", "message": MESSAGE, "severity": "warning", **fields}


def banner_texts(client, url):
    return [
        " ".join(b.get_text(" ").split()) for b in soup(client.get(url)).select(".alert-banner")
    ]


def warm(client, url):
    client.get(url)
    response = client.get(url)
    assert response["X-Page-Cache"] == "hit", url
    return response


@pytest.fixture
def people(news_index):
    return newsroom()


@pytest.fixture
def story(news_index, home_page):
    SiteSettings.for_site(home_page.get_site())  # a running site has its settings saved
    return NewsArticlePageFactory(parent=news_index, title="Proton therapy arrives", slug="proton")


# Drafts, revisions and who publishes


@pytest.mark.django_db
def test_an_editor_publishes_and_a_draft_of_the_live_banner_stays_unseen(client, people, story):
    _staff, editor = people
    client.force_login(editor)
    assert client.post(ADD, form(**{"action-publish": "1"})).status_code == 302
    banner = AlertBanner.objects.get()
    assert banner.live and banner.live_revision_id and banner.revisions.count() == 1
    client.logout()
    assert banner_texts(client, "/news/proton/") == [f"Infusion: {MESSAGE}"]

    client.force_login(editor)
    response = client.post(edit_url(banner), form(message="A second draft, not yet published."))
    assert response.status_code == 302
    banner.refresh_from_db()
    assert banner.revisions.count() == 2 and banner.has_unpublished_changes
    listing = soup(client.get("/admin/snippets/core/alertbanner/"))
    rows = [" ".join(row.get_text(" ").split()) for row in listing.select("tbody tr")]
    assert len(rows) == 1 and "Infusion" in rows[0] and "live + draft" in rows[0], rows
    client.logout()
    assert banner_texts(client, "/news/proton/") == [f"Infusion: {MESSAGE}"]


@pytest.mark.django_db
def test_staff_draft_and_submit_a_banner_and_an_editor_approves_it(client, people, story):
    staff, editor = people
    client.force_login(staff)
    edit = client.get(ADD).content.decode()
    assert 'name="action-submit"' in edit, "staff are offered Submit to Editorial review"
    assert 'name="action-publish"' not in edit, "and no Publish button"
    response = client.post(ADD, form(**{"action-submit": "1"}))
    assert response.status_code == 302
    banner = AlertBanner.objects.get()
    assert not banner.live
    state = WorkflowState.objects.get(object_id=str(banner.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Editorial review"
    client.logout()
    assert banner_texts(client, "/news/proton/") == []

    client.force_login(editor)
    assert 'name="action-publish"' in client.get(edit_url(banner)).content.decode()
    task_state = state.current_task_state
    response = client.post(
        f"/admin/snippets/core/alertbanner/workflow/action/{banner.pk}/approve/{task_state.pk}/",
        {"comment": ""},
    )
    assert response.status_code in (200, 302)
    banner.refresh_from_db()
    assert banner.live
    client.logout()
    assert banner_texts(client, "/text/news/proton/") == [f"Infusion: {MESSAGE}"]


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["add", "edit"])
def test_staff_asking_to_publish_are_told_no_and_nothing_is_saved(client, people, action):
    staff, _editor = people
    live = AlertBannerFactory(title="COVID-19", message="Masks are required in clinics.")
    revisions = Revision.objects.count()
    client.force_login(staff)
    url = ADD if action == "add" else edit_url(live)
    response = client.post(url, form(title="Leak", **{"action-publish": "1"}))
    assert response.status_code == 403
    text = visible_text(response)
    assert "Publishing is for editors" in text and "Nothing was saved" in text
    assert "save this alert banner as a draft and submit it to Editorial review" in text
    assert list(AlertBanner.objects.values_list("title", flat=True)) == ["COVID-19"]
    assert Revision.objects.count() == revisions
    # Nor by the unpublish view.
    assert client.post(f"/admin/snippets/core/alertbanner/unpublish/{live.pk}/").status_code in (
        302,
        403,
    )
    live.refresh_from_db()
    assert live.live


@pytest.mark.django_db
def test_a_banner_locked_by_an_editor_cannot_be_changed_by_staff(client, people):
    staff, editor = people
    banner = AlertBannerFactory(title="COVID-19", message="Masks are required in clinics.")
    client.force_login(editor)
    client.post(f"/admin/snippets/core/alertbanner/lock/{banner.pk}/")
    banner.refresh_from_db()
    assert banner.locked and banner.locked_by == editor
    client.force_login(staff)
    page = client.get(edit_url(banner)).content.decode()
    assert "locked" in page.lower()
    client.post(edit_url(banner), form(message="Changed while locked."))
    assert not banner.revisions.filter(content__message="Changed while locked.").exists()


# Preview


@pytest.mark.django_db
@pytest.mark.parametrize("mode", ["graphic", "text"])
def test_preview_shows_the_draft_in_place_in_both_views(client, people, news_index, mode):
    _staff, editor = people
    AlertBannerFactory(
        title="Parking",
        message="The Leigh Street deck is open.",
        severity="info",
        link_url="",
        link_text="",
    )
    banner = AlertBannerFactory(title="COVID-19", message="Masks are required in clinics.")
    client.force_login(editor)
    url = f"/admin/snippets/core/alertbanner/preview/{banner.pk}/"
    draft = form(title="Weather", severity="urgent", link_page=news_index.pk, link_text="News")
    assert client.post(url, draft).json()["is_valid"]
    response = client.get(url, {"mode": mode})
    page = soup(response)
    texts = [" ".join(b.get_text(" ").split()) for b in page.select(".alert-banner")]
    # The draft in place of the live version, most severe first, above the site's header.
    assert texts == [f"Weather: {MESSAGE} News", "Parking: The Leigh Street deck is open."]
    assert page.select_one("body > .alert-banner + header.site-header")
    link = page.find("a", string="News")["href"]
    if mode == "text":
        assert link == "/text/news/"
        assert page.find("script") is None
        assert "text-only" in page.html["class"]
    else:
        assert link == "/news/"
    # The preview changed nothing readers see.
    client.logout()
    assert [t.split(":")[0] for t in banner_texts(client, "/news/")] == ["COVID-19", "Parking"]


# The scheduler


@pytest.mark.django_db
def test_the_scheduler_publishes_a_banner_at_its_go_live_time_and_expires_it(people, caplog):
    go_live = timezone.now().replace(microsecond=654321) + timedelta(minutes=5)
    banner = AlertBannerFactory(
        message=MESSAGE, live=False, go_live_at=go_live, expire_at=go_live + timedelta(hours=1)
    )
    banner.save_revision().publish()  # approved with a go-live time: scheduled
    banner.refresh_from_db()
    assert not banner.live
    assert run_due().published == []
    with time_machine.travel(go_live + SECOND):
        run = run_due()
        assert run_due().published == [], "published once"
    assert [(type(item), item.pk) for item in run.published] == [(AlertBanner, banner.pk)]
    banner.refresh_from_db()
    assert banner.live and banner.first_published_at == go_live
    assert f"Published scheduled alert banner {banner.pk}" in caplog.text

    with time_machine.travel(banner.expire_at + SECOND):
        run = run_due()
        assert run_due().unpublished == [], "taken down once"
    assert [item.pk for item in run.unpublished] == [banner.pk]
    banner.refresh_from_db()
    assert not banner.live and banner.expired
    actions = list(
        log_registry.get_logs_for_instance(banner).values_list("action", flat=True).order_by("pk")
    )
    assert actions[-2:] == ["wagtail.publish.scheduled", "wagtail.unpublish.scheduled"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_running_scheduler_takes_a_banner_down_within_a_minute_of_its_expiry():
    """The long-running command, as `make run` starts it, against the test database; the
    bound is a page's (tests/test_scheduler.py)."""
    build_site_tree()
    expire_at = timezone.now() + timedelta(seconds=3)
    banner = AlertBannerFactory(message=MESSAGE, expire_at=expire_at)
    scheduler = start_scheduler()
    try:
        while AlertBanner.objects.filter(pk=banner.pk, live=True).exists():
            assert timezone.now() < expire_at + timedelta(seconds=60), "still live after a minute"
            assert scheduler.poll() is None, scheduler.stdout.read()
            time.sleep(0.5)
    finally:
        scheduler.terminate()
        output = scheduler.communicate(timeout=20)[0]
    assert f"Unpublished expired alert banner {banner.pk}" in output


# Served apart from the stored pages


PAGES = ["/", "/news/", "/news/proton/", "/text/", "/text/news/", "/text/news/proton/"]


@pytest.mark.django_db
def test_a_banner_change_reaches_stored_pages_without_rendering_them_again(client, people, story):
    _staff, editor = people
    banner = AlertBannerFactory(title="COVID-19", message="Masks are required in clinics.")
    for url in PAGES:
        warm(client, url)

    banner.message = MESSAGE
    banner.save_revision(user=editor).publish(user=editor)
    with CaptureQueriesContext(connection) as queries:
        responses = [client.get(url) for url in PAGES]
    for url, response in zip(PAGES, responses, strict=True):
        assert response["X-Page-Cache"] == "hit", f"{url} was rendered again"
        assert banner_texts(client, url) == [f"COVID-19: {MESSAGE} our coronavirus page"], url
    # The pages' own templates are not rendered again: the banners are, once for each view,
    # and read from the database once for all the pages.
    rendered = [t.name for response in responses for t in response.templates]
    assert rendered == ["core/alert_banners.html"] * 2
    assert len(queries) <= 2, [q["sql"] for q in queries]

    banner.unpublish()
    for url in PAGES:
        response = client.get(url)
        assert response["X-Page-Cache"] == "hit" and banner_texts(client, url) == [], url


@pytest.mark.django_db
def test_a_stored_page_revalidates_against_the_banners_it_is_served_with(client, story):
    banner = AlertBannerFactory(message="Masks are required in clinics.")
    first = warm(client, "/news/proton/")
    assert client.get("/news/proton/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    banner.message = MESSAGE
    banner.save()
    changed = client.get("/news/proton/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and MESSAGE in visible_text(changed)
    assert changed["ETag"] != first["ETag"]
    assert int(changed["Content-Length"]) == len(changed.content)


@pytest.mark.django_db
def test_a_page_is_served_whole_when_it_is_not_stored(client, people, story):
    """Editors, 404s and the cache switched off get the banners in the page itself."""
    _staff, editor = people
    AlertBannerFactory(message=MESSAGE)
    assert MESSAGE in visible_text(client.get("/news/no-such-story/"))
    client.force_login(editor)
    response = client.get("/news/proton/")
    assert response["X-Page-Cache"] == "bypass"
    assert MESSAGE in visible_text(response) and "alert-banners:" not in response.content.decode()


@pytest.mark.django_db
def test_a_story_cannot_fill_its_own_body_with_the_banners(client, story):
    """The slot carries a value drawn from the secret key: markup written into a story is
    left as it is."""
    from core import banners

    assert banners.slot("graphic") not in "<!--alert-banners:graphic-->"
    AlertBannerFactory(message=MESSAGE)
    body = warm(client, "/news/proton/").content.decode()
    assert body.count(MESSAGE) == 1


# Existing banners migrate


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_banners_take_the_new_form_with_a_revision_each():
    executor = MigrationExecutor(connection)
    before = [("core", "0002_alertbanner_drafts_revisions_scheduling")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("core", "AlertBanner")
    now = timezone.now().replace(microsecond=123456)
    hour = timedelta(hours=1)
    windows = {
        "Open": {"is_active": True, "starts_at": None, "ends_at": None},
        "Running": {"is_active": True, "starts_at": now - hour, "ends_at": now + hour},
        "Later": {"is_active": True, "starts_at": now + hour, "ends_at": now + 2 * hour},
        "Over": {"is_active": True, "starts_at": now - 2 * hour, "ends_at": now - hour},
        "Off": {"is_active": False, "starts_at": None, "ends_at": None},
    }
    for title, window in windows.items():
        old.objects.create(title=title, message=f"{title}: Señora Peña’s clinic", **window)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    banners = {banner.title: banner for banner in AlertBanner.objects.all()}
    state = {title: (b.live, b.expired, b.go_live_at, b.expire_at) for title, b in banners.items()}
    assert state == {
        "Open": (True, False, None, None),
        "Running": (True, False, now - hour, now + hour),
        "Later": (False, False, now + hour, now + 2 * hour),
        "Over": (False, True, now - 2 * hour, now - hour),
        "Off": (False, False, None, None),
    }
    for banner in banners.values():
        assert banner.revisions.count() == 1
        assert banner.latest_revision.as_object().message == banner.message
    assert banners["Running"].live_revision == banners["Running"].latest_revision
    scheduled = Revision.objects.filter(approved_go_live_at__isnull=False)
    assert [(r.object_id, r.approved_go_live_at) for r in scheduled] == [
        (str(banners["Later"].pk), now + hour)
    ]
    assert list(AlertBanner.objects.current().values_list("title", flat=True)) == [
        "Open",
        "Running",
    ]
    # The scheduler publishes the one waiting for its window.
    with time_machine.travel(now + hour + SECOND):
        assert [item.pk for item in run_due().published] == [banners["Later"].pk]
    # Editors publish them, lock and unlock them; staff do not.
    from django.contrib.auth.models import Group

    from editorial.roles import EDITORS_GROUP, STAFF_GROUP

    def codenames(group):
        return set(
            Group.objects.get(name=group)
            .permissions.filter(content_type__app_label="core")
            .values_list("codename", flat=True)
        )

    assert {"publish_alertbanner", "lock_alertbanner", "unlock_alertbanner"} <= codenames(
        EDITORS_GROUP
    )
    assert codenames(STAFF_GROUP) == {"add_alertbanner", "change_alertbanner"}
    assert current_apps.get_model("core", "AlertBanner") is AlertBanner
