"""Settings are safe by default and chosen by environment variables."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def settings_value(module, expression, **env):
    """Evaluate ``expression`` in a fresh interpreter with only ``env`` set."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    clean.pop("REDIS_URL", None)
    clean.pop("AWS_STORAGE_BUCKET_NAME", None)
    code = f"import {module} as s; print({expression})"
    result = subprocess.run(  # noqa: S603 - fixed interpreter and code
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    return result


def test_base_is_safe_by_default():
    result = settings_value("cms.settings.base", "s.DEBUG, s.SECRET_KEY == '', s.ALLOWED_HOSTS")
    assert result.stdout.strip() == "False True []"


def test_production_refuses_to_start_without_a_secret_key():
    result = settings_value("cms.settings.production", "s.DEBUG")
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY in the environment." in result.stderr


def test_database_cache_and_media_come_from_the_environment():
    result = settings_value(
        "cms.settings.production",
        "s.DATABASES['default']['ENGINE'], s.CACHES['default']['BACKEND'], "
        "s.STORAGES['default']['BACKEND']",
        DJANGO_SECRET_KEY="x" * 50,
        DATABASE_URL="postgres://app:app@db:5432/news",
        REDIS_URL="redis://cache:6379/0",
        AWS_STORAGE_BUCKET_NAME="news-media",
    )
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "django.core.cache.backends.redis.RedisCache",
        "storages.backends.s3.S3Storage",
    ]


def test_sqlite_is_the_default_database():
    result = settings_value("cms.settings.base", "s.DATABASES['default']['ENGINE']")
    assert result.stdout.strip() == "django.db.backends.sqlite3"
