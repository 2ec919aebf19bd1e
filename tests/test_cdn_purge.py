"""The CDN is told what changed, by the scheduler, not during the change; only when one is set.

A loopback HTTP server stands in for the CDN (Varnish-style PURGE requests, Cloudflare's and
CloudFront's APIs) and records what it is sent. Settings are the test settings with a CDN in
front of the production address: `make run` has no CDN, so its settings would purge nothing.
"""

import json
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.core.management import call_command
from django.utils import timezone

from wagtail.contrib.frontend_cache.utils import get_backends
from wagtail.models import Page

import boto3
import pytest

from caching import cdn as cdn_purge
from core.models import PendingPurge, SiteSettings
from editorial.scheduling import run_due
from news.models import NewsArticlePage

from .conftest import build_site_tree
from .editorial import newsroom
from .factories import (
    AlertBannerFactory,
    AuthorFactory,
    CategoryFactory,
    NewsArticlePageFactory,
    NewsIndexPageFactory,
    eastern,
)
from .servers import free_port
from .test_admin import article_form

# Purges are recorded when a transaction commits, so these tests commit for real.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SITE = "news.example.org"


@pytest.fixture
def news_index():
    return build_site_tree()[1]


class StandIn:
    """What the stand-in CDN received, and how it answers."""

    def __init__(self):
        self.requests = []  # (method, host + path, body) of every request
        self.purged = []  # host + path of each PURGE request
        self.status = 200


@pytest.fixture
def stand_in():
    seen = StandIn()

    class Handler(BaseHTTPRequestHandler):
        def record(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode() if length else ""
            seen.requests.append((self.command, f"{self.headers['Host']}{self.path}", body))

        def do_PURGE(self):  # noqa: N802 - the HTTP method's name
            self.record()
            seen.purged.append(f"{self.headers['Host']}{self.path}")
            self.send_response(seen.status)
            self.end_headers()

        def do_POST(self):  # noqa: N802 - Cloudflare's and CloudFront's APIs
            self.record()
            if "/invalidation" in self.path:  # CloudFront's CreateInvalidation
                body = (
                    b'<?xml version="1.0"?><Invalidation><Id>I1</Id><Status>InProgress</Status>'
                    b"<CreateTime>2026-01-01T00:00:00Z</CreateTime></Invalidation>"
                )
                self.send_response(201 if seen.status == 200 else seen.status)
                self.send_header("Content-Type", "text/xml")
                self.send_header("Location", "https://cloudfront.example/I1")
            else:
                body = json.dumps({"success": seen.status == 200, "errors": []}).encode()
                self.send_response(seen.status)
                self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    seen.location = f"http://127.0.0.1:{server.server_port}"
    yield seen
    server.shutdown()
    server.server_close()


@pytest.fixture
def purge_receiver(stand_in):
    """(where PURGE requests go, the addresses purged so far)."""
    return stand_in.location, stand_in.purged


def production_address(settings):
    settings.PUBLIC_URL_FROM_REQUEST = False
    settings.WAGTAILADMIN_BASE_URL = settings.WAGTAILAPI_BASE_URL = f"https://{SITE}"


@pytest.fixture
def cdn(settings, purge_receiver):
    """A Varnish-style CDN in front of the production site at its public address: that is
    what it serves and what is purged, whatever host the Site record or a request names.
    Returns the addresses it is sent, once the scheduler (or a restore) sends them."""
    location, received = purge_receiver
    production_address(settings)
    settings.WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": location,
        }
    }
    return received


def sent_after(stand_in, change, backends=None):
    """Send what is pending, then make ``change``, which sends nothing itself. Returns the
    requests the scheduler's next send makes, and the count it reports."""
    cdn_purge.send_pending(backends)
    stand_in.requests.clear()
    change()
    assert stand_in.requests == [], "the change itself sent nothing to the CDN"
    reported = cdn_purge.send_pending(backends)
    return list(stand_in.requests), reported


def purged(requests):
    return [address for method, address, _ in requests if method == "PURGE"]


