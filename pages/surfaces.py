"""What readers can be served, found rather than listed: the public page types, and every other
address outside the admin (feeds, search, sitemaps, the API, files, each page type's routes).

The test registries (tests/surfaces.py, tests/quality/pages.py, tests/test_hostile_input.py)
name what they cover in these terms, and tests/test_surface_registry.py fails when a page type
or an address is in none of them.
"""

from django.urls import URLPattern, URLResolver, get_resolver

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import get_page_models

from .base import PublicPage

# Where editors work: nothing under these is a reader's surface.
ADMIN_PREFIXES = ("admin/", "django-admin/")

# Wagtail's address for every page: each page type stands for it, by its label.
PAGE_ROUTE = "wagtail_serve"


def public_page_types():
    """Every page model readers can be served, by its app label and model name."""
    return sorted(
        (model for model in get_page_models() if issubclass(model, PublicPage)),
        key=lambda model: model._meta.label,
    )


def public_routes():
    """Every named public address: URL patterns by name (with their namespace), and each page
    type's own routes as "<app label>.<Model>:<route name>"."""
    routes = {name for name in _named_patterns(get_resolver().url_patterns) if name != PAGE_ROUTE}
    for model in public_page_types():
        if issubclass(model, RoutablePageMixin):
            routes.update(f"{model._meta.label}:{name}" for name in _own_routes(model))
    return sorted(routes)


def public_surfaces():
    """Page types and routes together: what a test registry has to cover."""
    return sorted([model._meta.label for model in public_page_types()] + public_routes())


def _named_patterns(patterns, prefix="", namespace=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern).lstrip("^")
        if route.startswith(ADMIN_PREFIXES):
            continue
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace) if part)
            yield from _named_patterns(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def _own_routes(model):
    """The page type's routes, less the one at its own address (""): the type stands for it."""
    return [pattern.name for pattern in model.get_subpage_urls() if str(pattern.pattern) != ""]
