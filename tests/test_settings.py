"""Settings are safe by default and chosen by environment variables."""

import os
import re
import subprocess
import sys
from pathlib import Path

from django.db import connection

import pytest

ROOT = Path(__file__).resolve().parent.parent


def settings_value(module, expression, **env):
    """Evaluate ``expression`` in a fresh interpreter with only ``env`` set."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    clean.pop("REDIS_URL", None)
    clean.pop("AWS_STORAGE_BUCKET_NAME", None)
    code = (
        f"import {module} as s; from django.utils.module_loading import import_string; "
        f"from django.core.cache.backends.redis import RedisCache; print({expression})"
    )
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
        "s.DATABASES['default']['ENGINE'], s.STORAGES['default']['BACKEND'], "
        # Django's built-in RedisCache (made to degrade when Redis is down: caching.backends)
        "issubclass(import_string(s.CACHES['default']['BACKEND']), RedisCache)",
        DJANGO_SECRET_KEY="x" * 50,
        DATABASE_URL="postgres://app:app@db:5432/news",
        REDIS_URL="redis://cache:6379/0",
        AWS_STORAGE_BUCKET_NAME="news-media",
    )
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "storages.backends.s3.S3Storage",
        "True",
    ]


def test_links_name_the_configured_address_in_production_and_the_request_in_development():
    """What tests/test_public_address.py stands on: its production_address fixture sets what
    production reads, and the test settings follow development."""
    expression = "s.PUBLIC_URL_FROM_REQUEST, s.WAGTAILADMIN_BASE_URL, s.WAGTAILAPI_BASE_URL"
    production = settings_value(
        "cms.settings.production",
        expression,
        DJANGO_SECRET_KEY="x" * 50,
        WAGTAILADMIN_BASE_URL="https://news.example.org",
    )
    assert production.stdout.split() == [
        "False",
        "https://news.example.org",
        "https://news.example.org",
    ]
    # Outside a request (a management command), development reads as its configured address.
    expression = "s.PUBLIC_URL_FROM_REQUEST, str(s.WAGTAILADMIN_BASE_URL)"
    for module, fallback in [
        ("cms.settings.dev", "http://127.0.0.1:8000"),
        ("cms.settings.test", "http://testserver"),
    ]:
        assert settings_value(module, expression).stdout.split() == ["True", fallback], module


def test_sqlite_is_the_default_database():
    result = settings_value("cms.settings.base", "s.DATABASES['default']['ENGINE']")
    assert result.stdout.strip() == "django.db.backends.sqlite3"


def test_production_keeps_health_checked_database_connections():
    env = {"DJANGO_SECRET_KEY": "x" * 50, "DATABASE_URL": "postgres://app:app@db:5432/news"}
    expression = (
        "s.DATABASES['default']['CONN_MAX_AGE'], s.DATABASES['default']['CONN_HEALTH_CHECKS']"
    )
    assert settings_value("cms.settings.production", expression, **env).stdout.split() == [
        "60",
        "True",
    ]
    closed = settings_value("cms.settings.production", expression, DATABASE_CONN_MAX_AGE="0", **env)
    assert closed.stdout.split() == ["0", "True"]


@pytest.mark.django_db
def test_postgresql_is_reached_through_psycopg_3():
    if connection.vendor != "postgresql":
        pytest.skip("only when DATABASE_URL is PostgreSQL")
    assert connection.Database.__name__ == "psycopg"
    assert connection.Database.__version__.startswith("3.")


def test_page_cache_is_on_by_default_and_switched_by_the_environment():
    expression = "s.PAGE_CACHE_ENABLED, s.PAGE_CACHE_SECONDS"
    assert settings_value("cms.settings.base", expression).stdout.split() == ["True", "600"]
    off = settings_value("cms.settings.base", expression, PAGE_CACHE="off", PAGE_CACHE_SECONDS="30")
    assert off.stdout.split() == ["False", "30"]


def test_cdn_purging_is_off_unless_configured():
    expression = "s.WAGTAILFRONTENDCACHE"
    assert settings_value("cms.settings.base", expression).stdout.strip() == "{}"
    varnish = settings_value(
        "cms.settings.base",
        "*s.WAGTAILFRONTENDCACHE['default'].values()",
        FRONTEND_CACHE_BACKEND="http",
        FRONTEND_CACHE_LOCATION="http://varnish:6081",
    )
    assert varnish.stdout.split() == [
        "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "http://varnish:6081",
    ]
    incomplete = settings_value(
        "cms.settings.base", expression, FRONTEND_CACHE_BACKEND="cloudflare"
    )
    assert incomplete.returncode != 0
    assert "FRONTEND_CACHE_BACKEND=cloudflare needs 'CLOUDFLARE_ZONE_ID'" in incomplete.stderr
    unknown = settings_value("cms.settings.base", expression, FRONTEND_CACHE_BACKEND="akamai")
    assert "FRONTEND_CACHE_BACKEND must be one of cloudflare, cloudfront, http" in unknown.stderr


def test_logs_go_to_stdout():
    code = (
        "import django, logging; django.setup(); "
        "logging.getLogger('editorial.scheduler').info('Published scheduled page 7')"
    )
    result = subprocess.run(  # noqa: S603 - fixed interpreter and code
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.dev"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert "INFO editorial.scheduler: Published scheduled page 7" in result.stdout
    assert result.stderr == ""


def test_gunicorn_takes_its_settings_from_the_environment():
    def config(**env):
        result = subprocess.run(  # noqa: S603 - fixed interpreter and code
            [
                sys.executable,
                "-c",
                "import runpy; c = runpy.run_path('gunicorn.conf.py'); "
                "print(c['bind'], c['workers'], c['timeout'], c['accesslog'])",
            ],
            cwd=ROOT,
            env={**os.environ, **env},
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout.split()

    assert config(PORT="9000", WEB_CONCURRENCY="3") == ["0.0.0.0:9000", "3", "30", "-"]
    assert config(GUNICORN_BIND="127.0.0.1:8600", WEB_CONCURRENCY="1", GUNICORN_TIMEOUT="10")[
        :3
    ] == ["127.0.0.1:8600", "1", "10"]


def test_every_environment_variable_is_documented_in_env_example():
    read = re.compile(
        r"""(?:os\.environ(?:\.get)?[\[(]|env_(?:bool|list)\()["']([A-Z][A-Z0-9_]+)"""
    )
    sources = [*ROOT.glob("cms/settings/*.py"), ROOT / "gunicorn.conf.py"]
    used = {name for path in sources for name in read.findall(path.read_text())}
    documented = set(re.findall(r"^([A-Z][A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert used, "the pattern still finds the variables"
    assert used - documented == set()
