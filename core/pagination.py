from django.core.paginator import Paginator
from django.utils.functional import cached_property

from . import fragments


class CachedCountPaginator(Paginator):
    """A paginator whose count, costly on a long archive, is kept in the cache.

    The count lasts until any page changes, and at most ``count_timeout`` seconds, so that
    stories expiring on their own are soon counted out; which items a page shows is always
    read fresh. ``listing`` names the list being counted.
    """

    count_timeout = 5 * 60

    def __init__(self, object_list, per_page, listing, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.listing = listing

    @cached_property
    def count(self):
        return fragments.cached_listing(
            f"count:{self.listing}",
            lambda: (super(CachedCountPaginator, self).count, None),
            timeout=self.count_timeout,
        )