def story_addresses(story, category, authors, year, month):
    """Every address a story shows at, written out by hand from the site's URL scheme."""
    pages = [
        "/",
        "/news/",
        story,
        f"/news/category/{category}/",
        *(f"/news/author/{author}/" for author in authors),
        f"/news/{year}/",
        f"/news/{year}/{month}/",
    ]
    files = [
        "/feeds/rss/",
        "/feeds/atom/",
        f"/feeds/category/{category}/rss/",
        f"/feeds/category/{category}/atom/",
        "/sitemap.xml",
        "/sitemap-pages.xml",
    ]
    both_views = [*pages, *(f"/text{path}" for path in pages)]
    return {f"{SITE}{path}" for path in [*both_views, *files]}


def test_publishing_purges_the_story_its_listings_and_feeds_each_once(cdn, news_index, stand_in):
    oncology = CategoryFactory(name="Oncología clínica", slug="oncologia")
    writer = AuthorFactory(name="Zoë Ng", slug="zoe-ng")
    story = NewsArticlePageFactory(
        parent=news_index,
        slug="proton",
        live=False,
        category=oncology,
        authors=[writer],
        posted_at_override=eastern(2021, 3, 4, 12, 30, 15, 123456),
    )
    story.save_revision()
    NewsArticlePageFactory(parent=news_index)  # another story: none of its addresses go

    requests, reported = sent_after(stand_in, lambda: story.save_revision().publish())

    addresses = purged(requests)
    expected = story_addresses("/news/proton/", "oncologia", ["zoe-ng"], 2021, "03")
    assert set(addresses) == expected
    assert len(addresses) == len(expected) == reported, "each address once"


def test_the_addresses_per_publish_do_not_grow_with_the_number_of_stories(
    cdn, news_index, stand_in, settings
):
    categories = [CategoryFactory() for _ in range(5)]
    authors = [AuthorFactory() for _ in range(5)]
    with_cdn = settings.WAGTAILFRONTENDCACHE

    def stories(count):
        settings.WAGTAILFRONTENDCACHE = {}  # the other stories only fill the site, quicker
        for n in range(count):
            NewsArticlePageFactory(
                parent=news_index,
                lead_image=None,
                category=categories[n % 5],
                authors=[authors[n % 5]],
                posted_at_override=eastern(2015, 1, 1, 9) + timedelta(days=17 * n),
            )
        settings.WAGTAILFRONTENDCACHE = with_cdn

    def publish_one():
        story = NewsArticlePageFactory(
            parent=news_index, live=False, category=categories[0], authors=[authors[0]]
        )
        requests, _ = sent_after(stand_in, lambda: story.save_revision().publish())
        return len(purged(requests))

    stories(10)
    with_ten = publish_one()
    stories(290)
    assert NewsArticlePage.objects.live().count() == 301
    assert publish_one() == with_ten


def test_unpublishing_purges_where_the_story_was(cdn, news_index, stand_in):
    story = NewsArticlePageFactory(
        parent=news_index, slug="gone", posted_at_override=eastern(2019, 11, 2, 8)
    )
    category, author = story.category.slug, story.authors[0].slug

    requests, _ = sent_after(stand_in, lambda: story.unpublish())

    assert set(purged(requests)) == story_addresses("/news/gone/", category, [author], 2019, "11")


def test_a_slug_change_purges_the_old_and_the_new_address(cdn, news_index, stand_in):
    story = NewsArticlePageFactory(parent=news_index, slug="first-name")

    def rename():
        story.slug = "second-name"
        story.save_revision().publish()

    addresses = set(purged(sent_after(stand_in, rename)[0]))
    for path in ["/news/first-name/", "/text/news/first-name/", "/news/second-name/"]:
        assert f"{SITE}{path}" in addresses
    assert f"{SITE}/text/news/second-name/" in addresses


def test_a_story_moved_to_another_index_is_purged_at_both_places(cdn, news_index, stand_in):
    archive = NewsIndexPageFactory(parent=news_index.get_parent(), slug="archive", title="Archive")
    story = NewsArticlePageFactory(parent=news_index, slug="moved")
    category = story.category.slug

    requests, _ = sent_after(stand_in, lambda: story.move(archive, pos="last-child"))

    addresses = set(purged(requests))
    for path in [
        "/news/moved/",
        "/archive/moved/",
        "/news/",
        "/archive/",
        f"/news/category/{category}/",
        f"/archive/category/{category}/",
    ]:
        assert f"{SITE}{path}" in addresses, path
        assert f"{SITE}/text{path}" in addresses, path


