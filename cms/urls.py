from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls

from editorial.page_editor import EditPageView
from editorial.refusals import delete_page
from news import search as news_search
from news.api import api_router
from operations import errors
from security import media_visibility
from seo import sitemaps

# Everything readers see. cms.urls_text mounts the same patterns again under /text/.
public_urlpatterns = [
    path("search/", news_search.search, name="search"),
    path("", include(wagtail_urls)),
]

# Addresses that are the same in both views: files and feeds.
shared_urlpatterns = [
    # No document id has 20 digits. Wagtail's address hands any run of digits to the lookup,
    # where one longer than Python reads as a number (4,300 digits) is a server error.
    re_path(r"^documents/[0-9]{20,}/", errors.not_found),
    path("documents/", include(wagtaildocs_urls)),
    path("feeds/", include("news.urls")),
]

urlpatterns = [
    path("sitemap.xml", sitemaps.sitemap_xml, name="sitemap"),
    path("sitemap-<section>.xml", sitemaps.sitemap_section, name="sitemap_section"),
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),
    path("api/v2/", api_router.urls),
    path("django-admin/", admin.site.urls),
    # Ahead of Wagtail's own edit view, at the same address: says what a review decision did.
    path(
        "admin/pages/<int:page_id>/edit/",
        require_admin_access(EditPageView.as_view()),
        name="edit_page",
    ),
    # Likewise ahead of Wagtail's delete view: a story staff may not delete is refused with why.
    path(
        "admin/pages/<int:page_id>/delete/",
        require_admin_access(delete_page),
        name="delete_page",
    ),
    path("admin/", include(wagtailadmin_urls)),
    *shared_urlpatterns,
]

if settings.SERVE_MEDIA:
    # Files of images and documents under embargo are a 404 to readers (security.media_visibility).
    urlpatterns.append(
        re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", media_visibility.serve_media)
    )

urlpatterns += public_urlpatterns

# Pages that render without the database; a 503 when the database is the problem.
handler400 = "operations.errors.bad_request"
handler500 = "operations.errors.server_error"
