"""Each gate, fed a deliberately broken copy of a real article, reports the fault.

A gate that has only ever passed might not be looking; these prove each one can fail.
"""

import http.server
import re
import threading
import urllib.request

import pytest

from .content import serve_stand_in_player
from .gates import (
    axe_violations,
    horizontal_overflow,
    html_errors,
    keyboard_walk,
    lighthouse_scores,
    lighthouse_shortfalls,
    small_tap_targets,
    structure_problems,
)
from .pages import SHOWCASE_SLUG

pytestmark = pytest.mark.browser

ARTICLE = f"/news/{SHOWCASE_SLUG}/"


@pytest.fixture(scope="module")
def article_html(quality_site):
    with urllib.request.urlopen(quality_site + ARTICLE, timeout=30) as response:  # noqa: S310
        return response.read().decode()


def break_page(html):
    """The article with faults an editor or developer could introduce."""
    html = re.sub(r'\salt="[^"]*"', "", html, count=1)  # an image without alt text
    html = html.replace('id="main"', 'id="main"><p id="main">Duplicate id</p', 1)
    html = html.replace(
        "</main>",
        # A control no keyboard reaches, one with its focus ring removed, a tiny target,
        # and a banner too wide for a phone.
        '<a href="/elsewhere/" tabindex="-1">Unreachable</a>'
        '<button type="button" style="outline:none">No focus ring</button>'
        '<a href="/x/" style="font-size:8px;padding:0">x</a>'
        '<div style="width:2000px">Wide</div></main>',
        1,
    )
    return html.replace('<html lang="en"', "<html", 1)


def show(page, url, html):
    page.route(url, lambda route: route.fulfill(body=html, content_type="text/html"))
    page.goto(url)


def test_axe_and_structure_checks_catch_a_missing_alt_and_a_duplicate_id(
    page, quality_site, article_html
):
    show(page, quality_site + ARTICLE, article_html)
    assert axe_violations(page) == [], "the real article passes"
    show(page, quality_site + ARTICLE + "?broken", break_page(article_html))
    found = " ".join(axe_violations(page))
    assert "image-alt" in found and "html-has-lang" in found


def test_structure_check_catches_a_missing_skip_link_and_skipped_heading_levels(
    page, quality_site, article_html
):
    broken = article_html.replace('class="skip-link" href="#main"', 'class="skip-link"', 1)
    broken = re.sub(r"<h2([ >])", r"<h4\1", broken, count=1).replace("</h2>", "</h4>", 1)
    show(page, quality_site + ARTICLE, broken)
    problems = " ".join(structure_problems(page))
    assert "skip link" in problems and "from h1 to h4" in problems


def test_keyboard_walk_catches_unreachable_controls_and_missing_focus_rings(
    page, quality_site, article_html
):
    show(page, quality_site + ARTICLE, break_page(article_html))
    missed, without_focus_ring = keyboard_walk(page)
    assert missed == ['a "Unreachable"']
    assert without_focus_ring == ['button "No focus ring"']


def test_keyboard_walk_goes_through_a_long_player_and_sees_focus_hidden_inside_it(
    page, quality_site
):
    # Enough player controls to use up the walk's presses if they counted against the page's.
    serve_stand_in_player(page, controls=30, style="button:focus { outline: none }")
    page.goto(quality_site + ARTICLE)
    missed, without_focus_ring = keyboard_walk(page)
    assert missed == []
    assert without_focus_ring == ['iframe "A two-minute tour of the infusion center"']


def test_layout_checks_catch_sideways_scrolling_and_tiny_targets(page, quality_site, article_html):
    page.set_viewport_size({"width": 390, "height": 844})
    show(page, quality_site + ARTICLE, break_page(article_html))
    assert horizontal_overflow(page) > 0
    assert any(target.startswith('a "x"') for target in small_tap_targets(page))


def test_html_checker_reports_the_duplicate_id(article_html):
    assert html_errors({"article": article_html.encode()}) == []
    errors = html_errors({"broken article": break_page(article_html).encode()})
    assert any("Duplicate ID “main”" in error for error in errors), errors


@pytest.fixture
def broken_page_server(article_html):
    """The broken article on a server of its own, for Lighthouse to load."""
    body = break_page(article_html).encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/news/broken/"
    server.shutdown()


def test_lighthouse_gate_fails_on_the_broken_article(broken_page_server):
    scores, failing_audits = lighthouse_scores(broken_page_server, categories=("accessibility",))
    assert "accessibility" in lighthouse_shortfalls(scores), scores
    assert any(audit.startswith("image-alt") for audit in failing_audits)
