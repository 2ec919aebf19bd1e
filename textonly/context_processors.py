from core import public_url
from core.text_mode import graphic_path, is_text_only, text_path


def text_only(request):
    """Tell templates which view they render in, and where the page's twin lives."""
    full_path = request.get_full_path()
    return {
        "text_only": is_text_only(),
        "graphic_url": graphic_path(full_path),
        "text_url": text_path(full_path),
        "canonical_url": public_url.absolute(graphic_path(full_path), request),
    }
