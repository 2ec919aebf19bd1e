from django.apps import AppConfig


class CachingConfig(AppConfig):
    name = "caching"
    verbose_name = "Caching"

    def ready(self):
        from . import checks, invalidation  # noqa: F401 - registers checks, connects signals
