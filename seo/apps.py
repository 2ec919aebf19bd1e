from django.apps import AppConfig


class SeoConfig(AppConfig):
    name = "seo"
    verbose_name = "Search engines"

    def ready(self):
        from caching import cdn

        from . import sitemaps

        cdn.lists_every_page(sitemaps.paths)
