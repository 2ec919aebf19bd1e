"""What clears the page cache (core.page_cache), the cached fragments (core.fragments) and the
CDN: signals, not admin hooks.

Model and publishing signals fire however a change is made: in the admin, by the scheduler
(`run_scheduler`), from a management command or a shell. Each change replaces the site-wide
generation at once and again after the transaction commits, so a reader who renders the page
between the two cannot leave an old copy behind.
"""

import logging
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.images.models import AbstractImage
from wagtail.models import COMMENTS_RELATION_NAME, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from asgiref.local import Local

from news.models import Author, Category, Contact
from textonly.mode import text_path

from . import public_url
from .generation import bump_generation
from .models import AlertBanner, SiteSettings

logger = logging.getLogger(__name__)

# Everything a public page shows comes from one of these.
WATCHED_MODELS = (
    Page,
    PageViewRestriction,
    Site,
    AlertBanner,
    SiteSettings,
    Author,
    Category,
    Contact,
    AbstractImage,
)
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


# Per thread, as database connections are: whether this transaction's work after commit is done.
_commit = Local()


def invalidate():
    bump_generation()
    # One purge per transaction, however many rows it touched: each change asks to be run after
    # the commit, the first of those to run does the work, and the next change asks again.
    _commit.done = False
    transaction.on_commit(_once_after_commit)


def _once_after_commit():
    if getattr(_commit, "done", False):
        return
    _commit.done = True
    _after_commit()


def _after_commit():
    bump_generation()
    purge_cdn()


def _seen_by_readers(instance, update_fields):
    if update_fields is None:
        return True
    for model, unseen in UNSEEN_FIELDS.items():
        if isinstance(instance, model):
            return not set(update_fields) <= unseen
    return True


@receiver(post_save)
def saved(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or not isinstance(instance, WATCHED_MODELS):
        return  # fixtures loading, or nothing a reader sees
    if _seen_by_readers(instance, update_fields):
        invalidate()


@receiver(post_delete)
def deleted(sender, instance, **kwargs):
    if isinstance(instance, WATCHED_MODELS):
        invalidate()


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def page_changed(sender, **kwargs):
    """Publishing, unpublishing (expiry included) and moves, whoever or whatever did them."""
    invalidate()


def site_urls():
    """Every address a reader can reach without a query string, in both views.

    Pages come with their archives (NewsIndexPage.get_sitemap_urls), then the feeds and the
    sitemap.
    """
    urls = set()
    for page in Page.objects.live().public().specific():
        for entry in page.get_sitemap_urls():
            location = entry["location"]
            if not location:
                continue  # outside every site: the tree's root, for one
            urls.add(location)
            parts = urlsplit(location)
            urls.add(urlunsplit(parts._replace(path=text_path(parts.path))))
    feeds = ["feeds/rss/", "feeds/atom/"]
    for slug in Category.objects.values_list("slug", flat=True):
        feeds += [f"feeds/category/{slug}/rss/", f"feeds/category/{slug}/atom/"]
    # On the site's public address, as the pages' own are (core.public_url).
    base = public_url.base_url()
    urls.update(f"{base}/{path}" for path in [*feeds, "sitemap.xml"])
    return urls


def purge_cdn():
    """Tell the CDN (if one is configured) to drop every page, as the generation bump does."""
    if not settings.WAGTAILFRONTENDCACHE:
        return
    try:
        PurgeBatch(site_urls()).purge()
    except Exception:
        # The CDN's copy then lives out its s-maxage; publishing itself must not fail.
        logger.exception("Could not purge the CDN")
