"""The page cache: fast for anonymous readers, never stale, never shared with editors.

Runs against the configured cache: local memory on SQLite, Redis in CI's second pass.
"""

import json
from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest
import time_machine

from core.models import SiteSettings
from editorial.scheduling import run_due

from .factories import AlertBannerFactory, ContactFactory, NewsArticlePageFactory
from .helpers import soup, visible_text
from .surfaces import PUBLIC_SURFACES

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def saved_site_settings(home_page):
    """A running site has its settings saved; the first read would otherwise create them."""
    SiteSettings.for_site(home_page.get_site())


SECOND = timedelta(seconds=1)
# Search keeps its results in its own cache (news.search) and counts its terms and clients, and
# the API answers in more than one format at the same address: neither is kept as a page.
UNCACHED = ("search results", "search results (text-only)", "API list", "API detail")


@pytest.fixture
def story(news_index):
    story = NewsArticlePageFactory(parent=news_index, title="Proton therapy arrives", slug="proton")
    NewsArticlePageFactory(
        parent=news_index,
        title="A neighbouring story",
        slug="proton-neighbour",
        category=story.category,
        posted_at_override=story.posted_at_override,
    )
    return story


def warm(client, url):
    """Fetch until the cache answers, so a later fresh answer proves an invalidation.

    Only found pages are kept; a 404 is worked out afresh each time.
    """
    client.get(url)
    response = client.get(url)
    assert response["X-Page-Cache"] == ("hit" if response.status_code == 200 else "miss"), url
    return response


def warm_surfaces(client, story):
    for surface in PUBLIC_SURFACES:
        if surface.name not in UNCACHED:
            warm(client, surface.url(story))


def surfaces_showing(client, story):
    return {
        surface.name
        for surface in PUBLIC_SURFACES
        if surface.shows(client.get(surface.url(story)), story)
    }


ALL_SURFACES = {surface.name for surface in PUBLIC_SURFACES}


# Headers and conditional requests


