"""Local development: debug on, console email, demo accounts available."""

from .base import *  # noqa: F403
from .base import env_list

DEBUG = True
# Not a secret: development only.
SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEMO_ACCOUNTS_ENABLED = True
