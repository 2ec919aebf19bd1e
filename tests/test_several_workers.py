"""Several gunicorn workers on one machine, without Redis, serve one site.

A hospital's communications office may run the site on one machine: gunicorn with three workers
(gunicorn.conf.py's default is cores + 1) and the scheduler beside them, no Redis. Each worker is
a process of its own, so a cache in a worker's memory would keep a story an editor unpublished,
or miss a new banner, on the workers that did not make the change. Without REDIS_URL the cache
is a folder every process on the machine shares (base settings, CACHE_DIR).

The server here is the deployment's: `gunicorn cms.wsgi -c gunicorn.conf.py`, production
settings, WEB_CONCURRENCY=3, and no REDIS_URL on either pass. Every worker first serves the old
page from its cache; then an editor unpublishes a story and adds a banner through the admin, and
the scheduler (another process) publishes a story; every request sent in the second after each
change, answered by each of the three workers, shows it.

Which worker answered is read from gunicorn's access log (the worker's process id beside a
header the test sends), so the site tells readers nothing about its processes.
"""

import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core.checks import run_checks
from django.utils import timezone

import pytest

from core.models import SiteSettings

from .conftest import build_site_tree
from .factories import NewsArticlePageFactory
from .quality.site import stop_with_parent
from .servers import database_url, free_port, wait_until_up

ROOT = Path(__file__).resolve().parent.parent
WORKERS = 3
# What "at once" means for a change: every request sent this long after it shows it.
WITHIN_SECONDS = 1.0
# Requests in flight together, so that the kernel hands them to different workers.
AT_ONCE = 2 * WORKERS
# The process id of the worker and the request's probe header, one line per request.
ACCESS_LOG_FORMAT = "%(p)s %({x-probe}i)s %(s)s"


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    """Production serves collected, hashed static files (whitenoise's manifest)."""
    folder = tmp_path_factory.mktemp("static")
    subprocess.run(  # noqa: S603 - this project's own manage.py
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "DJANGO_SECRET_KEY": "collectstatic-only",
            "DJANGO_STATIC_ROOT": str(folder),
        },
        check=True,
        capture_output=True,
    )
    return folder


