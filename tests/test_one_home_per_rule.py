"""Each rule readers depend on lives in one module, and everything that lists, counts or serves
pages follows it at the moment it changes.

- expiry and "what a reader may see" (live, public, not expired): core.visibility;
- the text-only view and its /text prefix: core.text_mode.

The sweeps read the project's own code and templates, so a new module that writes the rule
again (a ``"/text"`` of its own, an ``expire_at__`` filter, a ``.public()``) fails here.

Like the other reader tests, these run on cms.settings.test: `make run`'s settings with a cache
of the test run's own (tests/conftest.py clears it between tests).
"""

import ast
import re
from datetime import timedelta
from pathlib import Path

from django.utils import timezone

import pytest
import time_machine

from .factories import NewsArticlePageFactory, eastern
from .helpers import soup, visible_text
from .surfaces import PUBLIC_SURFACES
from .test_embargo import story  # noqa: F401 - the story every public surface shows

ROOT = Path(__file__).resolve().parent.parent
# The site's own code: tests, benchmarks and migrations (frozen history) are not.
SKIPPED = {"tests", "bench", "node_modules", "media", "static", "locale"}


def project_modules():
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if parts[0].startswith(".") or parts[0] in SKIPPED or "migrations" in parts:
            continue
        yield path.relative_to(ROOT).as_posix(), ast.parse(path.read_text())


def string_literals(tree):
    """Every string constant in a module but its docstrings."""
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
        ):
            yield node.value


def modules_where(found):
    return sorted(name for name, tree in project_modules() if found(tree))


def calls_method(tree, names):
    return any(
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in names
        for node in ast.walk(tree)
    )


def names_used(tree):
    return {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)} | {
        node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)
    }


def test_the_sweeps_see_the_modules_that_hold_the_rules():
    names = {name for name, _tree in project_modules()}
    assert {"core/text_mode.py", "core/visibility.py", "caching/page_cache.py"} <= names


def test_the_text_prefix_is_written_in_core_text_mode_alone():
    assert modules_where(
        lambda tree: any("/text" in value or value == "text/" for value in string_literals(tree))
    ) == ["core/text_mode.py"]


# A path beginning /text (not css/text.css).
TEXT_LINK = re.compile(r"(?<![\w./-])/text\b")


def test_templates_link_to_the_text_view_through_textonly_mode():
    templates = [
        path
        for path in ROOT.rglob("*.html")
        if "templates" in path.parts
        and not path.relative_to(ROOT).parts[0].startswith(".")
        and "node_modules" not in path.parts
    ]
    assert len(templates) > 20
    assert [path.name for path in templates if TEXT_LINK.search(path.read_text())] == []


def test_the_active_view_is_read_in_core_text_mode_alone():
    """Everything else asks core.text_mode (is_text_only, view_name, ...); only the mode itself
    reads Django's active URLconf or names the text-only one."""
    assert modules_where(lambda tree: {"get_urlconf", "set_urlconf"} & names_used(tree)) == [
        "core/text_mode.py"
    ]
    assert modules_where(lambda tree: "cms.urls_text" in set(string_literals(tree))) == [
        "core/text_mode.py"
    ]


def lookups(tree):
    """Field lookups a module writes: keyword arguments and strings."""
    keywords = [node.arg for node in ast.walk(tree) if isinstance(node, ast.keyword) and node.arg]
    return [*keywords, *string_literals(tree)]


def test_expiry_is_written_in_core_visibility_alone():
    assert modules_where(
        lambda tree: any(name.startswith("expire_at__") for name in lookups(tree))
    ) == ["core/visibility.py"]


def test_privacy_is_written_in_core_visibility_alone():
    """Wagtail's public() and not_public() are the same rule written again (and a query of
    their own); the CDN purge alone names the addresses a CDN may hold, whatever their expiry."""
    assert modules_where(lambda tree: calls_method(tree, {"public", "not_public"})) == [
        "caching/cdn.py"
    ]
    assert modules_where(lambda tree: "PageViewRestriction" in names_used(tree)) == [
        "caching/invalidation.py",
        "core/routing.py",
        "core/visibility.py",
    ]


SECOND = timedelta(seconds=1)


@pytest.mark.django_db
def test_a_story_expiring_changes_the_count_and_the_page_numbers_at_once(client, news_index):
    """Counting a long archive is kept in the cache; the count goes the moment a story does,
    not minutes later (the cache would still hold it for five)."""
    stories = [
        NewsArticlePageFactory(
            parent=news_index,
            title=f"Clinical trial update nº {n:02d} — Massey Comprehensive Cancer Center",
            posted_at_override=eastern(2024, 3, n + 1, 9, 15, 30, 123456),
        )
        for n in range(13)
    ]
    leaving = stories[0]
    leaving.expire_at = timezone.now() + 60 * SECOND
    leaving.save_revision().publish()
    leaving.save_revision().publish()  # saved twice, as editors do

    before = client.get("/news/")
    assert "Page 1 of 2" in visible_text(before)
    assert client.get("/news/?page=2").status_code == 200
    assert client.get("/text/news/?page=2").status_code == 200

    with time_machine.travel(leaving.expire_at + SECOND):
        after = client.get("/news/")
        assert "Page 1 of 2" not in visible_text(after)
        assert len(soup(after).select(".teaser")) == 12
        assert client.get("/news/?page=2").status_code == 404
        assert client.get("/text/news/?page=2").status_code == 404
        year = client.get("/news/2024/")
        assert leaving.title not in visible_text(year)


@pytest.mark.django_db
def test_every_public_surface_drops_an_expiring_story_at_once(client, story):  # noqa: F811
    """Each surface is read first, so whatever it keeps (stored pages, counts, listings, search
    results, the sitemap) holds the story; then the clock passes its expiry, with no save and
    no scheduler run."""
    story.expire_at = timezone.now() + 60 * SECOND
    story.save_revision().publish()
    for surface in PUBLIC_SURFACES:
        assert surface.shows(client.get(surface.url(story)), story), surface.name
    with time_machine.travel(story.expire_at + SECOND):
        still_shown = [
            surface.name
            for surface in PUBLIC_SURFACES
            if surface.shows(client.get(surface.url(story)), story)
        ]
    assert still_shown == []
