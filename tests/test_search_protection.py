"""Search cannot take the site down: results come from the cache, a client searching faster
than a person gets a friendly 429, the database stops a search that runs too long, and readers'
searches cannot fill the database."""

import io
import json
import logging
import threading
import time
from contextlib import ExitStack, contextmanager
from datetime import timedelta

from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion

import pytest
import time_machine

from core.models import SiteSettings
from editorial.scheduling import run_due
from news import search_terms
from news.search_limits import search_slot

from .factories import NewsArticlePageFactory, eastern, paragraph
from .helpers import soup, visible_text

pytestmark = pytest.mark.django_db


def story(news_index, title, words, **fields):
    body = json.dumps([paragraph(f"<p>{words}</p>")])
    return NewsArticlePageFactory(parent=news_index, title=title, body=body, **fields)


def result_titles(response):
    return [h.get_text(strip=True) for h in soup(response).select(".teaser__title")]


def search_term_rows():
    return Query.objects.count() + QueryDailyHits.objects.count()


@pytest.fixture(autouse=True)
def saved_site_settings(home_page):
    """A running site has its settings saved; the first read would otherwise create them."""
    SiteSettings.for_site(home_page.get_site())


@pytest.fixture
def melanoma(news_index):
    return [
        story(news_index, "Melanoma vaccine trial opens", "A melanoma vaccine trial for adults."),
        story(
            news_index,
            "Skin checks at the Ünïversity clinic",
            "Free skin checks find melanoma early.",
            posted_at_override=eastern(2019, 4, 2, 9, 30),
        ),
    ]


@pytest.mark.parametrize("prefix", ["", "/text"])
def test_a_repeated_search_reads_nothing_from_the_database(
    client, melanoma, django_assert_num_queries, prefix
):
    """Case and runs of spaces do not matter; the reader's own words are still shown."""
    first = client.get(f"{prefix}/search/", {"q": "melanoma trial"})
    with django_assert_num_queries(0):
        again = client.get(f"{prefix}/search/", {"q": "  Melanoma   TRIAL "})
    assert result_titles(again) == result_titles(first) == ["Melanoma vaccine trial opens"]
    assert "Search results for “Melanoma TRIAL”" in visible_text(again)
    link = soup(again).select_one(".teaser__title a")["href"]
    assert link.startswith("/text/news/" if prefix else "/news/")


def test_word_order_and_filters_are_searches_of_their_own(client, melanoma):
    client.get("/search/", {"q": "melanoma trial"})
    assert result_titles(client.get("/search/", {"q": "trial melanoma"})) == [
        "Melanoma vaccine trial opens"
    ]
    older = client.get("/search/", {"q": "melanoma", "date_to": "2019-12-31"})
    assert result_titles(older) == ["Skin checks at the Ünïversity clinic"]
    assert len(result_titles(client.get("/search/", {"q": "melanoma"}))) == 2


def test_publishing_and_unpublishing_change_cached_results_at_once(client, news_index, melanoma):
    assert len(result_titles(client.get("/search/", {"q": "melanoma"}))) == 2
    new = story(news_index, "Melanoma survivors meet", "Melanoma survivors share their stories.")
    assert "Melanoma survivors meet" in result_titles(client.get("/search/", {"q": "melanoma"}))
    new.unpublish()
    assert "Melanoma survivors meet" not in result_titles(client.get("/search/", {"q": "melanoma"}))


def test_a_new_promotion_shows_at_once(client, melanoma):
    client.get("/search/", {"q": "melanoma"})
    SearchPromotion.objects.create(
        query=Query.get("melanoma"), page=melanoma[1], sort_order=0, description="Book a check."
    )
    html = soup(client.get("/search/", {"q": "Melanoma"}))
    assert "Book a check." in html.select_one(".search__promoted").get_text()


def test_a_story_leaves_cached_results_when_it_expires(client, news_index):
    expires = timezone.now() + timedelta(hours=1)
    story(news_index, "Sarcoma clinic hours", "Sarcoma clinic hours change.", expire_at=expires)
    assert result_titles(client.get("/search/", {"q": "sarcoma"})) == ["Sarcoma clinic hours"]
    with time_machine.travel(expires + timedelta(seconds=1)):
        assert result_titles(client.get("/search/", {"q": "sarcoma"})) == []