class Server:
    """gunicorn as deployed, and the readers and editor who talk to it through a proxy."""

    def __init__(self, env, base, access_log):
        self.env, self.base, self.access_log = env, base, access_log
        # The TLS-terminating proxy says the request came over HTTPS, as in production.
        self.proxy_headers = {
            "X-Forwarded-Proto": "https",
            "Origin": "https://" + urllib.parse.urlsplit(base).netloc,
        }
        self.editor_cookies = {}

    def read(self, path, probe=None):
        """A reader: no cookies, and a probe the access log records beside the worker."""
        return self.send(path, {"X-Probe": probe} if probe else {})

    def send(self, path, headers, data=None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(  # noqa: S310 - http://127.0.0.1 only
            self.base + path, body, headers={**self.proxy_headers, **headers}
        )
        opener = urllib.request.build_opener(NoRedirects)
        try:
            with opener.open(request, timeout=30) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()

    def editor(self, path, data=None):
        """The editor's browser: its cookies are Secure, which it sends because the proxy in
        front speaks HTTPS; here the test keeps them itself."""
        if data is not None:
            data = {**data, "csrfmiddlewaretoken": self.editor_cookies["csrftoken"]}
        cookies = "; ".join(f"{k}={v}" for k, v in self.editor_cookies.items())
        status, response_headers, html = self.send(path, {"Cookie": cookies}, data)
        for header in response_headers.get_all("Set-Cookie") or []:
            name, value = header.split(";", 1)[0].split("=", 1)
            self.editor_cookies[name] = value
        return status, html

    def sign_in(self, username, password):
        self.editor("/admin/login/")
        status, _html = self.editor(
            "/admin/login/", {"username": username, "password": password, "next": "/admin/"}
        )
        assert status == 302, "the editor could not sign in"

    def answers(self, path, rounds=1):
        """Readers' requests for ``path``, AT_ONCE at a time, as
        (probe, sent, status, body, X-Page-Cache)."""

        def one(_):
            probe = uuid.uuid4().hex
            sent = time.monotonic()
            status, headers, body = self.read(path, probe)
            return probe, sent, status, body, headers["X-Page-Cache"]

        with ThreadPoolExecutor(AT_ONCE) as pool:
            return [answer for _ in range(rounds) for answer in pool.map(one, range(AT_ONCE))]

    def workers_of(self, probes):
        """probe -> the pid of the worker that answered it, from the access log (gunicorn
        writes the line just after the response, so wait for it)."""
        deadline = time.monotonic() + 5
        while True:
            found = {}
            for line in self.access_log.read_text().splitlines():
                match = re.match(r"<(\d+)> (\w+) ", line)
                if match and match[2] in probes:
                    found[match[2]] = int(match[1])
            if len(found) == len(probes) or time.monotonic() > deadline:
                return found
            time.sleep(0.05)


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture
def stories(transactional_db):
    """Two live stories and a superuser, in the database before the server starts (changes
    the test makes to the database itself reach no server's cache; the editor's do)."""
    _home, news = build_site_tree()
    SiteSettings.for_site(news.get_site())
    NewsArticlePageFactory(parent=news, title="Tumour board meets on Thursdays", slug="board")
    leaving = NewsArticlePageFactory(
        parent=news, title="Flu clinic moves to the Gateway Building", slug="flu-clinic"
    )
    chief = get_user_model().objects.create_superuser("chief", "chief@example.org")
    # Hashed as production hashes (the test settings' fast hasher is not one it accepts).
    chief.password = PBKDF2PasswordHasher().encode("chief-pw", PBKDF2PasswordHasher().salt())
    chief.save()
    return news, leaving


@pytest.fixture
def server(stories, tmp_path, static_root):
    port = free_port()
    access_log = tmp_path / "access.log"
    env = {
        # Nothing of the test run's own services: no REDIS_URL on the PostgreSQL pass either.
        **{
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("DJANGO_", "DATABASE_", "REDIS_", "GUNICORN_", "CACHE_"))
        },
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DJANGO_SECRET_KEY": "a-long-random-production-secret-for-several-workers-0123456789",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        # The proxy redirects plain HTTP; every request here says HTTPS (X-Forwarded-Proto),
        # but the wait for start-up does not.
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_STATIC_ROOT": str(static_root),
        "DJANGO_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "DATABASE_URL": database_url(),
        "CACHE_DIR": str(tmp_path / "cache"),
        "WAGTAILADMIN_BASE_URL": f"https://127.0.0.1:{port}",
        "WEB_CONCURRENCY": str(WORKERS),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_ACCESS_LOG": str(access_log),
        "LOG_LEVEL": "WARNING",
    }
    assert "REDIS_URL" not in env
    log = (tmp_path / "server.log").open("w")
    process = subprocess.Popen(  # noqa: S603 - this project's own server
        [sys.executable, "-m", "gunicorn", "cms.wsgi", "-c", "gunicorn.conf.py"]
        + ["--access-logformat", ACCESS_LOG_FORMAT],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        preexec_fn=stop_with_parent,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/robots.txt", process)
        yield Server(env, base, access_log)
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()
        print((tmp_path / "server.log").read_text())  # shown by pytest when the test fails


def every_worker_serves(server, path, shows, seconds):
    """Read ``path`` from every worker; fail unless each answer ``shows`` what it should.

    Returns the workers (pids) that answered within ``seconds``: requests go AT_ONCE at a time
    until all WORKERS have answered or the time is up.
    """
    started = time.monotonic()
    answers = []
    while True:
        answers += server.answers(path)
        pids = server.workers_of({probe for probe, *_ in answers})
        sent_in_time = {p for p, sent, *_ in answers if sent - started <= seconds}
        if len({pids.get(p) for p in sent_in_time} - {None}) >= WORKERS:
            break
        if time.monotonic() - started > seconds:
            break
    for probe, sent, status, body, _state in answers:
        assert shows(status, body), (
            f"worker {pids.get(probe)} served {path} without the change "
            f"{sent - started:.2f} s after it (status {status})"
        )
    return {pids.get(p) for p in sent_in_time} - {None}


def warm_every_worker(server, path, shows):
    """Read ``path`` until each worker has served it from its cache, as it is now."""
    served_from_cache = set()
    for _ in range(100):
        answers = server.answers(path)
        pids = server.workers_of({probe for probe, *_ in answers})
        for probe, _sent, status, body, state in answers:
            assert shows(status, body), f"{path} is not as it should be before the change"
            if state == "hit":
                served_from_cache.add(pids[probe])
        if len(served_from_cache) >= WORKERS:
            return
    pytest.fail(f"only workers {served_from_cache} of {WORKERS} served {path} from a cache")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_three_workers_without_redis_show_every_change_at_once(stories, server):
    news, leaving = stories
    server.sign_in("chief", "chief-pw")

    # 1. Unpublished through the admin (by whichever worker takes the editor's request).
    def story_is_live(status, body):
        return status == 200 and "Flu clinic moves to the Gateway Building" in body

    warm_every_worker(server, "/news/flu-clinic/", story_is_live)
    status, _html = server.editor(f"/admin/pages/{leaving.pk}/unpublish/", {})
    assert status == 302
    reached = every_worker_serves(
        server,
        "/news/flu-clinic/",
        lambda status, body: status == 404 and "Flu clinic" not in body,
        WITHIN_SECONDS,
    )
    assert len(reached) == WORKERS, f"only {len(reached)} workers answered within 1 s"

    # 2. An urgent banner added through the admin: its fragment is cached for a day.
    banner = "The main entrance is closed today; use the Leigh Street entrance."

    def no_banner(status, body):
        return status == 200 and "Tumour board" in body and banner not in body

    warm_every_worker(server, "/news/board/", no_banner)
    status, _html = server.editor(
        "/admin/snippets/core/alertbanner/add/",
        {"title": "Entrance", "message": banner, "severity": "urgent", "action-publish": "1"},
    )
    assert status == 302
    reached = every_worker_serves(
        server,
        "/news/board/",
        lambda status, body: status == 200 and banner in body,
        WITHIN_SECONDS,
    )
    assert len(reached) == WORKERS, f"only {len(reached)} workers answered within 1 s"

    # 3. Published by the scheduler, a process of its own beside the workers.
    scheduled = NewsArticlePageFactory(
        parent=news, title="Survivorship clinic opens in Short Pump", slug="short-pump", live=False
    )
    scheduled.go_live_at = timezone.now() + timedelta(seconds=2)
    scheduled.save()
    scheduled.save_revision().publish()  # approved for its go-live time
    while timezone.now() <= scheduled.go_live_at:
        time.sleep(0.2)

    # Due, not yet published: every worker serves the listing without it, from its cache.
    def listing(with_story):
        def shows(status, body):
            return status == 200 and ("Survivorship clinic" in body) == with_story

        return shows

    warm_every_worker(server, "/news/", listing(with_story=False))
    subprocess.run(  # noqa: S603 - this project's own command
        [sys.executable, "manage.py", "run_scheduler", "--once"],
        cwd=ROOT,
        env=server.env,
        check=True,
        capture_output=True,
    )
    reached = every_worker_serves(server, "/news/", listing(with_story=True), WITHIN_SECONDS)
    assert len(reached) == WORKERS, f"only {len(reached)} workers answered within 1 s"


def cache_errors():
    checks = run_checks(tags=["caches"], include_deployment_checks=True)
    return [check for check in checks if check.id == "caching.E001"]


def test_deploy_check_refuses_a_cache_in_each_process(settings, tmp_path):
    """If a per-process cache is ever configured, `check --deploy` names the fix."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    errors = cache_errors()
    assert len(errors) == 1
    assert "each process's own memory" in errors[0].msg
    assert "REDIS_URL" in errors[0].hint and "CACHE_DIR" in errors[0].hint

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    }
    assert cache_errors() == []
