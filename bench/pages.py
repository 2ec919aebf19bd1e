"""Page speed, as ratios to a static file served by the same server in the same run.

Loads the demo content into a throwaway SQLite database, starts gunicorn on 127.0.0.1, and
times a fixed number of requests to each page and to a static file of similar size. The
machines are shared and noisy, so compare the ratios, not the milliseconds.

    .venv/bin/python bench/pages.py [--requests 200] [--concurrency 4]
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = 8765
IL2 = "massey-becomes-the-only-medical-provider-in-richmond-to-offer-interleukin-2-therapy"
PAGES = [
    "/",
    "/news/",
    f"/news/{IL2}/",
    f"/text/news/{IL2}/",
    "/news/category/clinical-news/",
    "/search/?q=interleukin",
    "/feeds/rss/",
    "/api/v2/pages/?type=news.NewsArticlePage&fields=*",
]
STATIC = "/static/css/site.css"


def fetch(url):
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - our own server
        response.read()
        assert response.status == 200, url
    return time.perf_counter() - started


def measure(base, path, requests, concurrency):
    fetch(base + path)  # warm: renditions, caches
    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        timings = list(pool.map(lambda _: fetch(base + path), range(requests)))
    elapsed = time.perf_counter() - started
    return requests / elapsed, statistics.median(timings) * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="bench-")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DJANGO_SECRET_KEY": "bench-only-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"sqlite:///{workdir}/bench.sqlite3",
        "LOG_LEVEL": "WARNING",
    }
    manage = [sys.executable, "manage.py"]
    setup = (["migrate", "--noinput"], ["collectstatic", "--noinput"], ["load_demo_content"])
    for command in setup:
        subprocess.run([*manage, *command, "-v0"], cwd=ROOT, env=env, check=True)  # noqa: S603
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "cms.wsgi", "-b", f"127.0.0.1:{PORT}", "-w", "2"],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{PORT}"
    try:
        for _ in range(50):
            try:
                fetch(base + STATIC)
                break
            except OSError:
                time.sleep(0.2)
        static_rps, static_ms = measure(base, STATIC, args.requests, args.concurrency)
        print(f"{'path':<60} {'req/s':>8} {'median ms':>10} {'x static time':>14}")
        print(f"{STATIC:<60} {static_rps:>8.1f} {static_ms:>10.1f} {1:>14.1f}")
        for path in PAGES:
            rps, ms = measure(base, path, args.requests, args.concurrency)
            print(f"{path[:60]:<60} {rps:>8.1f} {ms:>10.1f} {ms / static_ms:>14.1f}")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
