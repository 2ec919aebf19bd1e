"""Deployment checks (`manage.py check --deploy`) for what the site relies on to stay fresh.

Stored pages and fragments are kept under one generation token in the cache (core.generation).
Every process that serves or changes the site (each gunicorn worker, the scheduler, manage.py
commands) must read the same cache, or a story one of them unpublishes stays on the others.
"""

from django.conf import settings
from django.core.cache.backends.locmem import LocMemCache
from django.core.checks import Error, Tags, register
from django.utils.module_loading import import_string

PER_PROCESS_CACHES = (LocMemCache,)


@register(Tags.caches, deploy=True)
def cache_is_shared_by_every_process(app_configs, **kwargs):
    errors = []
    for alias, config in settings.CACHES.items():
        backend = import_string(config["BACKEND"])
        if issubclass(backend, PER_PROCESS_CACHES):
            errors.append(
                Error(
                    f"The '{alias}' cache ({backend.__name__}) is kept in each process's own "
                    "memory: with several gunicorn workers, or the scheduler beside them, a "
                    "story unpublished or a banner added reaches only the process that made "
                    "the change; the others keep their own pages (for up to "
                    f"{settings.PAGE_CACHE_SECONDS} s) and banners (for up to a day).",
                    hint="Set REDIS_URL, or leave CACHES as base settings make it without "
                    "REDIS_URL: a folder (CACHE_DIR) every process on this machine shares.",
                    id="caching.E001",
                )
            )
    return errors