def test_the_scheduler_purges_a_story_it_takes_down_at_expiry(cdn, news_index):
    story = NewsArticlePageFactory(
        parent=news_index, slug="expiring", posted_at_override=eastern(2022, 7, 1, 10)
    )
    category, author = story.category.slug, story.authors[0].slug
    cdn_purge.send_pending()
    cdn.clear()
    Page.objects.filter(pk=story.pk).update(expire_at=timezone.now() - timedelta(seconds=1))

    run = run_due()

    assert [page.pk for page in run.unpublished] == [story.pk]
    expected = story_addresses("/news/expiring/", category, [author], 2022, "07")
    assert set(cdn) == expected
    assert run.purged == len(expected)


def test_an_editors_publish_in_the_admin_sends_nothing_until_the_scheduler_runs(
    cdn, client, news_index
):
    _staff, editor = newsroom()
    client.force_login(editor)
    cdn_purge.send_pending()
    cdn.clear()

    response = client.post(
        f"/admin/pages/add/news/newsarticlepage/{news_index.pk}/",
        {**article_form(slug="from-the-admin"), "action-publish": "1"},
    )

    assert response.status_code == 302
    assert NewsArticlePage.objects.get(slug="from-the-admin").live
    assert list(cdn) == [], "the editor's request sent nothing to the CDN"
    assert PendingPurge.objects.filter(address=f"https://{SITE}/news/from-the-admin/").exists()
    call_command("run_scheduler", once=True)
    assert f"{SITE}/news/from-the-admin/" in cdn
    assert f"{SITE}/text/news/from-the-admin/" in cdn
    assert not PendingPurge.objects.exists()


# The whole site


@pytest.fixture
def cloudflare(settings, stand_in):
    """Wagtail's Cloudflare backend, with its API at the stand-in."""
    production_address(settings)
    settings.WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "ZONEID": "zone-1",
            "BEARER_TOKEN": "token-1",
        }
    }
    backends = get_backends()
    backends[
        "default"
    ].cloudflare_purge_endpoint_url = f"{stand_in.location}/client/v4/zones/zone-1/purge_cache"
    return backends


@pytest.fixture
def cloudfront(settings, stand_in):
    """Wagtail's CloudFront backend, its client talking to the stand-in."""
    production_address(settings)
    settings.WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": "DIST1",
            "AWS_ACCESS_KEY_ID": "test",
            "AWS_SECRET_ACCESS_KEY": "test",
        }
    }
    backends = get_backends()
    backends["default"].client = boto3.client(
        "cloudfront",
        endpoint_url=stand_in.location,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )
    return backends


def test_a_banner_change_purges_everything_on_cloudflare_in_one_call(
    cloudflare, news_index, stand_in
):
    for _ in range(3):
        NewsArticlePageFactory(parent=news_index)

    requests, reported = sent_after(stand_in, AlertBannerFactory, cloudflare)

    ((method, address, body),) = requests
    assert method == "POST" and address.endswith("/client/v4/zones/zone-1/purge_cache")
    assert json.loads(body) == {"purge_everything": True}
    assert reported == 1


def test_a_site_settings_change_purges_everything_on_cloudfront_in_one_call(
    cloudfront, news_index, stand_in
):
    NewsArticlePageFactory(parent=news_index)
    site_settings = SiteSettings.for_site(news_index.get_site())

    def rename():
        site_settings.organisation_name = "Centro Oncológico"
        site_settings.save()

    requests, reported = sent_after(stand_in, rename, cloudfront)

    ((method, address, body),) = requests
    assert method == "POST" and address.endswith("/distribution/DIST1/invalidation")
    assert "<Quantity>1</Quantity>" in body and "<Path>/*</Path>" in body
    assert reported == 1


