"""The text-only view is a rendering mode, switched by the active URLconf.

Requests under ``/text/`` resolve against ``cms.urls_text``, where every public URL pattern is
mounted again under the prefix. Because Wagtail builds page URLs with ``reverse()``, page links
rendered in that mode lead to text-only twins without any template knowing about it, and the
active URLconf is the one flag that templates, blocks and rich-text handlers consult.
"""

from contextlib import contextmanager

from django.urls import get_urlconf, set_urlconf

from .public_url import local_path

TEXT_PREFIX = "/text"
TEXT_URLCONF = "cms.urls_text"
TEXT_VIEW, GRAPHIC_VIEW = "text", "graphic"


def is_text_only():
    return get_urlconf() == TEXT_URLCONF


def view_name():
    """The view being rendered, for keys of what is kept per view (and preview modes)."""
    return TEXT_VIEW if is_text_only() else GRAPHIC_VIEW


def in_this_view(path):
    """``path`` (a graphic path) as a link in the view being rendered."""
    return text_path(path) if is_text_only() else graphic_path(path)


def is_text_path(path):
    return path == TEXT_PREFIX or path.startswith(TEXT_PREFIX + "/")


def graphic_path(path):
    """The graphic twin of a text-only path (``/text/news/`` becomes ``/news/``), always a path
    on this site: the twin of ``/text//evil.example/`` is ``/evil.example/``."""
    if is_text_path(path):
        path = path[len(TEXT_PREFIX) :]
    return local_path(path)


def text_path(path):
    """The text-only twin of a graphic path (``/news/`` becomes ``/text/news/``)."""
    return TEXT_PREFIX + graphic_path(path)


def both_views(path):
    """A graphic path and its text-only twin."""
    return graphic_path(path), text_path(path)


@contextmanager
def text_only_mode():
    """Render inside the text-only view outside a /text/ request (previews, tests)."""
    previous = get_urlconf()
    set_urlconf(TEXT_URLCONF)
    try:
        yield
    finally:
        set_urlconf(previous)
