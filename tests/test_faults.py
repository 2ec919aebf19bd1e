"""Faults, made for real: a database that is not there, Redis stopped, a media file gone, media
storage that refuses to write."""

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

from django.core.cache.backends.redis import RedisCache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.models import Rendition

import pytest

from caching.backends import ResilientRedisCache
from core.models import SiteSettings
from news.models import NewsIndexPage

from .editorial import newsroom
from .factories import ImageFactory, NewsArticlePageFactory
from .helpers import soup, visible_text
from .quality.site import stop_with_parent
from .servers import database_url, free_port, wait_until_up
from .test_uploads import image_bytes

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


def test_every_call_django_makes_to_redis_is_made_to_degrade():
    """The degrading cache wraps each public method of Django's RedisCache: a method a later
    Django adds would reach Redis unwrapped, and fail readers' pages in an outage."""
    talks_to_redis = {
        name
        for name, value in vars(RedisCache).items()
        if callable(value) and not name.startswith("_") and name != "get_backend_timeout"
    }
    assert talks_to_redis <= set(vars(ResilientRedisCache)), sorted(
        talks_to_redis - set(vars(ResilientRedisCache))
    )


@pytest.mark.django_db
def test_with_the_cache_unreachable_searches_are_served_and_nobody_is_limited(
    client, news_index, settings
):
    NewsArticlePageFactory(parent=news_index, title="Melanoma vaccine trial für Ärzte")
    settings.CACHES = {
        "default": {
            "BACKEND": "caching.backends.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 1},
        }
    }
    settings.SEARCH_RATE_LIMIT = 1
    for prefix in ("", "/text", "", "/text"):
        response = client.get(f"{prefix}/search/", {"q": "melanoma"})
        assert response.status_code == 200, prefix
        assert "Melanoma vaccine trial für Ärzte" in visible_text(response), prefix


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


# Media storage that refuses to write


def refuse_writes(media_root, *folders):
    """Make the storage's folders for new files ordinary files, so that every write into them
    fails in the operating system (NotADirectoryError), whoever runs the tests: chmod would
    stop no one running as root, and tests may (os.geteuid() == 0). Files already stored stay
    readable, as on a disk remounted read-only."""
    for folder in folders:
        path = Path(media_root) / folder
        assert not path.exists(), f"{folder} must not hold files yet"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("not a folder")
        with pytest.raises(OSError):
            default_storage.save(f"{folder}/probe.txt", ContentFile(b"probe"))


# Renditions are made outside any transaction when a reader asks for a page; a test transaction
# around the request would turn Wagtail's failed bulk insert into a broken transaction instead.
@pytest.mark.django_db(transaction=True)
def test_with_media_storage_refusing_writes_reader_pages_render_with_alt_text(
    client, news_index, home_page, settings, tmp_path, caplog
):
    settings.MEDIA_ROOT = tmp_path / "media"
    site_settings = SiteSettings.for_site(home_page.get_site())
    site_settings.logo = ImageFactory(title="Logo")
    site_settings.save()
    article = NewsArticlePageFactory(
        parent=news_index,
        slug="il2",
        title="IL-2 therapy comes to Richmond",
        lead_image=ImageFactory(),
        lead_image_alt="Dr. Phan in clinic",
    )
    refuse_writes(settings.MEDIA_ROOT, "images")  # where renditions go; originals stay

    graphic = client.get(article.url)
    assert graphic.status_code == 200
    assert soup(graphic).select_one("main .image-missing").get_text() == "Dr. Phan in clinic"
    assert "IL-2 therapy comes to Richmond" in visible_text(graphic)
    text_only = client.get("/text" + article.url)
    assert text_only.status_code == 200
    assert "Dr. Phan in clinic [View Image]" in visible_text(text_only)
    for url in ["/", "/news/", "/text/news/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "IL-2 therapy comes to Richmond" in visible_text(response), url
    feed = client.get("/feeds/rss/")
    assert feed.status_code == 200 and "<enclosure" not in feed.content.decode()
    assert not Rendition.objects.exists(), "no rendition is recorded without its file"
    assert "Media storage refused a rendition of image" in caplog.text


@pytest.fixture
def uploader(client, transactional_db, site_tree, settings, tmp_path):
    """A communications officer whose media storage refuses every new file. Outside a test
    transaction, as the admin's requests run: Wagtail saves a new file's row in a transaction of
    its own, which a failure inside a test transaction would leave broken."""
    settings.MEDIA_ROOT = tmp_path / "media"
    staff, _editor = newsroom()
    client.force_login(staff)
    refuse_writes(settings.MEDIA_ROOT, "original_images", "documents", "uploaded_files")
    return client


REFUSED = (
    "The file could not be stored: the media storage refused it. Nothing was saved; "
    "please tell the web team."
)
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"


def nothing_saved(settings):
    assert get_image_model().objects.count() == 0
    assert get_document_model().objects.count() == 0
    assert not [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_dir()]


@pytest.mark.parametrize(
    ("url", "name", "content"),
    [
        ("/admin/images/add/", "photo.jpg", image_bytes()),
        ("/admin/documents/add/", "visitor-guide.pdf", PDF),
    ],
)
def test_an_upload_the_storage_refuses_gets_a_message_and_saves_nothing(
    uploader, settings, url, name, content
):
    response = uploader.post(
        url, {"title": "Visitor guide", "file": SimpleUploadedFile(name, content)}, follow=True
    )
    assert response.status_code == 200
    assert response.redirect_chain == [(url, 302)], "back to the same form"
    assert REFUSED in visible_text(response)
    assert "Server Error" not in visible_text(response)
    nothing_saved(settings)


@pytest.mark.parametrize(
    ("url", "name", "content"),
    [
        ("/admin/images/multiple/add/", "photo.jpg", image_bytes()),
        ("/admin/documents/multiple/add/", "visitor-guide.pdf", PDF),
    ],
)
def test_the_multiple_uploader_shows_the_refusal_beside_the_file(
    uploader, settings, url, name, content
):
    response = uploader.post(url, {"files[]": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    # What the uploader shows beside the file, as for a file it refuses itself.
    assert response.json() == {"success": False, "error_message": REFUSED}
    nothing_saved(settings)


@pytest.mark.parametrize(
    ("url", "name", "content"),
    [
        ("/admin/images/chooser/create/", "photo.jpg", image_bytes()),
        ("/admin/documents/chooser/create/", "visitor-guide.pdf", PDF),
    ],
)
def test_uploading_from_a_chooser_shows_the_refusal_in_the_chooser(
    uploader, settings, url, name, content
):
    response = uploader.post(
        url,
        {"image-chooser-upload-title": "Visitor guide", "document-chooser-upload-title": "Guide"}
        | {
            "image-chooser-upload-file": SimpleUploadedFile(name, content),
            "document-chooser-upload-file": SimpleUploadedFile(name, content),
        },
    )
    assert response.status_code == 200
    data = response.json()
    assert data["step"] == "reshow_creation_form"
    assert REFUSED in data["htmlFragment"]
    nothing_saved(settings)
