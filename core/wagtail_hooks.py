from wagtail import hooks
from wagtail.admin.ui.tables import LiveStatusTagColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import media_visibility, page_cache
from .accessibility import use_wcag_checker
from .models import AlertBanner


class AlertBannerViewSet(SnippetViewSet):
    model = AlertBanner
    icon = "warning"
    menu_label = "Alert banners"
    menu_order = 300
    add_to_admin_menu = True
    # Listing columns given here replace Wagtail's default, status included: so it is named.
    list_display = [
        "title",
        "message",
        "severity",
        "go_live_at",
        "expire_at",
        LiveStatusTagColumn(),
    ]
    list_filter = ["severity", "live"]


register_snippet(AlertBannerViewSet)


@hooks.register("construct_wagtail_userbar")
def check_pages_against_wcag(request, items, page):
    use_wcag_checker(items)


# A document only a draft, a scheduled or a private story uses is a 404 to readers.
hooks.register("before_serve_document", media_visibility.before_serve_document)


@hooks.register("before_serve_page")
def pages_read_only_the_query_parameters_they_declare(page, request, serve_args, serve_kwargs):
    """A page sees the query parameters it lists in ``query_parameters`` and no other, so the
    page cache can leave the others out of its key (core.page_cache)."""
    page_cache.read_only(request, getattr(page, "query_parameters", ()))
