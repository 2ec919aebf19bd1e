"""Rich-text rewriters for the text-only view.

Links to pages already lead to text-only twins, because page URLs are reversed against the
active URLconf. Images and media embeds inside rich text need their own text rendering.
"""

from django.template.loader import render_to_string

from wagtail.embeds.rich_text import MediaEmbedHandler
from wagtail.images.rich_text import ImageEmbedHandler

from core.text_mode import is_text_only


class TextAwareImageEmbedHandler(ImageEmbedHandler):
    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        if not is_text_only():
            return super().expand_db_attributes_many(attrs_list)
        images = cls.get_many(attrs_list)
        return [
            render_to_string("textonly/image.html", {"image": image, "alt": attrs.get("alt", "")})
            if image
            else ""
            for attrs, image in zip(attrs_list, images, strict=True)
        ]


class TextAwareMediaEmbedHandler(MediaEmbedHandler):
    @staticmethod
    def expand_db_attributes(attrs):
        if not is_text_only():
            return MediaEmbedHandler.expand_db_attributes(attrs)
        return render_to_string("textonly/embed.html", {"url": attrs["url"], "title": ""})
