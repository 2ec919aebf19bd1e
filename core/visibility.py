"""What a reader may see, and until when: the one home of the expiry and privacy rules.

A page is *visible to readers* when it is live, public (no view restriction on it or on any
page above it) and not past its expiry time. A page past its expiry time is gone from readers'
view at once, before the scheduler takes it down, so everything that lists, counts, dates or
serves pages asks here rather than trusting ``live`` alone: listings and their counts, feeds,
the sitemap, search, the API, related stories, the navigation and media embargo.

Whatever is kept for later (a stored page, a listing's markup, a count) is kept no longer than
the first expiry among what it shows (``next_expiry``), and no stored page past the next moment
anything may change by the clock alone (``next_change``).
"""

from django.db.models import Count, Exists, Min, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.utils import timezone

from wagtail.models import Page, PageViewRestriction, Revision


def has_passed(moment, now=None):
    """Whether an expiry time (or any "valid until") has come: at that very moment, not after."""
    return moment is not None and moment <= (now or timezone.now())


def not_expired(pages, now=None):
    """``pages`` without those past their expiry time, whether or not the scheduler has run."""
    return pages.exclude(expire_at__lte=now or timezone.now())


def past_expiry(pages, now=None):
    """Those of ``pages`` past their expiry time: hidden already, the scheduler's to take down."""
    return pages.filter(expire_at__lte=now or timezone.now())


def expiring_between(pages, start, end):
    """Those of ``pages`` that expire after ``start``, until ``end`` included."""
    return pages.filter(expire_at__gt=start, expire_at__lte=end)


def in_private_section():
    """Pages at or under a page with a view restriction, as one condition of the query.

    Wagtail's ``public()`` reads every restriction first, a query of its own; this asks the
    same question inside the listing's query.
    """
    restricted_prefix = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return Exists(restricted_prefix)


def restriction_applies(chain_paths):
    """Whether a view restriction applies when serving a page whose tree paths (its own and its
    ancestors') are ``chain_paths``, as one condition of a query of pages: Wagtail checks the
    pages of the chain, and the originals of aliases among them."""
    restricted = PageViewRestriction.objects.filter(
        Q(page__path__in=chain_paths)
        | Q(page_id=OuterRef("pk"))
        | Q(page__aliases__path__in=chain_paths)
        | Q(page__aliases=OuterRef("pk"))
    )
    return Exists(restricted)


def published(pages, now=None):
    """Live and not past expiry: what a reader the page admits may see, private pages too."""
    return not_expired(pages.live(), now)


def visible_to_readers(pages, now=None):
    """What any reader may see: live, public and not past its expiry time."""
    return published(pages, now).exclude(in_private_section())


def first_expiry(pages, now=None):
    """The earliest expiry time still to come among ``pages`` (objects, not a query), or None."""
    now = now or timezone.now()
    coming = [
        page.expire_at for page in pages if page.expire_at and not has_passed(page.expire_at, now)
    ]
    return min(coming, default=None)


def next_expiry(pages, now=None):
    """The earliest expiry time still to come among ``pages`` (a query), or None: one aggregate."""
    now = now or timezone.now()
    return pages.aggregate(first=Min("expire_at", filter=Q(expire_at__gt=now)))["first"]


def aggregate_until_expiry(pages, now=None, **aggregates):
    """``pages.aggregate(**aggregates)``, and until when the answer holds: the first expiry
    still to come among ``pages``, when a visible page would drop out. One query."""
    now = now or timezone.now()
    found = pages.order_by().aggregate(
        **aggregates, valid_until=Min("expire_at", filter=Q(expire_at__gt=now))
    )
    valid_until = found.pop("valid_until")
    return found, valid_until


def count_until_expiry(pages, now=None):
    """How many ``pages`` there are, and until when that count holds: one query."""
    found, valid_until = aggregate_until_expiry(pages, now, count=Count("pk"))
    return found["count"], valid_until


def next_change(now):
    """The next moment what readers see may change by the clock alone, or None.

    Expiry hides a page at once; a go-live time is when the scheduler will publish (which
    changes the generation too, but counting it here keeps a lagging scheduler's pages honest).
    The banners keep their own time (core.banners).
    """
    moments = [
        next_expiry(Page.objects.live(), now),
        Revision.page_revisions.filter(approved_go_live_at__gt=now).aggregate(
            t=Min("approved_go_live_at")
        )["t"],
    ]
    return min((moment for moment in moments if moment is not None), default=None)


class ExpiryMixin:
    """A page past its expiry time is gone at once, before the scheduler takes it down.

    Serving it is refused by core.wagtail_hooks (before any of the page's own routes, which
    ``RoutablePageMixin.serve`` would otherwise reach without calling ``serve`` here); previews
    do not pass that way, so they still work.
    """

    @property
    def is_past_expiry(self):
        return has_passed(self.expire_at)

    def get_sitemap_urls(self, request=None):
        return [] if self.is_past_expiry else super().get_sitemap_urls(request)
