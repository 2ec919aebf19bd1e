from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = "News"

    def ready(self):
        from . import search  # noqa: F401 - connects the receivers that keep results fresh
