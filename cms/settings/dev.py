"""Local development: debug on, console email, demo accounts available."""

import os

from core.public_url import following_requests

from .base import *  # noqa: F403
from .base import BASE_DIR, WAGTAILADMIN_BASE_URL, env_bool, env_list

DEBUG = True
# Not a secret: development only.
SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEMO_ACCOUNTS_ENABLED = True
# Links (sitemap, feeds, API, emails) name the address the site is being served at, whatever
# port `make run` was given; the configured address only outside a request.
PUBLIC_URL_FROM_REQUEST = True
WAGTAILADMIN_BASE_URL = WAGTAILAPI_BASE_URL = following_requests(WAGTAILADMIN_BASE_URL)
# Base settings decide this before DEBUG is known; one machine with no web server in front
# serves its own uploads, or every image is a 404.
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", True)

if not os.environ.get("REDIS_URL"):
    # `make run` serves the site and runs the scheduler as two processes. The page cache's
    # generation token must be one value both see, or the scheduler's invalidation never
    # reaches the web server and listings stay stale for PAGE_CACHE_SECONDS. A folder of
    # files is shared by both without another service to start.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": BASE_DIR / ".cache" / "django",
            # Room for every page of the demo in both views; culling drops a third at random.
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    }
