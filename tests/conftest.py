import os

from django.core.cache import cache

from wagtail.models import Collection, Locale, Page, Site

import pytest

from .factories import HomePageFactory, NewsIndexPageFactory
from .quality.gates import CHROMIUM, CHROMIUM_ARGS

# Playwright's sync API runs an event loop in the test thread; the ORM calls around it are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


def build_site_tree():
    """A home page and news index under a fresh root, as the default site.

    Built here rather than taken from migrations, so tests that flush the database between
    runs (live-server tests) start from the same tree as everything else.
    """
    Locale.objects.get_or_create(language_code="en")
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")
    root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
    for child in root.get_children():
        child.delete()
    root.refresh_from_db()
    home = HomePageFactory(parent=root)
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    news = NewsIndexPageFactory(parent=home)
    return home, news


@pytest.fixture
def site_tree(db):
    return build_site_tree()


@pytest.fixture
def home_page(site_tree):
    return site_tree[0]


@pytest.fixture
def news_index(site_tree):
    return site_tree[1]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, with the flags it needs as root on a closed network."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
    }


def transactional_kind(item):
    """ "serialized" for a transactional test that restores the migrated content
    (serialized_rollback), "plain" for another transactional test, None otherwise."""
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    kwargs = marker.kwargs if marker else {}
    if not (
        kwargs.get("transaction")
        or kwargs.get("reset_sequences")
        or "transactional_db" in fixtures
        or "live_server" in fixtures
    ):
        return None
    if kwargs.get("serialized_rollback") or "django_db_serialized_rollback" in fixtures:
        return "serialized"
    return "plain"


last_transactional_kind = None


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Leave the tables as the next transactional test expects them, whatever ran before it.

    Django empties the tables after each transactional test. After a plain one it re-creates
    content types and permissions, under new ids, so a serialized test loading the migrated
    rows would then clash on their unique names; after a serialized one it re-creates nothing,
    so a plain test would find no permissions and stale cached content types. Where the kind
    changes, the tables are emptied again the way the next test's kind needs."""
    global last_transactional_kind
    kind = transactional_kind(item)
    if kind is None:
        return
    if last_transactional_kind not in (None, kind):
        from django.contrib.contenttypes.models import ContentType
        from django.core.management import call_command

        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            # Sequences keep counting, as after Django's own flush: the restored rows bring
            # their ids, which PostgreSQL's sequences do not follow.
            call_command(
                "flush",
                interactive=False,
                verbosity=0,
                reset_sequences=False,
                inhibit_post_migrate=kind == "serialized",
            )
            ContentType.objects.clear_cache()
            if kind == "serialized":
                restore_content_types_first()
    last_transactional_kind = kind


def restore_content_types_first():
    """Put back the migrated content types before Django restores the rest.

    Django restores the migrated rows in its own order, and building a page row asks for the
    page's content type: with the table empty that creates one under a new id, which the
    restored row with the same name then clashes with."""
    import json

    from django.core import serializers
    from django.db import connection

    contents = getattr(connection, "_test_serialized_contents", None)  # set by Django's runner
    if not contents:
        return
    # Read as plain data first: building a page object is what creates a content type.
    rows = [row for row in json.loads(contents) if row["model"] == "contenttypes.contenttype"]
    for restored in serializers.deserialize("python", rows):
        restored.save()


@pytest.fixture(scope="session", autouse=True)
def migrated_rows_for_every_connection(django_db_setup):
    """Let every connection object find the migrated rows Django serialized at setup.

    Django keeps them on the connection object it set the database up with. Once Playwright's
    sync API starts, the tests run in another context, where Django opens a new connection
    object without them: a serialized test would then restore nothing (no permissions, no
    content types) and its teardown would re-create rows under new ids. Kept on the class,
    they are there for every connection object."""
    from django.db import connections

    for connection in connections.all():
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents:
            type(connection)._test_serialized_contents = contents
    yield
