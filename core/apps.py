from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Site-wide content"

    def ready(self):
        from . import (
            fragments,
            invalidation,  # noqa: F401 - connects the cache-clearing signals
        )

        fragments.connect()
