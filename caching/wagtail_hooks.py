from wagtail import hooks

from . import page_cache


@hooks.register("before_serve_page")
def pages_read_only_the_query_parameters_they_declare(page, request, serve_args, serve_kwargs):
    """A page sees the query parameters it lists in ``query_parameters`` and no other, so the
    page cache can leave the others out of its key."""
    page_cache.read_only(request, getattr(page, "query_parameters", ()))
