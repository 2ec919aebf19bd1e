"""Every test registry covers every public page type and address the product has.

The product finds its own (pages.surfaces: every PublicPage subclass, every named URL outside
the admin, each page type's routes); each registry names what it covers in the same terms. A new
page type or address fails here until each registry has it, or says here why it need not.
"""

from urllib.parse import urlsplit

from django.test import RequestFactory
from django.urls import resolve

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Site

import pytest

from core.text_mode import TEXT_URLCONF, graphic_path, is_text_path
from pages.surfaces import PAGE_ROUTE, public_page_types, public_surfaces

from .quality.pages import PAGE_TYPES
from .surfaces import EMBARGO_SURFACES, PAGE_FACTORIES
from .test_embargo import story  # noqa: F401 - the fixture
from .test_hostile_input import swept_routes

# Addresses that show no story and no page content: nothing to embargo.
NOT_IN_THE_EMBARGO_SWEEP = {
    "robots_txt": "names the sitemap, never a story",
    "wagtailcore_login": "Wagtail's sign-in form for private pages",
    "wagtailcore_authenticate_with_password": "Wagtail's password form for private pages",
    "wagtaildocs_authenticate_with_password": "Wagtail's password form for private documents",
}
# The quality gate (axe, Nu, Lighthouse, layout) reads HTML pages readers browse.
NOT_IN_THE_QUALITY_GATE = {
    **{name: "a feed, not a page" for name in public_surfaces() if "_feed_" in name},
    **{name: "JSON for programs" for name in public_surfaces() if name.startswith("wagtailapi:")},
    "sitemap": "XML for search engines",
    "sitemap_section": "XML for search engines",
    "robots_txt": "plain text for crawlers",
    "wagtaildocs_serve": "a file",
    "wagtailcore_login": "Wagtail's own form, reached from a private page",
    "wagtailcore_authenticate_with_password": "Wagtail's own form, reached from a private page",
    "wagtaildocs_authenticate_with_password": "Wagtail's own form, reached from a document",
}
# Addresses whose every parameter is a number in the path: the URL resolver refuses anything else.
NOT_IN_THE_HOSTILE_SWEEP = {
    "wagtailcore_authenticate_with_password": "ids only (<int:...>)",
    "wagtaildocs_authenticate_with_password": "ids only (<int:...>)",
}


def uncovered(covered, exempt):
    return sorted(set(public_surfaces()) - set(covered) - set(exempt))


def test_every_public_page_type_has_a_factory_in_the_registry():
    labels = {model._meta.label for model in public_page_types()}
    assert labels == set(PAGE_FACTORIES)


def test_each_factory_builds_its_page_type():
    by_label = {model._meta.label: model for model in public_page_types()}
    for label, factory in PAGE_FACTORIES.items():
        assert factory._meta.model is by_label[label]


def test_the_embargo_sweep_covers_every_public_surface():
    covered = {surface.route for surface in EMBARGO_SURFACES}
    assert uncovered(covered, NOT_IN_THE_EMBARGO_SWEEP) == []


def test_the_quality_gate_covers_every_public_surface():
    covered = {page_type.route for page_type in PAGE_TYPES}
    assert uncovered(covered, NOT_IN_THE_QUALITY_GATE) == []


def test_the_hostile_sweep_covers_every_public_surface():
    assert uncovered(swept_routes(), NOT_IN_THE_HOSTILE_SWEEP) == []


def test_the_exemptions_name_real_surfaces():
    """An exemption outlives its surface unnoticed otherwise."""
    exempt = {*NOT_IN_THE_EMBARGO_SWEEP, *NOT_IN_THE_QUALITY_GATE, *NOT_IN_THE_HOSTILE_SWEEP}
    assert exempt <= set(public_surfaces())


def route_of(address):
    """What an address is in pages.surfaces' terms, found the way a request is routed."""
    path = urlsplit(address).path
    urlconf = TEXT_URLCONF if is_text_path(path) else None
    match = resolve(path, urlconf=urlconf)
    if match.url_name != PAGE_ROUTE:
        return match.view_name
    request = RequestFactory().get(address)
    components = [part for part in graphic_path(path).split("/") if part]
    page, _args, _kwargs = Site.objects.get(is_default_site=True).root_page.specific.route(
        request, components
    )
    label = page.specific_class._meta.label
    sub = getattr(request, "routable_resolver_match", None)
    if isinstance(page, RoutablePageMixin) and sub and str(sub.route) != "":
        return f"{label}:{sub.url_name}"
    return label


@pytest.mark.django_db
def test_each_embargo_surface_is_the_route_it_names(story):  # noqa: F811 - the fixture
    """The names are checked against the URL resolver, so the coverage above is not a list of
    claims. (Media files are served by a pattern of the sweep's own: no product name.)"""
    named = [surface for surface in EMBARGO_SURFACES if surface.route is not None]
    assert {surface.name: route_of(surface.url(story)) for surface in named} == {
        surface.name: surface.route for surface in named
    }
