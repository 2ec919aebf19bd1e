"""Faults, made for real: a database that is not there, Redis stopped, a media file gone."""

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

from django.test import Client

import pytest

from core.cache import ResilientRedisCache
from news.models import NewsIndexPage

from .factories import ImageFactory, NewsArticlePageFactory
from .quality.site import stop_with_parent
from .servers import database_url, free_port, wait_until_up

ROOT = Path(__file__).resolve().parent.parent


def closed_port():
    """A port nothing listens on, outside the range the test servers take theirs from."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_site(tmp_path, **env):
    port = free_port()
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen(  # noqa: S603 - gunicorn serving this project
        [sys.executable, "-m", "gunicorn", "cms.wsgi", "--bind", f"127.0.0.1:{port}"]
        + ["--workers", "1", "--config", "python:tests.quality.gunicorn_defaults"],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")},
            "DJANGO_SETTINGS_MODULE": "cms.settings.test",
            **env,
        },
        stdout=log,
        stderr=subprocess.STDOUT,
        preexec_fn=stop_with_parent,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url + "/robots.txt", server)
    except RuntimeError:
        server.terminate()
        raise
    return server, url, tmp_path / "server.log"


def fetch(url):
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=20) as response:  # noqa: S310 - loopback
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def test_unreachable_database_gives_a_branded_503_in_both_views(tmp_path):
    server, url, log = start_site(
        tmp_path, DATABASE_URL=f"postgres://app:app@127.0.0.1:{closed_port()}/app"
    )
    try:
        for path, stylesheet in (("/news/", "site.css"), ("/text/news/", "text.css")):
            status, headers, body = fetch(url + path)
            assert status == 503, path
            assert headers["Retry-After"] == "60"
            assert "We’ll be back shortly" in body and stylesheet in body
            assert "Traceback" not in body and "OperationalError" not in body
    finally:
        server.terminate()
        server.wait(timeout=20)
    assert "Database unavailable" in log.read_text()


@pytest.mark.django_db(transaction=True)
def test_with_redis_down_pages_are_served_uncached_and_the_outage_is_logged(tmp_path, news_index):
    NewsArticlePageFactory(parent=news_index, slug="il2", title="IL-2 therapy")
    server, url, log = start_site(
        tmp_path,
        DATABASE_URL=database_url(),
        REDIS_URL=f"redis://127.0.0.1:{closed_port()}/0",
    )
    try:
        for _ in range(2):
            status, headers, body = fetch(url + "/news/il2/")
            assert status == 200 and "IL-2 therapy" in body
            assert headers.get("X-Page-Cache") != "hit"
        assert fetch(url + "/text/news/")[0] == 200
    finally:
        server.terminate()
        server.wait(timeout=20)
    assert "Cache unreachable, serving without it" in log.read_text()


@pytest.fixture
def redis_server(tmp_path):
    """A Redis of the test's own, which the test can stop and start again on the same port."""
    binary = shutil.which("redis-server")
    assert binary, "make test installs redis-server (Debian package)"
    port = free_port()

    def start():
        process = subprocess.Popen(  # noqa: S603 - Debian's redis-server on loopback
            [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--dir", tmp_path],
            stdout=subprocess.DEVNULL,
            preexec_fn=stop_with_parent,
        )
        cache = ResilientRedisCache(f"redis://127.0.0.1:{port}/0", {})
        for _ in range(50):
            if cache.set("ready", 1) is None and cache.get("ready") == 1:
                break
            time.sleep(0.1)
        return process

    processes = [start()]
    yield port, start, processes
    for process in processes:
        process.terminate()
        process.wait(timeout=10)


def test_cache_outage_is_a_miss_and_recovery_clears_what_was_missed(redis_server, caplog):
    port, start, processes = redis_server
    cache = ResilientRedisCache(
        f"redis://127.0.0.1:{port}/0", {"OPTIONS": {"socket_connect_timeout": 1}}
    )
    cache.set("page", "old copy", None)
    assert cache.get("page") == "old copy"

    processes[0].terminate()
    processes[0].wait(timeout=10)
    assert cache.get("page", "miss") == "miss"
    cache.set("page", "written during the outage")  # skipped, not an error
    assert cache.get_many(["page"]) == {}
    assert "Cache unreachable" in caplog.text

    # Redis comes back with the copy it had (as after a restart with persistence): the first
    # use clears it, because an invalidation may have been lost while it was away.
    processes.append(start())
    cache.get("anything")
    assert cache.get("page") is None
    assert "Cache reachable again" in caplog.text


@pytest.mark.django_db
def test_missing_media_file_still_renders_the_page_with_alt_text(client, news_index):
    image = ImageFactory()
    article = NewsArticlePageFactory(
        parent=news_index, slug="il2", lead_image=image, lead_image_alt="Dr. Phan in clinic"
    )
    image.file.storage.delete(image.file.name)
    for prefix in ("", "/text"):
        response = client.get(prefix + article.url)
        assert response.status_code == 200
        assert "Dr. Phan in clinic" in response.content.decode()
    feed = client.get("/feeds/rss/")
    assert feed.status_code == 200 and "<enclosure" not in feed.content.decode()


@pytest.mark.django_db
def test_feed_survives_a_rendition_whose_file_is_gone(client, news_index):
    article = NewsArticlePageFactory(parent=news_index)
    assert "<enclosure" in client.get("/feeds/rss/").content.decode()
    for rendition in article.lead_image.renditions.all():
        rendition.file.storage.delete(rendition.file.name)
    feed = client.get("/feeds/rss/")
    assert feed.status_code == 200
    assert article.title in feed.content.decode() and "<enclosure" not in feed.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(("prefix", "stylesheet"), [("", "site.css"), ("/text", "text.css")])
def test_server_error_page_is_branded_in_both_views(news_index, monkeypatch, prefix, stylesheet):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(NewsIndexPage, "serve", broken)
    response = Client(raise_request_exception=False).get(prefix + "/news/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong" in body and stylesheet in body
    assert "Skip to main content" in body and "a bug" not in body


@pytest.mark.django_db
@pytest.mark.parametrize(("prefix", "stylesheet"), [("", "site.css"), ("/text", "text.css")])
def test_not_found_page_is_branded_in_both_views(client, news_index, prefix, stylesheet):
    response = client.get(prefix + "/no-such-story/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Page not found" in body and stylesheet in body
