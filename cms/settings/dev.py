"""Local development: debug on, console email, demo accounts available."""

from core.public_url import following_requests

from .base import *  # noqa: F403
from .base import WAGTAILADMIN_BASE_URL, env_bool, env_list

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
# Without REDIS_URL the cache is base settings' folder in .cache/, which `make run`'s web server
# and scheduler share: the scheduler's invalidations reach the pages runserver serves.
