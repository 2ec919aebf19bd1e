"""Serving a page in few queries.

Wagtail finds a page by walking the tree one level at a time, fetching each child as a plain
Page and then again as its own type, and then reads every ancestor to look for view
restrictions. For a page type whose children are of one known type, both can be folded into a
single query per level.
"""

from django.db.models import Exists, OuterRef, Q

from wagtail.models import PageViewRestriction


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
            paths = _chain_paths(self)
            # The same pages Wagtail checks: the chain itself, and the originals of aliases in it.
            restricted = PageViewRestriction.objects.filter(
                Q(page__path__in=paths)
                | Q(page_id=OuterRef("pk"))
                | Q(page__aliases__path__in=paths)
                | Q(page__aliases=OuterRef("pk"))
            )
            child = (
                self.route_children()
                .filter(slug=path_components[0])
                .annotate(has_view_restriction=Exists(restricted))
                .first()
            )
            if child is not None:
                child._cached_parent_obj = self  # breadcrumbs and archive links read it
                return child.route(request, path_components[1:])
        return super().route(request, path_components)


def cached_ancestors(page):
    """The ancestors routing already fetched, root-most first, or None if the chain is broken.

    Stops at the site's home page (depth 2), which is as far as breadcrumbs go.
    """
    ancestors = []
    node = page
    while node.depth > 2:
        node = getattr(node, "_cached_parent_obj", None)
        if node is None:
            return None
        ancestors.append(node)
    return ancestors[::-1]
