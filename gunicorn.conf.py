"""gunicorn settings, all from the environment: `gunicorn cms.wsgi -c gunicorn.conf.py`.

Several instances of this behind a load balancer share nothing but PostgreSQL, Redis and the
media bucket, so any of them can answer any request.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
# A worker per core, plus one to cover a worker waiting on I/O.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() + 1))
# Threaded workers, each taking no more connections than it has threads: a worker whose threads
# are all busy (a long search, a client still sending its headers) stops accepting, and the next
# reader goes to a worker with a thread free. bench/slow_clients.py, 3 workers, a cached story's
# p99 (docs/performance.md): quiet, sync 5.1 ms and gthread 11.9 ms; with 4 clients searching,
# sync 626 ms and gthread 44 ms; with 6 slow clients, sync 3 of 3 requests timed out (5 s) and
# gthread 10.8 ms, none timed out. Without the connection limit gthread timed out as sync did.
# More slow clients than threads still hold every worker: the proxy in front must buffer
# requests (README, "In front of gunicorn").
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_connections = int(os.environ.get("GUNICORN_WORKER_CONNECTIONS", threads))
# A worker that stops answering for this long is killed and restarted. (A threaded worker keeps
# answering while one of its threads is stuck: slow queries are bounded by the database.)
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
# Each connection is closed after its response, as sync workers always do: an idle kept-alive
# connection would take one of a worker's few connection slots. To keep connections from the
# proxy open, set this longer than the proxy's idle timeout (so it never reuses a socket
# gunicorn closed) and raise GUNICORN_WORKER_CONNECTIONS above GUNICORN_THREADS.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "0"))
# Workers are not recycled unless asked to: bench/load.py found no memory growth over 380,000
# requests, and each recycle costs a worker's start-up. Recycling every
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
