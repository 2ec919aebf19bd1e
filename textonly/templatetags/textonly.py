from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from wagtail.images.models import Picture

from core import fragments
from core import text_mode as mode
from operations import storage_faults

register = template.Library()

FORMATS = ("avif", "webp", "jpeg")  # smallest first; JPEG is the fallback every browser reads


@register.simple_tag
def adaptive_image(image, alt="", sizes="100vw", widths="480,800,1200", crop="", eager=False):
    """An image in either view: a responsive <picture> (AVIF, WebP, JPEG) in the graphic view,
    or its alt text and a [View Image] link in the text-only view. alt="" means decorative.

    ``crop`` is a ratio such as "3x2", cropped around the image's focal point. ``eager`` is for
    the image at the top of the page; every other image loads lazily.
    """
    if image is None:
        return ""
    if mode.is_text_only():
        return render_to_string("textonly/image.html", {"image": image, "alt": alt})
    width_list = widths.split(",")
    specs = [f"{_resize(int(width), crop)}|format-{fmt}" for fmt in FORMATS for width in width_list]
    attrs = {"alt": alt, "decoding": "async"}
    if len(width_list) > 1:  # sizes only means something beside a choice of widths
        attrs["sizes"] = sizes
    attrs.update({"loading": "eager", "fetchpriority": "high"} if eager else {"loading": "lazy"})
    try:
        html = fragments.picture_html(
            image, specs, attrs, lambda: Picture(image.get_renditions(*specs), attrs).__html__()
        )
    except storage_faults.STORAGE_ERRORS as error:
        # The original file is gone, or the storage refuses the new renditions: say what the
        # picture showed, keep the page.
        storage_faults.picture_failed(image, error)
        return format_html('<span class="image-missing">{}</span>', alt) if alt else ""
    return mark_safe(html)  # noqa: S308 - Wagtail's markup, attributes escaped by it


@register.filter
def in_this_view(path):
    """A graphic path as a link in the view being rendered: ``"/news/"|in_this_view``."""
    return mode.in_this_view(path)


@register.filter
def text_twin(path):
    return mode.text_path(path)


@register.filter
def graphic_twin(path):
    return mode.graphic_path(path)


def _resize(width, crop):
    if not crop:
        return f"width-{width}"
    ratio_w, ratio_h = (int(n) for n in crop.split("x"))
    return f"fill-{width}x{width * ratio_h // ratio_w}"
