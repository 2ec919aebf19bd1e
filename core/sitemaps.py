"""sitemap.xml, and robots.txt pointing to it."""

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from wagtail.contrib.sitemaps import views as sitemap_views
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap


class SiteSitemap(Sitemap):
    limit = 50_000  # the sitemap protocol's maximum; past it, /sitemap.xml becomes an index


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
