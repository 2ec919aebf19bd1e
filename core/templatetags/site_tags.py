from django import template

from wagtail.models import Site

from core.models import AlertBanner
from core.phone import tel_href

register = template.Library()


@register.filter(name="tel_href")
def tel_href_filter(value):
    return tel_href(value)


@register.inclusion_tag("core/alert_banners.html")
def alert_banners():
    """The banners in force now, for the top of every page in both views."""
    return {"banners": list(AlertBanner.objects.current())}


@register.inclusion_tag("includes/site_nav.html", takes_context=True)
def site_nav(context):
    """The home page and its live, public children marked "show in menus"."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {"nav_pages": [], "current": None}
    root = site.root_page
    children = root.get_children().live().public().in_menu()
    return {"nav_pages": [root, *children], "root": root, "current": context.get("page")}
