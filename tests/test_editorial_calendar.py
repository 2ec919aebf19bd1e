"""The editorial calendar: upcoming go-live and expiry times, by day, for the newsroom only."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone

import pytest

from .editorial import newsroom
from .factories import AuthorFactory, CategoryFactory, NewsArticlePageFactory
from .helpers import soup, visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(news_index):
    return newsroom()


def at(days, hour, minute=0):
    """A local time `days` from now at hour:minute."""
    local = timezone.localtime() + timedelta(days=days)
    return local.replace(hour=hour, minute=minute, second=0, microsecond=0)


def scheduled_story(news_index, title, go_live, **fields):
    article = NewsArticlePageFactory(parent=news_index, title=title, live=False, **fields)
    article.go_live_at = go_live
    article.save()
    article.save_revision().publish()  # approved for later
    return article


@pytest.fixture
def calendar(news_index):
    clinical = CategoryFactory(name="Clinical news")
    mitchell = AuthorFactory(name="Melissa Mitchell")
    scheduled_story(news_index, "Trial opens", at(2, 9, 0), category=clinical, authors=[mitchell])
    scheduled_story(news_index, "New surgeon joins", at(2, 9, 30))
    planned = NewsArticlePageFactory(parent=news_index, title="Gala recap", live=False)
    planned.go_live_at = at(3, 14)
    planned.save()
    planned.save_revision()
    expiring = NewsArticlePageFactory(parent=news_index, title="Flu clinic hours")
    expiring.expire_at = at(5, 17)
    expiring.save()
    NewsArticlePageFactory(parent=news_index, title="Far future", live=False, go_live_at=at(60, 9))


def test_calendar_lists_upcoming_times_grouped_by_day(client, people, calendar):
    _staff, editor = people
    client.force_login(editor)
    response = client.get("/admin/calendar/")
    assert response.status_code == 200
    html = soup(response)
    days = [h.get_text(strip=True) for h in html.select(".editorial-calendar__day h2")]
    assert days == [
        at(2, 9).strftime("%A, %B %-d, %Y"),
        at(3, 14).strftime("%A, %B %-d, %Y"),
        at(5, 17).strftime("%A, %B %-d, %Y"),
    ]
    text = visible_text(response)
    assert "9:00 AM Goes live Trial opens Melissa Mitchell Clinical news Scheduled" in text
    assert "2:00 PM Goes live Gala recap" in text and "Draft" in text
    assert "5:00 PM Expires Flu clinic hours" in text
    assert "Far future" not in text  # beyond four weeks


def test_crowded_hour_stands_out(client, people, calendar):
    client.force_login(people[1])
    html = soup(client.get("/admin/calendar/"))
    busy = [row.get_text(" ", strip=True) for row in html.select(".editorial-calendar__busy")]
    assert len(busy) == 1 and busy[0].startswith("2 stories at 9 AM")


def test_entries_link_to_edit_and_both_previews(client, people, calendar):
    client.force_login(people[0])
    html = soup(client.get("/admin/calendar/"))
    row = html.find("a", string="Trial opens").find_parent("tr")
    links = {a.get_text(" ", strip=True): a["href"] for a in row.find_all("a")}
    page_id = links["Trial opens"].split("/")[3]
    assert links["Edit Trial opens"] == f"/admin/pages/{page_id}/edit/"
    assert links["Preview Trial opens"] == f"/admin/pages/{page_id}/view_draft/"
    assert links["Text-only preview Trial opens"].endswith("view_draft/?mode=text")
    preview = client.get(links["Text-only preview Trial opens"])
    assert "View graphic version" in preview.content.decode()
    assert "<img" not in preview.content.decode()


def test_longer_horizon_and_bad_values(client, people, calendar):
    client.force_login(people[1])
    assert "Far future" in visible_text(client.get("/admin/calendar/?weeks=13"))
    for bad in ("abc", "-1", "9999"):
        response = client.get(f"/admin/calendar/?weeks={bad}")
        assert response.status_code == 200 and "next 4 weeks" in visible_text(response)


def test_only_people_who_edit_news_see_the_calendar(client, people, calendar):
    outsider = get_user_model().objects.create_user("guest", "guest@example.org", "pw")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    response = client.get("/admin/calendar/")
    assert response.status_code in (302, 403)
    dashboard = client.get("/admin/").content.decode()
    assert "Editorial calendar" not in dashboard
    for person in people:
        client.force_login(person)
        dashboard = client.get("/admin/")
        assert "Coming up this week" in dashboard.content.decode()
        assert "/admin/calendar/" in dashboard.content.decode()
