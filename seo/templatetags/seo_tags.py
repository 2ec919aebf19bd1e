from django import template

from core import public_url
from core.models import SiteSettings
from core.text_mode import is_text_only
from seo.metadata import json_ld

register = template.Library()


@register.inclusion_tag("includes/social_meta.html", takes_context=True)
def social_meta(context):
    """Open Graph and Twitter card tags for the page being shown."""
    request, page = context["request"], context.get("page")
    settings = SiteSettings.for_request(request)
    rendition = getattr(page, "social_rendition", None)
    description = page.get_meta_description() if hasattr(page, "get_meta_description") else ""
    title = getattr(page, "seo_title", "") or getattr(page, "title", "")
    archive = context.get("archive")
    if archive:  # an archive of the news index describes itself
        title, description = archive.title, archive.description or description
    return {
        "site_name": settings.organisation_name,
        "title": title,
        "description": description,
        "url": context.get("canonical_url"),
        "type": "article" if getattr(page, "posted_at", None) else "website",
        "image": public_url.absolute(rendition.url, request) if rendition else "",
        "image_alt": page.lead_image_alt_text
        if rendition and hasattr(page, "lead_image_alt_text")
        else "",
        "rendition": rendition,
        # The text twin names the graphic page as canonical; social sites and search engines
        # read the tags there, so the twin carries only its description.
        "text_only": is_text_only(),
    }


@register.simple_tag(takes_context=True)
def structured_data(context):
    """JSON-LD for the page being shown (graphic view only: the text view has no scripts)."""
    page = context.get("page")
    if is_text_only() or not hasattr(page, "get_structured_data"):
        return ""
    request = context["request"]
    data = page.get_structured_data(request, SiteSettings.for_request(request))
    return json_ld(data if len(data) != 1 else data[0])
