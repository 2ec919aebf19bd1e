"""Every public page type, as a reader meets it: both views, the sitemap, gone when not live.

Driven by the registry (tests/surfaces.py PAGE_FACTORIES, checked against pages.surfaces by
tests/test_surface_registry.py), so a new page type is covered here without a line.
"""

from datetime import timedelta
from urllib.parse import quote, urlsplit
from xml.etree import ElementTree

from django.utils import timezone

import pytest
import time_machine

from editorial.scheduling import run_due

from .editorial import newsroom
from .helpers import soup, visible_text
from .surfaces import PAGE_FACTORIES, page_of_type

pytestmark = pytest.mark.django_db

LABELS = sorted(PAGE_FACTORIES)

SITEMAP_NAMESPACE = {"sitemap": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_paths(client):
    response = client.get("/sitemap-pages.xml")
    assert response.status_code == 200
    tree = ElementTree.fromstring(response.content)
    return {
        urlsplit(location.text).path
        for location in tree.findall("sitemap:url/sitemap:loc", SITEMAP_NAMESPACE)
    }


# Ways a page stops being live. Each returns the moment a reader asks again.
def unpublished(page):
    page.unpublish()
    return timezone.now()


def expiring(run_scheduler):
    def take_down(page):
        page.expire_at = timezone.now().replace(microsecond=987654) + timedelta(minutes=5)
        page.save_revision().publish()
        return page.expire_at + timedelta(seconds=1)

    return take_down, run_scheduler


TAKE_DOWN = {
    "unpublished": (unpublished, False),
    "expired, scheduler run": expiring(run_scheduler=True),
    "past expiry, scheduler not yet run": expiring(run_scheduler=False),
}


@pytest.mark.parametrize("label", LABELS)
def test_each_page_type_reads_in_the_graphic_view_and_its_text_twin(client, site_tree, label):
    page = page_of_type(label, site_tree)

    graphic = client.get(page.url)
    assert graphic.status_code == 200
    assert page.title in visible_text(graphic)

    text = client.get("/text" + page.url)
    assert text.status_code == 200
    assert page.title in visible_text(text)
    assert not soup(text).find(["img", "picture", "script"])
    assert soup(text).find("a", string="View graphic version")["href"] == page.url


@pytest.mark.parametrize("label", LABELS)
def test_each_page_type_is_in_the_sitemap(client, site_tree, label):
    page = page_of_type(label, site_tree)
    assert page.url in sitemap_paths(client)


@pytest.mark.parametrize("how", TAKE_DOWN)
@pytest.mark.parametrize("label", LABELS)
def test_a_page_that_is_not_live_is_gone_from_both_views_and_the_sitemap(
    client, site_tree, label, how
):
    page = page_of_type(label, site_tree)
    url = page.url
    take_down, run_scheduler = TAKE_DOWN[how]
    views = (url, "/text" + url)
    assert [client.get(view).status_code for view in views] == [200, 200]
    assert url in sitemap_paths(client)

    moment = take_down(page)
    if moment > timezone.now():
        # Live until its expiry time, and now kept in the page cache.
        assert [client.get(view).status_code for view in views] == [200, 200]
        assert url in sitemap_paths(client)
    with time_machine.travel(moment):
        if run_scheduler:
            run_due()
        assert [client.get(view).status_code for view in views] == [404, 404]
        assert url not in sitemap_paths(client)


@pytest.mark.parametrize("label", LABELS)
def test_hostile_addresses_under_each_page_type_are_never_a_server_error(client, site_tree, label):
    page = page_of_type(label, site_tree)
    client.raise_request_exception = False
    for suffix in ["?page=9" + "9" * 400, "?page=%00", quote("ünï\u202e") + "/", "x" * 300 + "/"]:
        for url in (page.url + suffix, "/text" + page.url + suffix):
            assert client.get(url).status_code < 500, url


@pytest.mark.parametrize("label", LABELS)
def test_an_editor_still_previews_a_page_past_its_expiry(client, site_tree, label):
    page = page_of_type(label, site_tree)
    page.expire_at = timezone.now() - timedelta(seconds=1)
    page.save_revision()
    _staff, editor = newsroom()
    client.force_login(editor)

    for mode in ("", "text"):
        response = client.get(f"/admin/pages/{page.pk}/view_draft/", {"mode": mode})
        assert response.status_code == 200
        assert page.title in visible_text(response)
