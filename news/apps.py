from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = "News"

    def ready(self):
        from caching import invalidation

        from . import search  # noqa: F401 - connects the receivers that keep results fresh
        from .models import Author, Category, Contact

        # A story shows its authors, category and contact: a change to one is a change to
        # every page that shows it.
        invalidation.watch(Author, Category, Contact)