def test_anonymous_readers_get_a_cacheable_page_with_validators(client, story):
    first = client.get("/news/")
    assert first["X-Page-Cache"] == "miss"
    assert "Proton therapy arrives" in visible_text(first)
    cache_control = {part.strip() for part in first["Cache-Control"].split(",")}
    assert {"public", "max-age=0", "must-revalidate"} <= cache_control
    assert "Cookie" in first["Vary"]
    assert first["ETag"].startswith('"') and first["Last-Modified"].endswith("GMT")

    second = client.get("/news/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert second["Cache-Control"] == first["Cache-Control"]
    assert second["X-Frame-Options"] == "DENY", "headers set under the cache are kept"


@pytest.mark.parametrize("prefix", ["", "/text"])
def test_conditional_get_answers_304_without_a_body(client, story, prefix):
    url = f"{prefix}/news/proton/"
    first = client.get(url)
    by_etag = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert by_etag.status_code == 304
    assert by_etag.content == b""
    assert by_etag["ETag"] == first["ETag"]
    by_date = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert by_date.status_code == 304
    changed = client.get(url, HTTP_IF_NONE_MATCH='"something-else"')
    assert changed.status_code == 200
    assert "Proton therapy arrives" in visible_text(changed)


def test_a_304_after_a_change_is_a_full_page_instead(client, story):
    etag = client.get("/news/")["ETag"]
    story.title = "Proton therapy arrives in Richmond"
    story.save_revision().publish()
    response = client.get("/news/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "Proton therapy arrives in Richmond" in visible_text(response)


def test_a_warm_hit_costs_no_database_query(client, story, django_assert_num_queries):
    AlertBannerFactory()
    urls = ["/", "/news/", "/news/proton/", "/text/news/proton/", "/feeds/rss/", "/sitemap.xml"]
    for url in urls:
        warm(client, url)
    with django_assert_num_queries(0):
        for url in urls:
            assert client.get(url)["X-Page-Cache"] == "hit"


def test_a_miss_costs_only_a_constant_more_than_no_cache(client, story, settings):
    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        return len(captured)

    client.get("/news/proton/")  # renditions and site settings exist from here on
    settings.PAGE_CACHE_ENABLED = False
    uncached = queries("/news/proton/")
    settings.PAGE_CACHE_ENABLED = True
    first_of_generation = queries("/news/proton/")
    # The next change by the clock is worked out once per generation: three small queries.
    assert first_of_generation <= uncached + 3
    assert queries("/news/proton/") == 0


def test_the_two_views_and_query_strings_are_cached_apart(client, news_index):
    NewsArticlePageFactory.create_batch(13, parent=news_index)
    graphic, text = warm(client, "/news/"), warm(client, "/text/news/")
    assert "Text-only version" in visible_text(graphic)
    assert "View graphic version" in visible_text(text)
    assert "View graphic version" not in visible_text(graphic)
    page_two = warm(client, "/news/?page=2")
    assert len(soup(page_two).select(".teaser")) == 1
    assert len(soup(warm(client, "/news/")).select(".teaser")) == 12


def test_page_cache_off_renders_every_request(client, story, settings):
    settings.PAGE_CACHE_ENABLED = False
    client.get("/news/")
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/news/")
    assert "X-Page-Cache" not in response
    assert len(captured) > 0
    assert "Proton therapy arrives" in visible_text(response)


def test_entries_last_no_longer_than_page_cache_seconds(client, story, settings):
    settings.PAGE_CACHE_SECONDS = 30
    warm(client, "/news/")
    with time_machine.travel(timezone.now() + 31 * SECOND):
        assert client.get("/news/")["X-Page-Cache"] == "miss"


def test_bad_input_is_a_client_error_and_is_not_cached(client, story):
    assert client.get("/news/?page=abc").status_code == 404
    assert client.get("/news/?page=abc")["X-Page-Cache"] == "miss"
    assert client.get("/news/", HTTP_HOST="evil.example.com").status_code == 400


# Who bypasses the cache


def test_signed_in_editors_bypass_the_cache_both_ways(client, admin_client, story):
    anonymous = warm(client, "/news/proton/")
    editor = admin_client.get("/news/proton/")
    assert editor["X-Page-Cache"] == "bypass"
    assert "private" in editor["Cache-Control"]
    assert "wagtail-userbar" in editor.content.decode()
    assert "wagtail-userbar" not in anonymous.content.decode()
    again = client.get("/news/proton/")
    assert again["X-Page-Cache"] == "hit"
    assert "wagtail-userbar" not in again.content.decode(), "the editor's page was not stored"


def test_drafts_and_previews_stay_with_editors(client, admin_client, story):
    warm(client, "/news/proton/")
    story.title = "Draft headline not yet approved"
    story.save_revision()
    draft = admin_client.get(f"/admin/pages/{story.pk}/view_draft/")
    assert "Draft headline not yet approved" in visible_text(draft)
    assert draft["X-Page-Cache"] == "bypass"
    assert "private" in draft["Cache-Control"]
    reader = client.get("/news/proton/")
    assert reader["X-Page-Cache"] == "hit", "saving a draft changes nothing readers see"
    assert "Draft headline" not in visible_text(reader)


# What makes an entry of its own

TRACKED = (
    "utm_source=newsletter&utm_medium=email&utm_campaign=Fall%E2%80%9926&UTM_Content=Zo%C3%AB"
    "&fbclid=IwAR0x&gclid=Cj0KCQ&msclkid=9f1&mc_cid=5b2&mc_eid=77a&_ga=2.1.3&_gl=1*abc"
)


def test_tracking_parameters_share_the_plain_address_entry(client, story):
    urls = ["/news/proton/", "/text/news/proton/", "/news/", "/feeds/rss/"]
    plain = {url: warm(client, url).content for url in urls}
    for url in urls:
        tracked = client.get(f"{url}?{TRACKED}")
        assert tracked["X-Page-Cache"] == "hit", url
        assert tracked.content == plain[url], url


def test_a_page_rendered_for_a_tracked_link_is_the_plain_page(client, story):
    first = client.get(f"/news/proton/?{TRACKED}")
    assert first["X-Page-Cache"] == "miss"
    assert "newsletter" not in first.content.decode() and "IwAR0x" not in first.content.decode()
    plain = client.get("/news/proton/")
    assert plain["X-Page-Cache"] == "hit" and plain.content == first.content


def test_a_parameter_no_page_reads_makes_no_new_entry(client, story, django_assert_num_queries):
    # A new address: its first render, with a made-up parameter, learns what the page reads.
    first = client.get("/news/proton/?v=1")
    assert first["X-Page-Cache"] == "miss" and "Proton therapy arrives" in visible_text(first)
    with django_assert_num_queries(0):
        for url in ["/news/proton/?v=2", "/news/proton/?v=3&page=9", "/news/proton/"]:
            response = client.get(url)
            assert response["X-Page-Cache"] == "hit", url
            assert response.content == first.content, url


def test_parameters_a_page_reads_still_make_entries_of_their_own(client, news_index):
    NewsArticlePageFactory.create_batch(13, parent=news_index)
    first_page = warm(client, "/news/")
    older = soup(first_page).select_one("a[rel=next]")["href"]  # ?page=2&after=<position>
    assert len(soup(first_page).select(".teaser")) == 12
    page_two = client.get(f"/news/{older}")
    assert len(soup(page_two).select(".teaser")) == 1
    assert page_two.content != first_page.content
    page, after = older.removeprefix("?").split("&")
    # The same page asked for in another order, with tracking and unread parameters: one entry.
    for url in [
        f"/news/{older}",
        f"/news/?{after}&{page}",
        f"/news/?v=7&{after}&utm_source=x&{page}",
    ]:
        response = client.get(url)
        assert response["X-Page-Cache"] == "hit", url
        assert response.content == page_two.content, url
    by_number = client.get("/news/?page=2")
    assert len(soup(by_number).select(".teaser")) == 1
    assert client.get("/news/?page=2&v=1")["X-Page-Cache"] == "hit"
    assert len(soup(client.get("/text/news/?page=2")).select(".teaser")) == 1
    assert client.get("/news/?page=9").status_code == 404
    assert client.get("/news/")["X-Page-Cache"] == "hit"


def test_the_sitemap_reads_its_page_number_and_nothing_else(client, story):
    sitemap = warm(client, "/sitemap.xml")
    assert client.get("/sitemap.xml?v=1")["X-Page-Cache"] == "hit"
    assert client.get("/sitemap.xml?p=2").status_code == 404, "one page of addresses only"
    assert client.get("/sitemap.xml?p=1").content == sitemap.content


def test_a_made_up_session_cookie_is_served_from_the_cache(story, django_assert_max_num_queries):
    reader = Client()
    reader.cookies[settings.SESSION_COOKIE_NAME] = "k3j4h5g6f7d8s9a0q1w2e3r4t5y6u7i8"
    # Rendered as for a reader without it, so it is stored, and the cookie is left alone.
    first = reader.get("/news/proton/")
    assert first["X-Page-Cache"] == "miss" and not first.cookies
    with django_assert_max_num_queries(1):  # at most the look-up in the session store
        again = reader.get("/news/proton/")
    assert again["X-Page-Cache"] == "hit"
    assert "wagtail-userbar" not in again.content.decode()
    assert Client().get("/news/proton/")["X-Page-Cache"] == "hit"


@pytest.mark.parametrize("value", ["x", "\u0000" * 12, "A" * 5000])
def test_a_malformed_session_cookie_is_a_reader_without_one(client, story, value):
    warm(client, "/news/proton/")
    reader = Client(HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}={value}")
    assert reader.get("/news/proton/")["X-Page-Cache"] == "hit"


def test_an_expired_session_is_served_from_the_cache(client, admin_client, story):
    warm(client, "/news/proton/")
    assert admin_client.get("/news/proton/")["X-Page-Cache"] == "bypass"
    Session.objects.update(expire_date=timezone.now() - SECOND)
    assert admin_client.get("/news/proton/")["X-Page-Cache"] == "hit"


def test_a_made_up_messages_cookie_is_served_from_the_cache(client, story):
    warm(client, "/news/proton/")
    reader = Client()
    reader.cookies["messages"] = "W1siX19qc29uX21lc3NhZ2UiXQ:1abc:forged"
    response = reader.get("/news/proton/")
    assert response["X-Page-Cache"] == "hit" and not response.cookies


def test_messages_the_site_signed_bypass_the_cache(client, admin_client, story):
    warm(client, "/news/proton/")
    admin_client.post("/admin/logout/")  # "You have been successfully logged out."
    assert admin_client.cookies["messages"].value
    assert settings.SESSION_COOKIE_NAME not in admin_client.cookies or not (
        admin_client.cookies[settings.SESSION_COOKIE_NAME].value
    )
    assert admin_client.get("/news/proton/")["X-Page-Cache"] == "bypass"
    sign_in = admin_client.get("/admin/login/")
    assert "You have been successfully logged out." in visible_text(sign_in)


def test_a_reader_who_visited_a_form_shares_the_cached_page(client, story):
    client.get("/admin/login/")  # the sign-in form sets the CSRF cookie
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    first = client.get("/news/proton/")
    assert first["X-Page-Cache"] == "miss"
    assert token not in first.content.decode()
    assert Client().get("/news/proton/")["X-Page-Cache"] == "hit"
    assert client.get("/news/proton/")["X-Page-Cache"] == "hit"


# What clears it


def test_publishing_reaches_every_surface_in_both_views(client, story):
    story.live = False
    story.save()
    story.save_revision()
    warm_surfaces(client, story)
    assert surfaces_showing(client, story) == set()
    story.save_revision().publish()
    assert surfaces_showing(client, story) == ALL_SURFACES


def test_unpublishing_reaches_every_surface_in_both_views(client, story):
    warm_surfaces(client, story)
    assert surfaces_showing(client, story) == ALL_SURFACES
    story.unpublish()
    assert surfaces_showing(client, story) == set()


def test_scheduled_publishing_reaches_readers(client, story):
    story.live = False
    story.go_live_at = timezone.now() + timedelta(minutes=5)
    story.save()
    story.save_revision().publish()  # approved: scheduled, not live
    warm_surfaces(client, story)
    with time_machine.travel(story.go_live_at + SECOND):
        assert [page.pk for page in run_due().published] == [story.pk]
        assert surfaces_showing(client, story) == ALL_SURFACES


def test_scheduled_expiry_reaches_readers(client, story):
    story.expire_at = timezone.now() + timedelta(minutes=5)
    story.save_revision().publish()
    with time_machine.travel(story.expire_at - 30 * SECOND):
        warm_surfaces(client, story)
    with time_machine.travel(story.expire_at + SECOND):
        assert [page.pk for page in run_due().unpublished] == [story.pk]
        assert surfaces_showing(client, story) == set()


def test_a_cached_page_does_not_outlive_its_expiry_time(client, story):
    """The site hides a story the moment it expires, scheduler or not: so does the cache."""
    story.expire_at = timezone.now() + timedelta(seconds=60)
    story.save_revision().publish()
    warm_surfaces(client, story)
    with time_machine.travel(story.expire_at + SECOND):
        assert client.get("/news/proton/").status_code == 404
        assert client.get("/text/news/proton/").status_code == 404
        assert surfaces_showing(client, story) == set()


def test_banner_changes_reach_every_page(client, story):
    urls = ["/", "/news/", "/news/proton/", "/text/news/proton/"]
    for url in urls:
        warm(client, url)
    banner = AlertBannerFactory(message="Visitor policy updated.")
    for url in urls:
        assert "Visitor policy updated." in visible_text(client.get(url)), url
        warm(client, url)
    banner.message = "Masks are required in clinics."
    banner.save()
    for url in urls:
        text = visible_text(client.get(url))
        assert "Masks are required in clinics." in text and "Visitor policy" not in text, url
        warm(client, url)
    banner.delete()
    for url in urls:
        assert "Masks are required" not in visible_text(client.get(url)), url


def test_a_scheduled_banner_comes_and_goes_on_cached_pages(client, story):
    """The scheduler publishes it at its go-live time; it is hidden at its expiry time, before
    the scheduler takes it down. The stored page is served throughout, with the banners in."""
    now = timezone.now()
    banner = AlertBannerFactory(
        message="Flu clinic this week.",
        live=False,
        go_live_at=now + timedelta(seconds=60),
        expire_at=now + timedelta(seconds=120),
    )
    banner.save_revision().publish()  # an editor's approval: scheduled
    assert "Flu clinic" not in visible_text(warm(client, "/news/proton/"))
    with time_machine.travel(now + timedelta(seconds=61)):
        assert "Flu clinic" not in visible_text(client.get("/news/proton/")), "not yet published"
        run_due()
        response = client.get("/news/proton/")
        assert "Flu clinic this week." in visible_text(response)
        assert response["X-Page-Cache"] == "hit"
    with time_machine.travel(now + timedelta(seconds=121)):
        response = client.get("/news/proton/")
        assert "Flu clinic" not in visible_text(response)
        assert response["X-Page-Cache"] == "hit"


def test_site_settings_changes_reach_every_page(client, story, home_page):
    for url in ["/", "/text/news/"]:
        warm(client, url)
    site_settings = SiteSettings.for_site(home_page.get_site())
    site_settings.organisation_name = "Massey Comprehensive Cancer Center"
    site_settings.save()
    for url in ["/", "/text/news/"]:
        assert "Massey Comprehensive Cancer Center" in visible_text(client.get(url)), url


def test_author_and_category_changes_reach_articles_and_archives(client, story):
    author, category = story.authors[0], story.category
    urls = ["/news/proton/", "/text/news/proton/", f"/news/author/{author.slug}/"]
    for url in urls:
        warm(client, url)
    author.name = "Dr. Renamed Author"
    author.save()
    for url in urls:
        assert "Dr. Renamed Author" in visible_text(client.get(url)), url
        warm(client, url)
    category.name = "Patient care"
    category.save()
    for url in ["/news/proton/", f"/news/category/{category.slug}/"]:
        assert "Patient care" in visible_text(client.get(url)), url


def test_making_a_page_private_takes_it_out_of_the_cache(client, story):
    warm(client, "/news/proton/")
    PageViewRestriction.objects.create(page=story, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/news/proton/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_saved_contact_changes_reach_the_stories_that_show_it(client, news_index):
    contact = ContactFactory(name="Media office", phone="(804) 828-1234")
    body = json.dumps(
        [{"type": "contact", "value": {"intro": "To learn more, contact", "contact": contact.pk}}]
    )
    NewsArticlePageFactory(parent=news_index, slug="with-contact", body=body)
    for url in ["/news/with-contact/", "/text/news/with-contact/"]:
        assert "(804) 828-1234" in visible_text(warm(client, url))
    contact.phone = "(804) 555-0100"
    contact.save()
    for url in ["/news/with-contact/", "/text/news/with-contact/"]:
        assert "(804) 555-0100" in visible_text(client.get(url)), url


def test_deleting_a_story_takes_it_off_every_surface(client, story):
    warm_surfaces(client, story)
    story.delete()
    assert surfaces_showing(client, story) == set()
