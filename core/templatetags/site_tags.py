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
    """The home page and its live, public children marked "show in menus".

    Each item says whether it is the current page ("page") or the section it is in ("true").
    """
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {"items": []}
    root = site.root_page
    current = context.get("page")
    items = [("Home", root, _current_state(root, current, section=False))]
    for child in root.get_children().live().public().in_menu():
        items.append((child.title, child, _current_state(child, current, section=True)))
    return {"items": items}


def _current_state(item, current, section):
    if current is None:
        return ""
    if current.pk == item.pk:
        return "page"
    if section and current.path.startswith(item.path):
        return "true"
    return ""
