from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from core import fragments, visibility
from core.text_mode import is_text_only, view_name

register = template.Library()


@register.simple_tag(takes_context=True)
def related_stories(context, page):
    """The "Related stories" section of an article, rendered once per view until a page, an
    image or a category changes, or one of the stories in it expires."""
    text_only = is_text_only()

    def build():
        stories = page.get_related_stories()
        html = render_to_string(
            "includes/related_stories.html",
            {"related_stories": stories, "text_only": text_only},
            request=context.get("request"),
        )
        return html, visibility.first_expiry(stories)

    key = f"related:{page.pk}:{view_name()}"
    return mark_safe(fragments.cached_listing(key, build))  # noqa: S308 - our own template
