"""Several app instances behind one load balancer serve the same, fresh site.

Two gunicorn instances on loopback share one PostgreSQL database and one Redis, as production
does. Instance B serves a listing from its warm cache; then a story is published through
instance A's admin, another by the scheduler running as its own process, and a banner is
added through A's admin: B's very next answer shows each of them.

Runs when DATABASE_URL is PostgreSQL and REDIS_URL is set, as in CI's second pass.
"""

import http.cookiejar
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone

import pytest

from core.models import SiteSettings

from .conftest import build_site_tree
from .factories import NewsArticlePageFactory
from .servers import database_url, free_port, wait_until_up

ROOT = Path(__file__).resolve().parent.parent

SHARED_SERVICES = os.environ.get("DATABASE_URL", "").startswith("postgres") and os.environ.get(
    "REDIS_URL"
)
if not SHARED_SERVICES and os.environ.get("REQUIRE_SEVERAL_INSTANCES"):
    # CI's PostgreSQL pass sets this: a skip there would hide that the test never ran.
    raise RuntimeError("REQUIRE_SEVERAL_INSTANCES is set but DATABASE_URL/REDIS_URL are not")

pytestmark = [
    pytest.mark.several_instances,
    pytest.mark.skipif(
        not SHARED_SERVICES,
        reason="needs DATABASE_URL=postgres://… and REDIS_URL: the instances share them",
    ),
]


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """A reader or an editor with a cookie jar, talking to one instance at a time."""

    def __init__(self):
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirects
        )

    def request(self, url, data=None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        try:
            with self.opener.open(url, body, timeout=30) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()

    def csrf_token(self):
        return next(c.value for c in self.cookies if c.name == "csrftoken")

    def form_post(self, url, data):
        """GET the form (for the CSRF cookie), then POST it."""
        self.request(url)
        return self.request(url, {**data, "csrfmiddlewaretoken": self.csrf_token()})


def start_instance(port, env, log):
    process = subprocess.Popen(  # noqa: S603 - this project's own server
        [sys.executable, "-m", "gunicorn", "cms.wsgi", "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    wait_until_up(f"{base}/", process)
    return process, base


@pytest.fixture
def instances():
    """Two gunicorn instances, A and B, on the test database and the shared Redis."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": database_url(),
        "REDIS_URL": os.environ["REDIS_URL"],
        "WEB_CONCURRENCY": "1",
        "GUNICORN_ACCESS_LOG": "",
    }
    processes, bases = [], []
    with tempfile.TemporaryFile("w+") as log:
        try:
            for _ in range(2):
                process, base = start_instance(free_port(), env, log)
                processes.append(process)
                bases.append(base)
            yield env, bases
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                process.wait(timeout=20)
            log.seek(0)
            print(log.read())  # shown by pytest when the test fails


def titles(html):
    return re.findall(r'class="teaser__title"[^>]*>\s*<a[^>]*>([^<]+)<', html)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_what_one_instance_publishes_the_other_serves_at_once(instances):
    assert connection.vendor == "postgresql"
    _home, news = build_site_tree()
    SiteSettings.for_site(news.get_site())
    NewsArticlePageFactory(parent=news, title="A story already live", slug="already-live")
    get_user_model().objects.create_superuser("chief", "chief@example.org", "chief-pw")
    env, (a, b) = instances
    reader, editor = Browser(), Browser()

    def served_by_b(path):
        status, headers, html = reader.request(b + path)
        assert status == 200, (path, status)
        return headers["X-Page-Cache"], html

    def warm_b(path):
        served_by_b(path)
        state, html = served_by_b(path)
        assert state == "hit", f"{path} was not cached on B"
        return html

    # Sessions are shared: signed in on A, the editor is signed in on B too.
    status, _headers, _html = editor.form_post(
        f"{a}/admin/login/", {"username": "chief", "password": "chief-pw", "next": "/admin/"}
    )
    assert status == 302
    status, _headers, html = editor.request(f"{b}/admin/")
    assert status == 200 and "Dashboard" in html

    # 1. Published through instance A's admin.
    story = NewsArticlePageFactory(
        parent=news, title="Published through instance A", slug="through-a", live=False
    )
    story.save_revision()
    for path in ["/news/", "/text/news/"]:
        assert "Published through instance A" not in titles(warm_b(path))
    status, _headers, _html = editor.form_post(
        f"{a}/admin/bulk/wagtailcore/page/publish/?id={story.pk}&next=/admin/", {}
    )
    assert status == 302
    for path in ["/news/", "/text/news/"]:
        state, html = served_by_b(path)
        assert state == "miss"
        assert "Published through instance A" in titles(html), path
    assert served_by_b("/news/through-a/")[0] == "miss"

    # 2. Published by the scheduler, a process of its own.
    scheduled = NewsArticlePageFactory(
        parent=news, title="Published by the scheduler", slug="on-schedule", live=False
    )
    scheduled.go_live_at = timezone.now() + timedelta(seconds=2)
    scheduled.save()
    scheduled.save_revision().publish()  # approved for its go-live time
    while timezone.now() <= scheduled.go_live_at:
        time.sleep(0.2)
    # Due, but not yet published: B serves the listing without it, from its cache.
    assert "Published by the scheduler" not in titles(warm_b("/news/"))
    subprocess.run(  # noqa: S603 - this project's own command
        [sys.executable, "manage.py", "run_scheduler", "--once"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    state, html = served_by_b("/news/")
    assert state == "miss"
    assert "Published by the scheduler" in titles(html)

    # 3. A banner added through instance A's admin.
    assert "Visiting hours change" not in warm_b("/news/on-schedule/")
    status, _headers, _html = editor.form_post(
        f"{a}/admin/snippets/core/alertbanner/add/",
        {
            "title": "Visitors",
            "message": "Visiting hours change on Monday.",
            "severity": "info",
            "action-publish": "1",
        },
    )
    assert status == 302
    for path in ["/news/on-schedule/", "/text/news/on-schedule/", "/"]:
        state, html = served_by_b(path)
        assert "Visiting hours change on Monday." in html, path
