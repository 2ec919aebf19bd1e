from django.http import Http404

from wagtail import hooks


@hooks.register("before_serve_page")
def pages_past_their_expiry_are_not_served(page, request, serve_args, serve_kwargs):
    """Every page type, and each of its routes: the check sits where Wagtail serves a page, not
    in a ``serve`` that a mixin earlier in the page's bases may skip."""
    if getattr(page, "is_past_expiry", False):
        raise Http404
