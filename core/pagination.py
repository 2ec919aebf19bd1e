from django.core.paginator import Paginator
from django.utils.functional import cached_property

from . import fragments, visibility


class CachedCountPaginator(Paginator):
    """A paginator of pages whose count, costly on a long archive, is kept in the cache.

    The count lasts until any page changes or the first page counted expires, so a story past
    its expiry time is counted out (and the page numbers follow) the moment it is hidden; which
    items a page shows is always read fresh. ``listing`` names the list being counted.
    """

    def __init__(self, object_list, per_page, listing, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.listing = listing

    @cached_property
    def count(self):
        return fragments.cached_listing(
            f"count:{self.listing}",
            lambda: visibility.count_until_expiry(self.object_list),
        )
