"""Security headers on reader pages in both views and on the admin, and a clean deploy check."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import build_site_tree
from .editorial import newsroom
from .factories import NewsArticlePageFactory
from .quality.gates import csp_violations, watch_csp

ROOT = Path(__file__).resolve().parent.parent
PUBLIC = ["/", "/news/", "/news/il2/", "/search/?q=x", "/news/2015/", "/no-such-page/"]


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


@pytest.fixture
def article(news_index):
    return NewsArticlePageFactory(parent=news_index, slug="il2")


@pytest.mark.parametrize("path", PUBLIC + ["/text" + path for path in PUBLIC])
def test_reader_pages_carry_a_strict_policy_and_the_usual_headers(client, article, path):
    response = client.get(path)
    csp = directives(response)
    assert csp["script-src"] == ["'self'"] and csp["style-src"] == ["'self'"]
    assert csp["default-src"] == ["'self'"] and csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_feeds_sitemap_and_api_carry_the_headers_too(client, article):
    for path in ("/feeds/rss/", "/sitemap.xml", "/robots.txt", "/api/v2/pages/"):
        response = client.get(path)
        assert response["X-Content-Type-Options"] == "nosniff", path
        assert "'unsafe-inline'" not in response["Content-Security-Policy"], path


@pytest.mark.django_db
def test_admin_has_its_own_policy_that_still_frames_only_itself(client):
    _staff, editor = newsroom()
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.status_code == 200
    csp = directives(response)
    assert "'unsafe-inline'" in csp["script-src"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert not any(source.startswith("http") for source in csp["script-src"])


def test_embeds_come_only_from_allowed_providers(settings):
    from wagtail.embeds.finders import get_finders

    finder = get_finders()[0]
    assert finder.accept("https://www.youtube.com/watch?v=abc123")
    assert finder.accept("https://vimeo.com/123456")
    assert not finder.accept("https://evil.example/embed/123")
    assert not finder.accept("https://www.instagram.com/p/abc/")
    assert len(get_finders()) == 1


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_admin_works_under_its_policy(page, live_server):
    _home, news = build_site_tree()
    article = NewsArticlePageFactory(parent=news, slug="il2", title="IL-2 therapy")
    newsroom()
    watch_csp(page)
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("erin")
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(live_server.url + "/admin/")
    assert csp_violations(page) == []
    page.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")
    expect(page.get_by_role("button", name="Save draft")).to_be_visible()
    page.get_by_role("button", name="Toggle preview").click()
    expect(page.locator("iframe[title='Preview']").first).to_be_visible()
    assert csp_violations(page) == []
    for path in ("/admin/images/", "/admin/snippets/", "/admin/calendar/"):
        page.goto(live_server.url + path)
        assert csp_violations(page) == [], path


def manage_in_production(*args):
    """Run manage.py under production settings, with only the variables production requires."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    return subprocess.run(  # noqa: S603 - this project's manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={
            **env,
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "DJANGO_SECRET_KEY": "a-long-random-production-secret-for-the-deploy-check-0123456789",
            "DJANGO_ALLOWED_HOSTS": "news.example.org",
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_deploy_check_reports_no_issues_under_production_settings():
    result = manage_in_production("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_cookies_are_secure_and_http_only_and_hsts_is_on():
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY,"
        " s.CSRF_COOKIE_HTTPONLY, s.SECURE_HSTS_SECONDS >= 31536000, s.SECURE_SSL_REDIRECT)"
    )
    result = manage_in_production("shell", "-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-6:] == ["True"] * 6


def test_hsts_header_is_sent_over_https_in_production(client, article, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    response = client.get("/news/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_pages_served_from_the_cache_carry_the_headers_too(client, article):
    for _ in range(2):  # the first visit also saves the site's settings, which invalidates
        client.get("/news/il2/")
    hit = client.get("/news/il2/")
    assert hit["X-Page-Cache"] == "hit"
    assert "'unsafe-inline'" not in hit["Content-Security-Policy"]
    assert hit["X-Frame-Options"] == "DENY" and hit["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in hit["Permissions-Policy"]
