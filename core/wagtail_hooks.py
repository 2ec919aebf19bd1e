from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import media_visibility
from .accessibility import use_wcag_checker
from .models import AlertBanner


class AlertBannerViewSet(SnippetViewSet):
    model = AlertBanner
    icon = "warning"
    menu_label = "Alert banners"
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["title", "message", "severity", "is_active", "starts_at", "ends_at"]
    list_filter = ["severity", "is_active"]


register_snippet(AlertBannerViewSet)


@hooks.register("construct_wagtail_userbar")
def check_pages_against_wcag(request, items, page):
    use_wcag_checker(items)


# A document only a draft, a scheduled or a private story uses is a 404 to readers.
hooks.register("before_serve_document", media_visibility.before_serve_document)
