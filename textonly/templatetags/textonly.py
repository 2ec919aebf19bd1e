from django import template
from django.template.loader import render_to_string

from ..mode import is_text_only

register = template.Library()


@register.simple_tag
def adaptive_image(image, alt="", sizes="100vw", widths="480,800,1200", crop="", eager=False):
    """An image in either view: a responsive <picture> in the graphic view, or its alt text and a
    [View Image] link in the text-only view. Pass alt="" for a decorative image.

    ``crop`` is a ratio such as "3x2" cropping around the image's focal point.
    """
    if image is None:
        return ""
    if is_text_only():
        return render_to_string("textonly/image.html", {"image": image, "alt": alt})
    width_list = [int(w) for w in widths.split(",")]
    return render_to_string(
        "includes/picture.html",
        {
            "image": image,
            "alt": alt,
            "sizes": sizes,
            "renditions": _renditions(image, width_list, crop),
            "loading": "eager" if eager else "lazy",
        },
    )


def _renditions(image, widths, crop):
    """JPEG and WebP renditions at each width, fetched in one batch per image."""
    specs = {}
    for width in widths:
        if crop:
            ratio_w, ratio_h = (int(n) for n in crop.split("x"))
            base = f"fill-{width}x{width * ratio_h // ratio_w}"
        else:
            base = f"width-{width}"
        for fmt in ("webp", "jpeg"):
            specs[(fmt, width)] = f"{base}|format-{fmt}"
    renditions = image.get_renditions(*specs.values())
    by_key = {key: renditions[spec] for key, spec in specs.items()}
    largest = max(widths)
    return {
        "webp_srcset": ", ".join(f"{by_key[('webp', w)].url} {w}w" for w in widths),
        "jpeg_srcset": ", ".join(f"{by_key[('jpeg', w)].url} {w}w" for w in widths),
        "fallback": by_key[("jpeg", largest)],
    }