def test_a_category_rename_purges_everything(cloudflare, news_index, stand_in):
    story = NewsArticlePageFactory(parent=news_index)

    def rename():
        story.category.name = "Investigación"
        story.category.save()

    requests, _ = sent_after(stand_in, rename, cloudflare)
    assert [json.loads(body) for _, _, body in requests] == [{"purge_everything": True}]


def test_on_a_purge_only_cdn_everything_is_a_list_that_does_not_grow_with_stories(
    cdn, news_index, stand_in
):
    category, author = CategoryFactory(slug="trials"), AuthorFactory(slug="ana-lopez")

    def stories(count):
        for _ in range(count):
            NewsArticlePageFactory(
                parent=news_index,
                lead_image=None,
                category=category,
                authors=[author],
                posted_at_override=eastern(2024, 5, 6, 7),
            )

    stories(3)
    few = purged(sent_after(stand_in, AlertBannerFactory)[0])
    stories(40)
    many = purged(sent_after(stand_in, AlertBannerFactory)[0])

    assert len(few) == len(many)
    for path in [
        "/",
        "/text/",
        "/news/",
        "/text/news/",
        "/news/category/trials/",
        "/news/author/ana-lopez/",
        "/text/news/2024/05/",
        "/feeds/rss/",
        "/feeds/category/trials/atom/",
        "/sitemap.xml",
    ]:
        assert f"{SITE}{path}" in many, path
    assert not any("/news/story-number" in address for address in many), "stories age out"


# When the CDN fails


def test_a_cdn_error_keeps_the_purge_for_a_later_pass(cdn, news_index, settings, stand_in):
    settings.SCHEDULER_INTERVAL_SECONDS = 0.1  # the first retry waits 0.2 s
    story = NewsArticlePageFactory(parent=news_index, live=False, slug="retry")
    cdn_purge.send_pending()
    stand_in.status = 503
    story.save_revision().publish()

    assert cdn_purge.send_pending() == 0
    assert f"{SITE}/news/retry/" in cdn, "it was tried"
    waiting = PendingPurge.objects.get(address=f"https://{SITE}/news/retry/")
    assert waiting.attempts == 1 and waiting.not_before > timezone.now()

    stand_in.status = 200
    cdn.clear()
    assert cdn_purge.send_pending() == 0, "not due yet"
    time.sleep(0.3)
    assert cdn_purge.send_pending() > 0
    assert f"{SITE}/news/retry/" in cdn
    assert not PendingPurge.objects.exists()


def test_a_purge_older_than_the_cdns_lifetime_is_dropped(cdn, news_index, settings):
    story = NewsArticlePageFactory(parent=news_index, live=False)
    cdn_purge.send_pending()
    settings.FRONTEND_CACHE_SECONDS = 0  # whatever the CDN held before the change has expired
    story.save_revision().publish()
    cdn.clear()

    assert cdn_purge.send_pending() == 0
    assert list(cdn) == []
    assert not PendingPurge.objects.exists()


def test_a_change_during_a_send_is_not_lost(cdn, news_index):
    story = NewsArticlePageFactory(parent=news_index, live=False, slug="twice")
    cdn_purge.send_pending()
    story.save_revision().publish()
    first = PendingPurge.objects.get(address=f"https://{SITE}/news/twice/")
    story.title = "Twice, again"
    story.save_revision().publish()  # recorded again before the scheduler got to it

    again = PendingPurge.objects.get(address=f"https://{SITE}/news/twice/")
    assert again.pk == first.pk and again.token != first.token, "one row, the newer change's"


# Caching headers


def test_a_cdn_may_keep_pages_that_it_is_told_to_purge(cdn, client, news_index, settings):
    settings.FRONTEND_CACHE_SECONDS = 3600
    response = client.get("/news/")
    assert "s-maxage=3600" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"], "browsers still revalidate"


def test_without_a_cdn_nothing_is_recorded_or_purged_and_no_shared_lifetime_is_sent(
    client, news_index, purge_receiver
):
    _location, received = purge_receiver
    NewsArticlePageFactory(parent=news_index).save_revision().publish()
    AlertBannerFactory()
    assert not PendingPurge.objects.exists()
    assert run_due().purged == 0
    assert list(received) == []
    assert "s-maxage" not in client.get("/news/")["Cache-Control"]
