"""Serving a page in few queries.

Wagtail finds a page by walking the tree one level at a time, fetching each child as a plain
Page and then again as its own type, and then reads every ancestor to look for view
restrictions. For a page type whose children are of one known type, both can be folded into a
single query per level.
"""

import hashlib

from django.http.request import split_domain_port

from wagtail.models import PageViewRestriction, Site
from wagtail.models.sites import get_site_for_hostname

from . import compat, fragments, visibility


def _chain_paths(page):
    """Tree paths of ``page`` and all its ancestors, from its own path alone."""
    step = page.steplen
    return [page.path[:end] for end in range(step, len(page.path) + 1, step)]


class ViewRestrictionMixin:
    """Knows whether any view restriction applies, when routing fetched that with the page."""

    def get_view_restrictions(self):
        if getattr(self, "has_view_restriction", None) is False:
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


class ChildRouteMixin(ViewRestrictionMixin):
    """Routes to a child with one query: the child as its own type, with what
    ``route_children()`` selects, and whether any view restriction covers it.

    ``route_children()`` returns the children of the one type this page holds, as a queryset
    of that type. Any other child (or a missing one) falls back to Wagtail's routing.
    """

    def route_children(self):
        raise NotImplementedError

    def route(self, request, path_components):
        if path_components:
            children = self.route_children().filter(slug=path_components[0])
            if any_view_restrictions():
                restricted = visibility.restriction_applies(_chain_paths(self))
                children = children.annotate(has_view_restriction=restricted)
            child = children.first()
            if child is not None:
                child.has_view_restriction = getattr(child, "has_view_restriction", False)
                child.routed_parent = self  # breadcrumbs and archive links read it
                return child.route(request, path_components[1:])
        return super().route(request, path_components)


def cached_ancestors(page):
    """The ancestors routing already fetched, root-most first, or None if the chain is broken.

    Stops at the site's home page (depth 2), which is as far as breadcrumbs go.
    """
    ancestors = []
    node = page
    while node.depth > 2:
        node = getattr(node, "routed_parent", None)
        if node is None:
            return None
        ancestors.append(node)
    return ancestors[::-1]


def any_view_restrictions():
    """Whether any page has a view restriction. Most sites have none, and then routing need
    not ask about each page it passes; a restriction added or removed is a change like any
    other (caching.invalidation)."""
    return fragments.cached("any-view-restriction", None, PageViewRestriction.objects.exists)


class CachedSiteMiddleware:
    """Tells Wagtail which site a request is for, with the site's home page as its own type.

    Wagtail otherwise asks the database on every request, then fetches the home page twice
    (as a page, then as itself). The answer depends on the host and port alone and changes
    only with sites and pages, so it is kept like the other fragments. The host is validated
    first (ALLOWED_HOSTS), so only the site's own names become keys.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Here rather than in __call__: the address is resolved by now, so a database that does
        # not answer gets the error page of the view the reader asked for (text-only or not).
        # request.get_host() refuses a disallowed host: a 400 here, as it would be later.
        hostname, port = split_domain_port(request.get_host())[0], request.get_port()
        key = hashlib.sha1(f"{hostname}:{port}".encode(), usedforsecurity=False).hexdigest()
        site = fragments.cached(
            f"site-for-host:{key}", None, lambda: _site_with_home(hostname, port)
        )
        compat.remember_site(request, site)


def _site_with_home(hostname, port):
    try:
        site = get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return None
    site.root_page = site.root_page.specific
    return site
