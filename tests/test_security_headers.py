"""Security headers on reader pages in both views and on the admin, and a clean deploy check."""

import os
import subprocess
import sys
from pathlib import Path

from django.test import Client

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

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


@pytest.fixture
def editor_client(client, article):
    _staff, editor = newsroom()
    client.force_login(editor)
    return client


def edit_form(article, title):
    """The story's edit form as the editor's browser sends it to the preview panel."""
    return nested_form_data(
        {
            "title": title,
            "slug": article.slug,
            "summary": article.summary,
            "lead_image": article.lead_image.pk,
            "lead_image_alt": article.lead_image_alt,
            "category": article.category.pk,
            "body": streamfield([("paragraph", rich_text("<p>Draft body.</p>"))]),
            "article_authors": inline_formset([{"author": article.authors[0].pk}]),
            "related_picks": inline_formset([]),
            "tags": "",
        }
    )


def previews(editor_client, article):
    """Every way the admin shows a story as readers will see it, in both views: the preview
    panel (the edit form's data), "view draft" and a revision's preview."""
    panel = f"/admin/pages/{article.pk}/edit/preview/"
    posted = editor_client.post(panel, edit_form(article, "Draft title Zoë"))
    assert posted.json() == {"is_valid": True, "is_available": True}
    revision = article.save_revision()
    for mode in ("", "text"):
        for url in (
            panel,
            f"/admin/pages/{article.pk}/view_draft/",
            f"/admin/pages/{article.pk}/revisions/{revision.pk}/view/",
        ):
            response = editor_client.get(url, {"mode": mode, "in_preview_panel": "true"})
            assert response.status_code == 200, url
            yield f"{url}?mode={mode}", response


def test_previews_may_be_framed_by_the_admin_only_and_keep_the_readers_policy(
    editor_client, article
):
    reader_policy = directives(Client().get(article.url))
    shown = []
    for url, response in previews(editor_client, article):
        csp = directives(response)
        assert csp["frame-ancestors"] == ["'self'"], url
        assert response["X-Frame-Options"] == "SAMEORIGIN", url
        # Everything else is the reader's policy, so a preview shows what readers will get.
        assert {**csp, "frame-ancestors": ["'none'"]} == reader_policy, url
        shown.append(response.content.decode())
    assert "Draft title Zoë" in shown[0] and "[View Image]" in shown[3]


@pytest.mark.parametrize("view", ["", "/text"])
def test_reader_pages_stay_unframeable_whoever_asks_and_after_a_preview(
    editor_client, article, view
):
    # The page cache serves the second anonymous visit; a preview in between must not have
    # left a frameable copy behind, nor may the signed-in editor's own visit be frameable.
    for client in (Client(), Client(), editor_client):
        list(previews(editor_client, article))
        response = client.get(view + article.url)
        assert response.status_code == 200
        assert directives(response)["frame-ancestors"] == ["'none'"]
        assert response["X-Frame-Options"] == "DENY"


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
