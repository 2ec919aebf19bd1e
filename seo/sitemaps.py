"""sitemap.xml, and robots.txt pointing to it."""

from django.conf import settings
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.db.models import Max
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import http_date
from django.views.decorators.http import require_GET

from wagtail.contrib.sitemaps import views as sitemap_views
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap

from caching.page_cache import reads_query_parameters
from core import fragments, public_url, visibility
from core.dates import whole_seconds
from core.pagination import CachedCountPaginator
from core.text_mode import both_views


class SiteSitemap(Sitemap):
    """Every live, public page and archive of the site.

    Counting and dating 100,000 pages is the costly part of the index, so both are kept in
    the cache until a page changes (see core.fragments).
    """

    limit = 50_000  # the sitemap protocol's maximum; past it, /sitemap.xml becomes an index

    @cached_property
    def paginator(self):
        site = self.get_wagtail_site()
        return CachedCountPaginator(self.items(), self.limit, f"sitemap:{site.pk}")

    def items(self):
        """The pages readers may see, as Wagtail lists them (tree order, one query)."""
        pages = self.get_wagtail_site().root_page.get_descendants(inclusive=True)
        return visibility.visible_to_readers(pages).order_by("path").defer_streamfields().specific()

    def get_latest_lastmod(self):
        """Newest publication date, for the index: one aggregate, not a read of every page."""
        site = self.get_wagtail_site()

        def newest():
            pages = visibility.visible_to_readers(site.root_page.get_descendants(inclusive=True))
            found, valid_until = visibility.aggregate_until_expiry(
                pages, newest=Max("last_published_at")
            )
            return found["newest"], valid_until

        return fragments.cached_listing(f"sitemap-lastmod:{site.pk}", newest)


SITEMAPS = {"pages": SiteSitemap}


def paths():
    """The sitemap index and its sections: what the CDN drops with any page's change."""
    root = settings.ROOT_URLCONF
    return [
        reverse("sitemap", urlconf=root),
        *(reverse("sitemap_section", urlconf=root, args=[section]) for section in SITEMAPS),
    ]


@require_GET
@reads_query_parameters("p")  # Django's sitemap view: the page of a long sitemap
def sitemap_xml(request):
    sitemaps = sitemap_views.prepare_sitemaps(request, SITEMAPS)
    if any(sitemap.paginator.num_pages > 1 for sitemap in sitemaps.values()):
        return sitemap_index(request, sitemaps)
    return sitemap_views.sitemap(request, SITEMAPS)


@x_robots_tag
def sitemap_index(request, sitemaps):
    """An index of the sections, as Django's own would be, but on the site's public address:
    Django's names whatever host the request said it was for."""
    entries = []
    for section, sitemap in sitemaps.items():
        path = reverse("sitemap_section", kwargs={"section": section})
        location = public_url.absolute(path, request)
        lastmod = whole_seconds(sitemap.get_latest_lastmod())
        entries.append(SitemapIndexItem(location, lastmod))
        entries += [
            SitemapIndexItem(f"{location}?p={number}", lastmod)
            for number in range(2, sitemap.paginator.num_pages + 1)
        ]
    lastmods = [entry.last_mod for entry in entries]
    headers = None
    if lastmods and None not in lastmods:
        headers = {"Last-Modified": http_date(max(lastmods).timestamp())}
    return TemplateResponse(
        request,
        "sitemap_index.xml",
        {"sitemaps": entries},
        content_type="application/xml",
        headers=headers,
    )


@require_GET
@reads_query_parameters("p")
def sitemap_section(request, section):
    return sitemap_views.sitemap(request, SITEMAPS, section=section)


@require_GET
@reads_query_parameters()
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        *[f"Disallow: {path}" for path in both_views(reverse("search"))],
        f"Sitemap: {public_url.absolute(reverse('sitemap'), request)}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
