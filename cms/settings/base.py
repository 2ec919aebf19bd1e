"""Settings shared by every environment.

Safe by default: DEBUG is off and every secret or host comes from the environment.
"""

import datetime as dt
import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from wagtail.embeds import oembed_providers

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "core",
    "caching",
    "security",
    "operations",
    "textonly",
    "seo",
    "editorial",
    "pages",
    "news",
    "home",
    "demo",
    "seeding",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
]

MIDDLEWARE = [
    # First, so every link built while answering (even in Wagtail's preview) knows the request.
    "core.public_url.CurrentRequestMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "security.headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A search over its address's limit is refused here, costing less than a cached page.
    "news.search_limits.SearchRateLimitMiddleware",
    # Above sessions, CSRF and auth: a warm hit is answered before anything touches the
    # database, and responses that set a cookie are seen (and not stored).
    "caching.page_cache.PageCacheMiddleware",
    # Must come before CommonMiddleware so /text URLs resolve against the text-only URLconf.
    "textonly.middleware.TextOnlyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "core.routing.CachedSiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "operations.storage_faults.StorageFaultMiddleware",  # an upload the storage refuses
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so it sees every failed sign-in and answers a locked-out one.
    "axes.middleware.AxesMiddleware",
]

# Sign-in is throttled: after AXES_FAILURE_LIMIT failures from one address for one username,
# that pair is locked out for AXES_COOLOFF_MINUTES (429 with a message). Counted in the
# database, so every app instance sees the same count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# How many proxies (load balancer, CDN) stand in front of the app, so the reader's own address
# is used, not the load balancer's (security.headers.client_address).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "security.headers.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "account_locked.html"

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "textonly.context_processors.text_only",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
        # A persistent connection that the database dropped (failover, restart) is replaced
        # at the start of the next request instead of failing it.
        conn_health_checks=env_bool("DATABASE_CONN_HEALTH_CHECKS", True),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the scheduler write to the same file: writers queue for the lock
    # instead of failing with "database is locked", and readers do not block writers.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Every process that serves or changes the site (each gunicorn worker, the scheduler, manage.py
# commands) must read one cache: stored pages and fragments are kept under one generation
# token (core.generation), and a token in one process's memory is never replaced by another's
# publish. So: Redis when REDIS_URL is set (several machines), otherwise a folder of files that
# every process on this machine shares. A single machine with no Redis (gunicorn's cores + 1
# workers beside the scheduler) then works as it is, rather than being refused; caching.checks
# fails `check --deploy` if a per-process cache is ever configured.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            # Django's RedisCache, which serves uncached (and logs) while Redis is down.
            "BACKEND": "caching.backends.ResilientRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "cms"),
            # A Redis that does not answer must not hold a reader's page for long.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("CACHE_DIR") or BASE_DIR / ".cache" / "django",
            # Room for every page of a large site in both views; culling drops a third at
            # random, and a culled generation token only makes every entry stale.
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    }

# Whole-page cache for anonymous readers (caching.page_cache), in the cache above: shared by
# every instance when it is Redis. PAGE_CACHE=off serves every request fresh.
PAGE_CACHE_ENABLED = os.environ.get("PAGE_CACHE", "on").strip().lower() not in {
    "off",
    "0",
    "false",
    "no",
}
# The longest a page is kept. Publishing, banners, settings and snippets clear it sooner.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))

# A CDN in front of the site, told by the scheduler what each change affects (caching.cdn). Off
# unless FRONTEND_CACHE_BACKEND names one: cloudflare, cloudfront or http (Varnish and the like).
# Wagtail's frontend_cache backends are used through caching.cdn; the app itself is not installed,
# because its own handlers purge only the published page, not the listings, archives, feeds and
# twins that show it, and do so during the editor's request.
FRONTEND_CACHE_BACKENDS = {
    "cloudflare": lambda: {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
        "BEARER_TOKEN": os.environ["CLOUDFLARE_API_TOKEN"],
    },
    "cloudfront": lambda: {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": os.environ["CLOUDFRONT_DISTRIBUTION_ID"],
    },
    "http": lambda: {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_LOCATION"],
    },
}
_frontend_cache = os.environ.get("FRONTEND_CACHE_BACKEND", "").strip().lower()
if _frontend_cache:
    if _frontend_cache not in FRONTEND_CACHE_BACKENDS:
        raise ImproperlyConfigured(
            f"FRONTEND_CACHE_BACKEND must be one of {', '.join(FRONTEND_CACHE_BACKENDS)}."
        )
    try:
        WAGTAILFRONTENDCACHE = {"default": FRONTEND_CACHE_BACKENDS[_frontend_cache]()}
    except KeyError as missing:
        raise ImproperlyConfigured(
            f"FRONTEND_CACHE_BACKEND={_frontend_cache} needs {missing}."
        ) from None
    if os.environ.get("FRONTEND_CACHE_HOSTNAMES"):
        WAGTAILFRONTENDCACHE["default"]["HOSTNAMES"] = env_list("FRONTEND_CACHE_HOSTNAMES")
else:
    WAGTAILFRONTENDCACHE = {}
