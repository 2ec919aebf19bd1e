"""What clears the page cache (caching.page_cache), the cached fragments (core.fragments) and the
CDN (by way of caching.cdn): signals, not admin hooks.

Model and publishing signals fire however a change is made: in the admin, by the scheduler
(`run_scheduler`), from a management command or a shell. Each change replaces the site-wide
generation at once and again after the transaction commits, so a reader who renders the page
between the two cannot leave an old copy behind.

The alert banners are served apart from the stored pages (core.banners): a change a reader
would see replaces only the banners' own token, the same way, and the pages stay stored.
"""

import threading

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from wagtail.images.models import AbstractImage
from wagtail.models import COMMENTS_RELATION_NAME, Page, PageViewRestriction, Site
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    pre_page_move,
    unpublished,
)

from asgiref.local import Local

from core.generation import BANNERS_TOKEN_KEY, bump_generation
from core.models import AlertBanner, SiteSettings

from . import cdn

# Everything a public page shows comes from one of these; apps add their own with watch().
WATCHED_MODELS = (Page, PageViewRestriction, Site, SiteSettings, AbstractImage)
# Content that pages choose: a new one shows nowhere until a page uses it.
CHOSEN_BY_PAGES = (AbstractImage,)


def watch(*models):
    """Make every stored page stale when a row of ``models`` changes: content that pages
    choose (snippets such as authors), which shows wherever a page uses it. Called from an
    app's ready(), so this module needs to know no app above it."""
    global WATCHED_MODELS, CHOSEN_BY_PAGES
    # Tuples, as isinstance takes them on every save.
    WATCHED_MODELS += models
    CHOSEN_BY_PAGES += models


# Saves that only touch the draft, locks or bookkeeping: readers see no difference.
UNSEEN_FIELDS = {
    Page: {
        COMMENTS_RELATION_NAME,
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
    },
    AbstractImage: {"file_size", "file_hash"},
}
# A banner's row holds its live version: a draft, a lock or a workflow step leaves it as it was.
BANNER_UNSEEN_FIELDS = {
    "latest_revision",
    "has_unpublished_changes",
    "locked",
    "locked_at",
    "locked_by",
}


# Per thread, as database connections are: whether this transaction's work after commit is done.
_commit = Local()


def invalidate(cdn_addresses=cdn.EVERYTHING):
    """Make every stored page stale now and after commit, and have the CDN drop
    ``cdn_addresses`` (caching.cdn) once the change is committed."""
    bump_generation()
    cdn.record(cdn_addresses)
    # One generation bump per transaction, however many rows it touched: each change asks to be
    # run after the commit, the first of those to run does the work, and the next change asks
    # again.
    _commit.done = False
    transaction.on_commit(_once_after_commit)


def _once_after_commit():
    if getattr(_commit, "done", False):
        return
    _commit.done = True
    _after_commit()


def _after_commit():
    bump_generation()


def _seen_by_readers(instance, update_fields):
    if update_fields is None:
        return True
    for model, unseen in UNSEEN_FIELDS.items():
        if isinstance(instance, model):
            return not set(update_fields) <= unseen
    return True


def _cdn_addresses(instance, created=False):
    """What the CDN must drop for a change to ``instance``."""
    if isinstance(instance, Page):
        # Where it showed before the change (if readers could see it), and where it shows now.
        before = getattr(instance, "cdn_addresses_before", set())
        # Wagtail saves some changes (a move) through a plain Page: the page type says where
        # it shows.
        specific = isinstance(instance, instance.specific_class or Page)
        page = instance if specific else instance.specific
        now = cdn.page_addresses(page) if instance.live else set()
        return cdn.EVERYTHING if cdn.EVERYTHING in (before, now) else before | now
    if isinstance(instance, PageViewRestriction):
        return cdn.page_addresses(instance.page.specific)
    if created and isinstance(instance, CHOSEN_BY_PAGES):
        return set()  # on no page until a page uses it, and that page's change purges
    # Banners, settings, sites, authors, categories, contacts and images show on any number
    # of pages.
    return cdn.EVERYTHING


def _page_addresses_in_database(page):
    """Where ``page`` shows as the database has it, before a change is written."""
    if not cdn.enabled() or page.pk is None:
        return set()
    stored = Page.objects.filter(pk=page.pk, live=True).first()
    return cdn.page_addresses(stored.specific) if stored else set()


@receiver(pre_save)
def about_to_save(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or not isinstance(instance, Page) or not _seen_by_readers(instance, update_fields):
        return
    # A publish can change the slug, category, authors or date: the old listings must go too.
    instance.cdn_addresses_before = _page_addresses_in_database(instance)


# Where each page being moved showed before, by id: Wagtail hands post_page_move a fresh copy.
_before_move = threading.local()


@receiver(pre_page_move)
def about_to_move(sender, instance, **kwargs):
    if not hasattr(_before_move, "addresses"):
        _before_move.addresses = {}
    _before_move.addresses[instance.pk] = _page_addresses_in_database(instance)


@receiver(post_save)
def saved(sender, instance, created=False, update_fields=None, raw=False, **kwargs):
    if raw or not isinstance(instance, WATCHED_MODELS):
        return  # fixtures loading, or nothing a reader sees
    if _seen_by_readers(instance, update_fields):
        invalidate(_cdn_addresses(instance, created) if cdn.enabled() else ())


@receiver(pre_delete)
def about_to_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        # Its authors and place in the tree are still there to say where it showed.
        instance.cdn_addresses_before = _page_addresses_in_database(instance)


@receiver(post_delete)
def deleted(sender, instance, **kwargs):
    if isinstance(instance, WATCHED_MODELS):
        addresses = getattr(instance, "cdn_addresses_before", None)
        if addresses is None:
            addresses = cdn.EVERYTHING if not isinstance(instance, Page) else set()
        invalidate(addresses if cdn.enabled() else ())


@receiver(page_published)
@receiver(page_unpublished)
def page_changed(sender, instance, **kwargs):
    """Publishing and unpublishing (expiry included), whoever or whatever did them."""
    invalidate(_cdn_addresses(instance) if cdn.enabled() else ())


@receiver(post_page_move)
def page_moved(sender, instance, **kwargs):
    """A move: the old place's addresses (about_to_move) and the new place's."""
    page = instance.specific
    page.cdn_addresses_before = getattr(_before_move, "addresses", {}).pop(instance.pk, set())
    invalidate(_cdn_addresses(page) if cdn.enabled() else ())


def invalidate_banners():
    bump_generation(BANNERS_TOKEN_KEY)
    # The CDN keeps whole pages, banners included: it drops the whole site.
    cdn.record(cdn.EVERYTHING if cdn.enabled() else ())
    transaction.on_commit(_banners_after_commit)


def _banners_after_commit():
    bump_generation(BANNERS_TOKEN_KEY)


@receiver(post_save, sender=AlertBanner)
def banner_saved(sender, instance, update_fields=None, raw=False, **kwargs):
    """Publishing saves the row with the new live content; a banner that is not live (a
    draft, one waiting to go live) is not on any page."""
    if raw or not instance.live:
        return
    if update_fields is None or not set(update_fields) <= BANNER_UNSEEN_FIELDS:
        invalidate_banners()


@receiver(unpublished, sender=AlertBanner)
def banner_unpublished(sender, instance, **kwargs):
    """Unpublished by an editor, or at its expiry time by the scheduler."""
    invalidate_banners()


@receiver(post_delete, sender=AlertBanner)
def banner_deleted(sender, instance, **kwargs):
    if instance.live:
        invalidate_banners()