def test_pages_past_the_last_possible_are_not_searched(client, melanoma):
    for page in ("11", "two", "-1"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/search/", {"q": "melanoma", "page": page}).status_code == 404
        assert not [q for q in queries if "news_newsarticlepage" in q["sql"]], page
    assert client.get("/search/", {"q": "melanoma", "page": "2"}).status_code == 404


@pytest.mark.parametrize(
    ("prefix", "home"), [("", "Text-only version"), ("/text", "View graphic version")]
)
def test_a_client_searching_too_fast_gets_a_friendly_429(client, melanoma, settings, prefix, home):
    # The count starts afresh at fixed moments: the clock is held inside one window, or a slow
    # run (PostgreSQL and Redis on a loaded machine) could cross into the next one.
    window = settings.SEARCH_RATE_WINDOW_SECONDS
    window_start = (int(time.time() // window) + 1) * window
    with time_machine.travel(window_start + 1, tick=False):
        for n in range(settings.SEARCH_RATE_LIMIT):
            assert client.get(f"{prefix}/search/", {"q": f"melanoma {n % 3}"}).status_code == 200
        refused = client.get(f"{prefix}/search/", {"q": "melanoma"})
        the_refusal_explains_itself(client, settings, refused, prefix, home)


def the_refusal_explains_itself(client, settings, refused, prefix, home):
    assert refused.status_code == 429
    wait = int(refused["Retry-After"])
    assert 1 <= wait <= settings.SEARCH_RATE_WINDOW_SECONDS
    text = visible_text(refused)
    assert "Please wait a moment before searching again" in text
    assert "You can search again in" in text and home in text
    stylesheet = soup(refused).find("link", rel="stylesheet")["href"]
    assert ("text" if prefix else "site") in stylesheet
    # Reading is not limited, nor is another reader.
    assert client.get(f"{prefix}/news/").status_code == 200
    other = client.get(f"{prefix}/search/", {"q": "melanoma"}, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200
    with time_machine.travel(timezone.now() + timedelta(seconds=wait + 1)):
        assert client.get(f"{prefix}/search/", {"q": "melanoma"}).status_code == 200


def test_the_limit_counts_the_address_the_trusted_proxy_saw(client, melanoma, settings):
    """Behind one proxy every request comes from the proxy's address; the reader's is the last
    one in X-Forwarded-For, and anything the client wrote further left is ignored."""
    settings.TRUSTED_PROXY_COUNT = 1
    settings.SEARCH_RATE_LIMIT = 3
    for n in range(3):
        forged = f"10.0.0.{n}, 203.0.113.5"
        response = client.get("/search/", {"q": "melanoma"}, HTTP_X_FORWARDED_FOR=forged)
        assert response.status_code == 200
    refused = client.get("/search/", {"q": "melanoma"}, HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert refused.status_code == 429
    other = client.get("/search/", {"q": "melanoma"}, HTTP_X_FORWARDED_FOR="203.0.113.6")
    assert other.status_code == 200


@pytest.mark.parametrize("prefix", ["", "/text"])
def test_a_refused_search_costs_no_query_no_session_and_one_log_line(
    client, melanoma, settings, prefix, django_assert_num_queries
):
    """A flood of refused searches must cost less than the cached pages readers are waiting
    for: no query, no session, no cookie; and the operator's log gets one line for the flood,
    not one per request."""
    settings.SEARCH_RATE_LIMIT = 2
    console = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    written = io.StringIO()
    previous = console.setStream(written)
    try:
        for _ in range(2):
            assert client.get(f"{prefix}/search/", {"q": "melanoma"}).status_code == 200
        with django_assert_num_queries(0):
            for _ in range(5):
                refused = client.get(f"{prefix}/search/", {"q": "melanoma"})
                assert refused.status_code == 429
                assert not refused.cookies
    finally:
        console.setStream(previous)
    log = written.getvalue()
    assert log.count("Searches paused") == 1, log
    assert "Too Many Requests" not in log
    # The site's security headers are on the refusal too.
    assert refused["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" in refused


@contextmanager
def stories_under_load():
    """On PostgreSQL, another transaction holds the stories' table, as a long import or a
    migration would: a search waits for it, for real, until its time limit stops it. SQLite
    readers never wait for a writer; there, the limit is made shorter than any search."""
    if connection.vendor != "postgresql":
        yield
        return
    locked, release = threading.Event(), threading.Event()

    def hold():
        other = connections.create_connection("default")
        try:
            with other.cursor() as cursor:
                cursor.execute("BEGIN")
                cursor.execute("LOCK TABLE news_newsarticlepage IN ACCESS EXCLUSIVE MODE")
                locked.set()
                release.wait(30)
                cursor.execute("ROLLBACK")
        finally:
            other.close()

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert locked.wait(10)
        yield
    finally:
        release.set()
        holder.join()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("prefix", ["", "/text"])
def test_a_search_the_database_cannot_finish_in_time_is_stopped_with_a_message(
    client, news_index, settings, prefix
):
    settings.SEARCH_TIMEOUT_MS = 1 if connection.vendor == "sqlite" else 200
    for n in range(3):
        story(news_index, f"Lung screening {n}", "Lung screening finds cancer early. " * 40)
    client.get(f"{prefix}/search/")  # the header and footer, kept in the cache
    with stories_under_load():
        started = time.monotonic()
        response = client.get(f"{prefix}/search/", {"q": "lung screening cancer"})
        assert time.monotonic() - started < 5, "stopped at its limit, not when the lock went"
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    text = visible_text(response)
    assert "This search took too long" in text
    assert "try more specific words" in text
    assert soup(response).find("input", attrs={"name": "q"})["value"] == "lung screening cancer"
    # The database answers everything else at once: the limit was the search's own.
    settings.SEARCH_TIMEOUT_MS = 0
    assert result_titles(client.get(f"{prefix}/search/", {"q": "lung"}))


@pytest.mark.django_db(transaction=True)
def test_without_the_pressure_the_same_search_succeeds(client, news_index, settings):
    """The time limit stops only what runs too long: the default lets a search finish."""
    for n in range(3):
        story(news_index, f"Lung screening {n}", "Lung screening finds cancer early.")
    response = client.get("/search/", {"q": "lung screening cancer"})
    assert response.status_code == 200
    assert len(result_titles(response)) == 3


def test_distinct_searches_add_no_rows(client, melanoma, settings):
    settings.SEARCH_RATE_LIMIT = 0
    before = search_term_rows()
    for n in range(200):
        assert client.get("/search/", {"q": f"melanoma variant{n}"}).status_code == 200
    assert search_term_rows() == before


def test_new_terms_a_day_are_capped(client, melanoma, settings):
    settings.SEARCH_RATE_LIMIT = 0
    settings.SEARCH_NEW_TERMS_PER_DAY = 4
    before = search_term_rows()
    for n in range(10):
        for _ in range(search_terms.HIT_BATCH):
            client.get("/search/", {"q": f"melanoma junk{n}"})
    assert search_term_rows() - before == 2 * 4, "a term and its day's count, four times"


def test_editors_see_how_often_a_term_is_searched(client, melanoma, settings):
    """The admin's popular terms (Reports > Search terms, promotions) read these counts; they
    are written in batches, so 12 searches count as 10."""
    settings.SEARCH_RATE_LIMIT = 0
    for n in range(12):
        client.get("/search/", {"q": "Melanoma" if n % 2 else "melanoma "})
    client.get("/search/", {"q": "chemotherapy"})
    popular = list(Query.get_most_popular())
    assert [(q.query_string, q._hits) for q in popular] == [("melanoma", 10)]


def test_old_counts_and_their_terms_are_pruned_once_a_day(melanoma, settings):
    today = timezone.now().date()
    old_day = today - timedelta(days=settings.WAGTAILSEARCH_HITS_MAX_AGE + 1)
    search_terms.record("old term", old_day, 5)
    search_terms.record("recent term", today, 5)
    promoted = Query.objects.create(query_string="promoted but unsearched")
    SearchPromotion.objects.create(query=promoted, page=melanoma[0], sort_order=0)
    search_terms.record("promoted but unsearched", old_day, 5)
    run_due()
    assert sorted(Query.objects.values_list("query_string", flat=True)) == [
        "promoted but unsearched",
        "recent term",
    ]
    assert list(QueryDailyHits.objects.values_list("query__query_string", "hits")) == [
        ("recent term", 5)
    ]
    search_terms.record("old term", old_day, 5)
    run_due()  # the same day again: nothing more is pruned
    assert Query.objects.filter(query_string="old term").exists()


@pytest.mark.parametrize("prefix", ["", "/text"])
def test_when_every_search_slot_is_taken_a_reader_is_asked_to_try_again(
    client, melanoma, settings, prefix
):
    """Another worker is mid-search in each slot: this search does not wait for a worker's
    database, and a cached search or a story is served as usual."""
    client.get(f"{prefix}/search/", {"q": "vaccine"})
    with ExitStack() as slots:
        for _ in range(settings.SEARCH_CONCURRENCY):
            slots.enter_context(search_slot())
        busy = client.get(f"{prefix}/search/", {"q": "melanoma"})
        assert busy.status_code == 503
        assert busy["Retry-After"] == "5"
        assert "Search is busy just now" in visible_text(busy)
        assert result_titles(client.get(f"{prefix}/search/", {"q": "Vaccine"})) == [
            "Melanoma vaccine trial opens"
        ]
        assert client.get(f"{prefix}{melanoma[0].url}").status_code == 200
    assert len(result_titles(client.get(f"{prefix}/search/", {"q": "melanoma"}))) == 2
