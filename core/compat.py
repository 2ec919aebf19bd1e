"""The framework internals the site relies on, each where no public API does the job.

Everything here reaches past Django's or Wagtail's documented API, so everything here can
break on an upgrade; tests/test_compat.py asserts each one still exists and behaves, so an
upgrade that changes one fails there, by name, before anything reaches readers.
"""


def remember_site(request, site):
    """Tell Wagtail which site ``request`` is for, so that ``Site.find_for_request`` (and
    everything that calls it: routing, settings, the sitemap) asks the database no more.

    Wagtail keeps its answer on the request under this attribute and offers no setter.
    """
    request._wagtail_site = site


def is_prefetched(instance, relation):
    """Whether ``relation`` of ``instance`` came with a ``prefetch_related()``, so reading it
    costs no query. Django keeps prefetched rows under this attribute and offers no test."""
    return relation in getattr(instance, "_prefetched_objects_cache", {})


# What the database trigger of migration news.0006 reads from Wagtail's search index to keep
# each story's copy of its search document: the table, and the columns it names.
SEARCH_INDEX_TABLE = "wagtailsearch_indexentry"
SEARCH_INDEX_COLUMNS = ("content_type_id", "object_id", "title", "body")


def search_index_layout():
    """The table and columns of Wagtail's search index as the installed Wagtail declares them."""
    from wagtail.search.models import IndexEntry  # a model: the cache backend imports this module

    meta = IndexEntry._meta
    return meta.db_table, {field.column for field in meta.concrete_fields}
