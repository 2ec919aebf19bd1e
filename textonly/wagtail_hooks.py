from django.templatetags.static import static
from django.utils.html import format_html

from wagtail import hooks

from .rich_text import TextAwareImageEmbedHandler, TextAwareMediaEmbedHandler


# Runs after Wagtail's own registrations, so these handlers replace the defaults.
@hooks.register("register_rich_text_features", order=100)
def register_text_aware_embeds(features):
    features.register_embed_type(TextAwareImageEmbedHandler)
    features.register_embed_type(TextAwareMediaEmbedHandler)


@hooks.register("insert_editor_js")
def remember_preview_mode():
    return format_html('<script src="{}" defer></script>', static("js/admin/preview-mode.js"))
