"""Test settings: fast hashing and plain static storage, so tests need no collectstatic."""

import os
import tempfile
from pathlib import Path

from core.public_url import following_requests

from .base import *  # noqa: F403
from .base import STORAGES

SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Links follow the request, as under `make run` (cms.settings.dev): most tests stand for a
# reader or editor of that site. Tests of production's fixed public address switch this off
# themselves (the production_address fixture).
PUBLIC_URL_FROM_REQUEST = True
WAGTAILADMIN_BASE_URL = WAGTAILAPI_BASE_URL = following_requests("http://testserver")
# Serve static files straight from the finders, so tests need no collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Without REDIS_URL, memory of this test run's own: tests clear it between them, and runs side
# by side must not share base settings' folder. Servers that tests start with these settings
# run one process each; tests/test_several_workers.py serves production settings instead.
if not os.environ.get("REDIS_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
LOGGING = {**LOGGING, "root": {**LOGGING["root"], "level": "WARNING"}}  # noqa: F405
# A file rather than memory, so a scheduler started as a separate process sees the test data;
# one per test run, so runs side by side do not share it.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.gettempdir()) / f"cms-test-{os.getpid()}.sqlite3")
    }
