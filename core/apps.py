from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Site-wide content"

    def ready(self):
        from . import invalidation  # noqa: F401 - connects the cache-clearing signals
