from wagtail import hooks

from . import media_visibility

# A document only a draft, a scheduled or a private story uses is a 404 to readers.
hooks.register("before_serve_document", media_visibility.before_serve_document)
