"""The CDN is purged from the same signals as the page cache, and only when one is set."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from .conftest import build_site_tree
from .factories import AlertBannerFactory, NewsArticlePageFactory, eastern
from .servers import free_port

# Purges go out when a transaction commits, so these tests commit for real.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def news_index():
    return build_site_tree()[1]


@pytest.fixture
def purge_receiver():
    """A cache server on loopback that records the PURGE requests it receives."""
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_PURGE(self):  # noqa: N802 - the HTTP method's name
            received.append(f"{self.headers['Host']}{self.path}")
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", received
    server.shutdown()
    server.server_close()


@pytest.fixture
def cdn(settings, purge_receiver):
    """A CDN in front of the production site at its public address: that is what it serves
    and what is purged, whatever host the Site record or a request names."""
    location, received = purge_receiver
    settings.PUBLIC_URL_FROM_REQUEST = False
    settings.WAGTAILADMIN_BASE_URL = settings.WAGTAILAPI_BASE_URL = "https://news.example.org"
    settings.WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": location,
        }
    }
    return received


def test_publishing_purges_every_affected_address_in_both_views(cdn, news_index):
    story = NewsArticlePageFactory(
        parent=news_index, slug="proton", live=False, posted_at_override=eastern(2021, 3, 4, 12)
    )
    story.save_revision()
    cdn.clear()
    story.save_revision().publish()
    author, category = story.authors[0].slug, story.category.slug
    expected = {
        "news.example.org/",
        "news.example.org/text/",
        "news.example.org/news/",
        "news.example.org/text/news/",
        "news.example.org/news/proton/",
        "news.example.org/text/news/proton/",
        f"news.example.org/news/category/{category}/",
        f"news.example.org/text/news/category/{category}/",
        f"news.example.org/news/author/{author}/",
        "news.example.org/news/2021/",
        "news.example.org/text/news/2021/03/",
        "news.example.org/feeds/rss/",
        "news.example.org/feeds/atom/",
        f"news.example.org/feeds/category/{category}/rss/",
        "news.example.org/sitemap.xml",
    }
    assert expected <= set(cdn)


def test_banner_changes_purge_the_cdn(cdn, news_index):
    NewsArticlePageFactory(parent=news_index, slug="proton")
    cdn.clear()
    AlertBannerFactory()
    expected = {
        "news.example.org/",
        "news.example.org/news/proton/",
        "news.example.org/text/news/proton/",
    }
    assert expected <= set(cdn)


def test_a_cdn_may_keep_pages_that_it_is_told_to_purge(cdn, client, news_index, settings):
    settings.FRONTEND_CACHE_SECONDS = 3600
    response = client.get("/news/")
    assert "s-maxage=3600" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"], "browsers still revalidate"


def test_without_a_cdn_nothing_is_purged_and_no_shared_lifetime_is_sent(
    client, news_index, purge_receiver
):
    _location, received = purge_receiver
    NewsArticlePageFactory(parent=news_index).save_revision().publish()
    assert received == []
    assert "s-maxage" not in client.get("/news/")["Cache-Control"]
