"""The parts of every page that rarely change, kept in the cache between requests: the site
settings (header and footer), the main navigation and the alert banners.

Each is stored per site and dropped as soon as something it shows changes (the receivers
below), so readers never see a stale header. With more than one server process the cache must
be shared (``REDIS_URL``), or a change reaches the other processes only when they restart.

What is cached is data, not HTML: the same navigation serves both views and every page, which
mark the current page themselves.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site, get_page_models
from wagtail.signals import page_published, page_unpublished, post_page_move

SETTINGS, NAVIGATION, BANNERS = "settings", "navigation", "banners"
TIMEOUT = 24 * 60 * 60  # a bound, in case a change ever slips past the receivers

_MISSING = object()


def _key(name, site_id):
    return f"fragment:{name}:{site_id}"


def cached(name, site_id, build):
    """The cached value of fragment ``name`` for a site, built and stored if missing."""
    key = _key(name, site_id)
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = build()
        cache.set(key, value, TIMEOUT)
    return value


def invalidate(*names):
    site_ids = [*Site.objects.values_list("pk", flat=True), None]
    cache.delete_many([_key(name, site_id) for name in names for site_id in site_ids])


# Pages: titles, slugs, menu flags and privacy show in the navigation; banners link to pages.
@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def _pages_changed(**kwargs):
    invalidate(NAVIGATION, BANNERS)


def _page_saved(sender, **kwargs):
    invalidate(NAVIGATION, BANNERS)


def _settings_changed(**kwargs):
    invalidate(SETTINGS)


def _banners_changed(**kwargs):
    invalidate(BANNERS)


def connect():
    """Receivers for models whose subclasses are only known once the apps are loaded."""
    from core.models import AlertBanner, SiteSettings

    for model in [Page, *get_page_models()]:
        post_save.connect(_page_saved, sender=model, dispatch_uid=f"fragments-save-{model}")
        post_delete.connect(_page_saved, sender=model, dispatch_uid=f"fragments-delete-{model}")
    for model in (SiteSettings, get_image_model()):  # the logo is an image
        post_save.connect(_settings_changed, sender=model, dispatch_uid=f"fragments-{model}")
        post_delete.connect(_settings_changed, sender=model, dispatch_uid=f"fragments-d-{model}")
    post_save.connect(_banners_changed, sender=AlertBanner, dispatch_uid="fragments-banner")
    post_delete.connect(_banners_changed, sender=AlertBanner, dispatch_uid="fragments-banner-d")
