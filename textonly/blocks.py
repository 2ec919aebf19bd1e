"""StreamField blocks that know how to render themselves in the text-only view."""

from django.core.exceptions import ImproperlyConfigured

from core.text_mode import is_text_only


class TextRenderableMixin:
    """A block with a graphic ``template`` and a ``text_template``.

    Every block used in a StreamField goes through here, so the text-only view never falls back
    to graphic markup (images, embeds, scripts) for a block that forgot its text rendering.
    """

    def get_template(self, value=None, context=None):
        if not is_text_only():
            return super().get_template(value, context=context)
        text_template = getattr(self.meta, "text_template", None)
        if not text_template:
            raise ImproperlyConfigured(
                f"{type(self).__name__} has no text_template for the text-only view."
            )
        return text_template