# How long the CDN may keep a page between purges (sent as s-maxage when a CDN is set).
FRONTEND_CACHE_SECONDS = int(os.environ.get("FRONTEND_CACHE_SECONDS", "3600"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True
# The admin's wording where this newsroom's differs from Wagtail's (see the catalogue's header).
LOCALE_PATHS = [BASE_DIR / "locale"]

# Headers on every response; security.headers adds Content-Security-Policy and Permissions-Policy.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
# No script needs the cookies: the admin reads its CSRF token from the page.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

STATIC_URL = "/static/"
STATIC_ROOT = os.environ.get("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files browsers ask for at the site root (favicon.ico), served by whitenoise as they are.
WHITENOISE_ROOT = BASE_DIR / "static" / "root"
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT") or BASE_DIR / "media")
# Django serves uploaded files itself only on a single machine without object storage or a
# web server in front (development, and the browser checks). Production media comes from S3.
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", DEBUG)
# Images and documents in these collections are public from upload, used by a live page or not:
# media of the whole site rather than of one story (security.media_visibility). The rest wait.
PUBLIC_MEDIA_COLLECTIONS = ["Site-wide"]

# Media goes to S3-compatible storage when a bucket is named; local disk otherwise.
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    MEDIA_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "default_acl": None,
            "querystring_auth": False,
            "file_overwrite": False,
            # Larger objects are read into a temporary file rather than memory, so a backup
            # or restore of a large video stays in constant memory.
            "max_memory_size": 2 * 1024 * 1024,
        },
    }
else:
    MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}

# Where images and files are served from, for the Content-Security-Policy (security.headers):
# the site itself, plus the bucket's own domain and any CDN named in CSP_MEDIA_ORIGINS.
CSP_MEDIA_ORIGINS = env_list("CSP_MEDIA_ORIGINS")
if os.environ.get("AWS_S3_CUSTOM_DOMAIN"):
    CSP_MEDIA_ORIGINS.append(f"https://{os.environ['AWS_S3_CUSTOM_DOMAIN']}")
elif os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    CSP_MEDIA_ORIGINS.append(
        os.environ.get("AWS_S3_ENDPOINT_URL")
        or f"https://{os.environ['AWS_STORAGE_BUCKET_NAME']}.s3.amazonaws.com"
    )

STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

WAGTAIL_SITE_NAME = os.environ.get("WAGTAIL_SITE_NAME", "Cancer Center News")
# The site's public address (scheme and host): every absolute link it gives out (sitemap,
# feeds, API, canonical links, structured data, notification emails) starts with it, whatever
# Host header a request carries (core.public_url). Wagtail reads it for emails and the API.
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
# Development (and the tests standing for it): links use the address each request came to
# instead. Never in production, where the Host header is whatever the sender wrote.
PUBLIC_URL_FROM_REQUEST = False
WAGTAILAPI_LIMIT_MAX = 50
# No avatars from Gravatar: staff email hashes stay here, and the admin loads nothing off-site.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Search cannot take the site down (news.search_limits, news.search_terms): each address may
# search SEARCH_RATE_LIMIT times a SEARCH_RATE_WINDOW_SECONDS (0: no limit), counted in the cache;
# one search's database work is stopped after SEARCH_TIMEOUT_MS; at most SEARCH_NEW_TERMS_PER_DAY
# new search terms a day are recorded for editors, and counts are kept WAGTAILSEARCH_HITS_MAX_AGE
# days.
SEARCH_RATE_LIMIT = int(os.environ.get("SEARCH_RATE_LIMIT", "60"))
SEARCH_RATE_WINDOW_SECONDS = int(os.environ.get("SEARCH_RATE_WINDOW_SECONDS", "60"))
# SQLite's search reads every match to sort it by date (seconds at 10,000 stories on a busy
# machine); there the limit only stops the pathological. PostgreSQL's takes milliseconds.
_SQLITE = DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
SEARCH_TIMEOUT_MS = int(os.environ.get("SEARCH_TIMEOUT_MS", "10000" if _SQLITE else "2000"))
# Searches running the database at once, site-wide (counted in the shared cache).
SEARCH_CONCURRENCY = int(os.environ.get("SEARCH_CONCURRENCY", "1"))
SEARCH_NEW_TERMS_PER_DAY = int(os.environ.get("SEARCH_NEW_TERMS_PER_DAY", "100"))
WAGTAILSEARCH_HITS_MAX_AGE = int(os.environ.get("WAGTAILSEARCH_HITS_MAX_AGE", "30"))
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILIMAGES_EXTENSIONS = [
    "gif",
    "jpg",
    "jpeg",
    "png",
    "webp",
    "avif",
]  # no SVG: it can hold script
# Upload limits: a 10 MB file and 60 megapixels cover any camera; more is a mistake or a
# decompression bomb. security.uploads also checks that images decode and documents are what
# their extension says.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 60_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "security.uploads.ImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "security.uploads.DocumentForm"
DOCUMENT_MAX_UPLOAD_SIZE = 25 * 1024 * 1024
# Media can be embedded from these providers only; the public pages' CSP frames no others.
WAGTAILEMBEDS_FINDERS = [
    {
        "class": "wagtail.embeds.finders.oembed",
        "providers": [oembed_providers.youtube, oembed_providers.vimeo],
    }
]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "news@example.org")
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
# How often `manage.py run_scheduler` looks for stories due to go live or expire.
SCHEDULER_INTERVAL_SECONDS = int(os.environ.get("SCHEDULER_INTERVAL_SECONDS", "15"))
TAGGIT_CASE_INSENSITIVE = True

# Accounts for trying the site locally. Only development settings turn this on.
DEMO_ACCOUNTS_ENABLED = False

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "news@example.org")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    # To stdout, where gunicorn, systemd and container platforms collect it.
    "filters": {
        "search_refusals": {
            "()": "django.utils.log.CallbackFilter",
            "callback": "ext://news.search_limits.refusals_not_logged",
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "plain",
            "filters": ["search_refusals"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # What the scheduler published and took down is always logged.
    "loggers": {"editorial.scheduler": {"level": "INFO"}},
}


def require_secret_key():
    if not SECRET_KEY:
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY in the environment.")
