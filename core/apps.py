from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Site-wide content"

    def ready(self):
        from . import checks, invalidation  # noqa: F401 - registers checks, connects signals
