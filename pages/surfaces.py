"""The public page types, found rather than listed: every concrete PublicPage subclass."""

from wagtail.models import get_page_models

from .base import PublicPage


def public_page_types():
    """Every page model readers can be served, by its app label and model name."""
    return sorted(
        (model for model in get_page_models() if issubclass(model, PublicPage)),
        key=lambda model: model._meta.label,
    )
