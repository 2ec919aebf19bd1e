from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from core import fragments
from textonly.mode import is_text_only

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
        expiries = [story.expire_at for story in stories if story.expire_at]
        return html, min(expiries, default=None)

    key = f"related:{page.pk}:{'text' if text_only else 'graphic'}"
    return mark_safe(fragments.cached_listing(key, build))  # noqa: S308 - our own template
