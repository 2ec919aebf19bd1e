"""The parts of pages that rarely change, kept in the cache between requests:

- per site, the site settings (header and footer), the main navigation and the alert banners,
  kept as data, not HTML: the same navigation serves both views and every page, which mark the
  current page themselves;
- the markup of responsive images, under a key that changes when the image does;
- story lists inside a page (related stories) and listing counts, under a version that any page
  change replaces.

Each is dropped as soon as something it shows changes (the receivers below), so readers never
see a stale header. With more than one server process the cache must be shared (``REDIS_URL``),
or a change reaches the other processes only when they restart. The whole-page cache is a
separate matter.
"""

import hashlib
import uuid

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

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


def picture_html(image, specs, attrs, render):
    """The <picture> markup for an image at some renditions, rendered once.

    Finding a dozen renditions and writing their markup is most of the cost of a teaser. The
    key covers everything the markup depends on (the file, its size and focal point, the
    renditions asked for, the attributes), so an edited image gets new markup, with no
    receiver needed.
    """
    fingerprint = "|".join(
        str(part)
        for part in (
            image.pk,
            image.file.name,
            image.width,
            image.height,
            image.focal_point_x,
            image.focal_point_y,
            image.focal_point_width,
            image.focal_point_height,
            *specs,
            *sorted(attrs.items()),
        )
    )
    key = (
        "fragment:picture:" + hashlib.sha1(fingerprint.encode(), usedforsecurity=False).hexdigest()
    )
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, TIMEOUT)
    return html


LISTINGS_VERSION = "fragment:listings:version"


def cached_listing(key, build, timeout=TIMEOUT):
    """Markup that lists stories, kept until any page changes or the first story in it expires.

    ``build()`` returns ``(value, valid_until)``; ``valid_until`` is the earliest expiry time of
    the stories shown, or None. A story past its expiry time is gone from readers' view at once,
    with or without the scheduler, so the markup is not served past that time.
    """
    version = cache.get(LISTINGS_VERSION)
    if version is None:
        version = _new_listings_version()
    full_key = f"fragment:listing:{version}:{key}"
    entry = cache.get(full_key)
    if entry is not None and (entry[1] is None or timezone.now() < entry[1]):
        return entry[0]
    html, valid_until = build()
    cache.set(full_key, (html, valid_until), timeout)
    return html


def listings_changed(**kwargs):
    """Drop every cached story list: call when something a teaser shows has changed."""
    _new_listings_version()


def _new_listings_version():
    version = uuid.uuid4().hex
    cache.set(LISTINGS_VERSION, version, None)
    return version


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
    _new_listings_version()


def _page_saved(sender, **kwargs):
    invalidate(NAVIGATION, BANNERS)
    _new_listings_version()


def _settings_changed(**kwargs):
    invalidate(SETTINGS)


def _image_changed(**kwargs):
    invalidate(SETTINGS)  # the logo
    _new_listings_version()  # teasers


def _banners_changed(**kwargs):
    invalidate(BANNERS)


def connect():
    """Receivers for models whose subclasses are only known once the apps are loaded."""
    from core.models import AlertBanner, SiteSettings

    for model in [Page, *get_page_models()]:
        post_save.connect(_page_saved, sender=model, dispatch_uid=f"fragments-save-{model}")
        post_delete.connect(_page_saved, sender=model, dispatch_uid=f"fragments-delete-{model}")
    post_save.connect(_settings_changed, sender=SiteSettings, dispatch_uid="fragments-settings")
    post_delete.connect(_settings_changed, sender=SiteSettings, dispatch_uid="fragments-settings-d")
    image = get_image_model()
    post_save.connect(_image_changed, sender=image, dispatch_uid="fragments-image")
    post_delete.connect(_image_changed, sender=image, dispatch_uid="fragments-image-d")
    post_save.connect(_banners_changed, sender=AlertBanner, dispatch_uid="fragments-banner")
    post_delete.connect(_banners_changed, sender=AlertBanner, dispatch_uid="fragments-banner-d")
