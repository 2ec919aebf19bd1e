"""Editors get Wagtail's content checker in the user bar, running the gate's WCAG rules."""

import json

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from tests.conftest import build_site_tree
from tests.editorial import newsroom
from tests.factories import NewsArticlePageFactory

from .gates import WCAG_21_AA_TAGS


def checker_configuration(response):
    script = BeautifulSoup(response.content, "html.parser").find(id="checker-axe-configuration")
    return script and json.loads(script.string)


@pytest.mark.django_db
def test_editors_checker_runs_the_wcag_rules_the_gate_enforces(client, news_index):
    NewsArticlePageFactory(parent=news_index, slug="il2")
    _staff, editor = newsroom()
    assert checker_configuration(client.get("/news/il2/")) is None, "not for readers"

    client.force_login(editor)
    configuration = checker_configuration(client.get("/news/il2/"))
    assert configuration["options"]["runOnly"] == WCAG_21_AA_TAGS
    assert all(rule["enabled"] is False for rule in configuration["spec"]["rules"])
    # The text-only view carries no scripts at all, so editors see it exactly as readers do.
    assert checker_configuration(client.get("/text/news/il2/")) is None


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_editor_sees_a_missing_alt_text_flagged_on_the_page(page, live_server):
    _home, news = build_site_tree()
    NewsArticlePageFactory(parent=news, slug="il2", title="IL-2 therapy")
    newsroom()
    url = live_server.url + "/news/il2/"

    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("erin")
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(live_server.url + "/admin/")

    # The story as it would look with a picture an editor forgot to describe.
    def with_unlabelled_picture(route):
        html = (
            route.fetch()
            .text()
            .replace("</h1>", '</h1><img src="/static/img/favicon.svg" width="32" height="32">', 1)
        )
        route.fulfill(body=html, content_type="text/html")

    page.route(url, with_unlabelled_picture)
    page.goto(url)
    page.get_by_role("button", name="View Wagtail quick actions").click()
    checks = page.get_by_role("menuitem", name="Checks")
    expect(checks).to_contain_text("1")
    checks.click()
    expect(page.get_by_text("Images must have alternative text")).to_be_visible()
