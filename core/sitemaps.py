"""sitemap.xml, and robots.txt pointing to it."""

from django.db.models import Max
from django.http import HttpResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.decorators.http import require_GET

from wagtail.contrib.sitemaps import views as sitemap_views
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap

from . import fragments
from .pagination import CachedCountPaginator


class SiteSitemap(Sitemap):
    """Every live, public page and archive of the site.

    Counting and dating 100,000 pages is the costly part of the index, so both are kept in
    the cache until a page changes (see core.fragments).
    """

    limit = 50_000  # the sitemap protocol's maximum; past it, /sitemap.xml becomes an index

    @cached_property
    def paginator(self):
        site = self.get_wagtail_site()
        return CachedCountPaginator(self._items(), self.limit, f"sitemap:{site.pk}")

    def get_latest_lastmod(self):
        """Newest publication date, for the index: one aggregate, not a read of every page."""
        site = self.get_wagtail_site()

        def newest():
            pages = site.root_page.get_descendants(inclusive=True).live().public()
            return pages.aggregate(newest=Max("last_published_at"))["newest"], None

        return fragments.cached_listing(
            f"sitemap-lastmod:{site.pk}", newest, timeout=CachedCountPaginator.count_timeout
        )


SITEMAPS = {"pages": SiteSitemap}


@require_GET
def sitemap_xml(request):
    sitemaps = sitemap_views.prepare_sitemaps(request, SITEMAPS)
    if any(sitemap.paginator.num_pages > 1 for sitemap in sitemaps.values()):
        return sitemap_views.index(request, SITEMAPS, sitemap_url_name="sitemap_section")
    return sitemap_views.sitemap(request, SITEMAPS)


@require_GET
def sitemap_section(request, section):
    return sitemap_views.sitemap(request, SITEMAPS, section=section)


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /search/",
        "Disallow: /text/search/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
