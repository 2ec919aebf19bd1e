"""gunicorn settings, all from the environment: `gunicorn cms.wsgi -c gunicorn.conf.py`.

Several instances of this behind a load balancer share nothing but PostgreSQL, Redis and the
media bucket, so any of them can answer any request.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
# Django renders synchronously: a worker per core, plus one to cover a worker waiting on I/O.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# A request slower than this is killed and logged rather than holding a worker forever.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
# Longer than the load balancer's idle timeout, so it never reuses a socket gunicorn closed.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "75"))
# Workers are not recycled unless asked to: bench/load.py found no memory growth over 380,000
# requests, and each recycle costs a worker's start-up and its in-process cache. Recycling every
# 2,000 requests halved the cached pages' throughput (docs/performance.md). Set a number if a
# leak ever appears.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "0"))
# The proxy in front sets X-Forwarded-Proto; trust it from these addresses.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Access log to stdout, beside the application's own; GUNICORN_ACCESS_LOG= (empty) turns it off.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
