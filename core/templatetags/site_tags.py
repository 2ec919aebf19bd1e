from django import template

from wagtail.models import Site

from core import banners, fragments, visibility
from core.phone import tel_href

register = template.Library()


@register.filter(name="tel_href")
def tel_href_filter(value):
    return tel_href(value)


@register.simple_tag(takes_context=True)
def alert_banners(context):
    """The banners readers see now, for the top of every page in both views (served apart
    from the stored page: core.banners); in a banner's preview, with that banner in place."""
    previewed = context.get("preview_banner")
    if previewed is not None:
        return banners.preview(previewed)
    return banners.for_template(context.get("request"))


@register.inclusion_tag("includes/site_nav.html", takes_context=True)
def site_nav(context):
    """The home page and its children readers may see, marked "show in menus".

    Each item says whether it is the current page ("page") or the section it is in ("true").
    """
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {"items": []}
    root, children = fragments.cached_listing(
        f"{fragments.NAVIGATION}:{site.pk}", lambda: _menu(site)
    )
    current = context.get("page")
    items = [("Home", root, _current_state(root, current, section=False))]
    for child in children:
        items.append((child.title, child, _current_state(child, current, section=True)))
    return {"items": items}


def _menu(site):
    root = site.root_page
    children = list(visibility.visible_to_readers(root.get_children()).in_menu())
    return (root, children), visibility.first_expiry(children)


def _current_state(item, current, section):
    if current is None:
        return ""
    if current.pk == item.pk:
        return "page"
    if section and current.path.startswith(item.path):
        return "true"
    return ""
