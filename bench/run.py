"""The site under load: each page against a static file served by the same server in one run.

Sets up a database (SQLite in a temporary directory, or the PostgreSQL database you name),
loads the demo content and seeds stories up to ``--count``, collects static files into a
temporary directory, then for each cache mode starts gunicorn with the production settings
(DEBUG off) and measures every page with wrk (or, where wrk is missing, a bounded Python
loader). The page cache is switched with ``PAGE_CACHE``: ``off`` for the uncached run, left on
for the cached one.

SQL queries per request are counted before the load, with Django's test client against the
same database and settings, on a second view (the first makes image renditions).

    .venv/bin/python bench/run.py                         # SQLite, 1,000 stories
    .venv/bin/python bench/run.py --count 100000 \\
        --database-url postgres://app:app@127.0.0.1:5432/bench

The machines are shared and noisy: compare the ratios to the static file, not the numbers.
"""

import argparse
import json
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IL2 = "massey-becomes-the-only-medical-provider-in-richmond-to-offer-interleukin-2-therapy"
HOST = "127.0.0.1"

# (label, path); "{last}" is the news index's last page, found once the stories are in.
PAGES = [
    ("article", f"/news/{IL2}/"),
    ("article, text-only", f"/text/news/{IL2}/"),
    ("news index, first page", "/news/"),
    ("news index, last page", "/news/?page={last}"),
    ("category", "/news/category/clinical-news/"),
    ("search", "/search/?q=immunotherapy"),
    ("sitemap", "/sitemap.xml"),
    ("feed (RSS)", "/feeds/rss/"),
]
MODES = {"uncached": "off", "cached": "on"}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="stories in the database")
    parser.add_argument(
        "--database-url",
        default="",
        help="PostgreSQL to use (it is migrated and seeded); empty for SQLite in a temp dir",
    )
    parser.add_argument("--redis-url", default="", help="shared cache, e.g. redis://…/3")
    parser.add_argument("--modes", default="uncached,cached", help="uncached, cached or both")
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--alone", type=int, default=20, help="requests timed one at a time, in-process, per page"
    )
    parser.add_argument("--only", default="", help="measure only pages whose label has this")
    parser.add_argument("--loader", choices=["auto", "wrk", "python"], default="auto")
    parser.add_argument("--json", help="also write the results to this file")
    return parser.parse_args()


def environment(args, workdir):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": f"{HOST},localhost,testserver",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_DEBUG": "false",
        "DJANGO_STATIC_ROOT": str(workdir / "static"),
        # Without --redis-url, the cache is a folder of this run's own (not `make run`'s).
        "CACHE_DIR": str(workdir / "cache"),
        "DATABASE_URL": args.database_url or f"sqlite:///{workdir}/bench.sqlite3",
        "DATABASE_CONN_MAX_AGE": "60",  # as production runs it (.env.example)
        "WAGTAILADMIN_BASE_URL": f"http://{HOST}:{args.port}",
        "LOG_LEVEL": "WARNING",
        "GUNICORN_ACCESS_LOG": "",  # a line per request would drown the table
    }
    if not args.database_url:
        # A throwaway database gets throwaway uploads; a database you keep keeps its pictures
        # where manage.py puts them (media/), or its next run would find them gone.
        env["DJANGO_MEDIA_ROOT"] = str(workdir / "media")
    env.pop("REDIS_URL", None)
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
        env["CACHE_KEY_PREFIX"] = f"bench-{secrets.token_hex(4)}"
    return env


def manage(env, *command, quiet=True):
    subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *command],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


# Run inside Django (same settings and database as the server): stories present, the last
# page number, and for each path its status, bytes and queries on a second view.
PROBE = textwrap.dedent(
    """
    import json, statistics, sys, time
    import django
    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from news.models import NewsArticlePage, NewsIndexPage
    if sys.argv[1] == "count":
        articles = NewsArticlePage.objects
        print(json.dumps([articles.count(), articles.visible().count()]))
        raise SystemExit
    paths = json.loads(sys.argv[2])
    client = Client(HTTP_HOST="127.0.0.1")
    result = {}
    for path in paths:
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        count = len(queries)  # now: each request started empties Django's query log
        alone = []
        for _ in range(int(sys.argv[3])):
            started = time.perf_counter()
            client.get(path)
            alone.append((time.perf_counter() - started) * 1000)
        result[path] = {
            "status": response.status_code,
            "queries": count,
            "alone_ms": statistics.median(alone),
        }
    print(json.dumps(result))
    """
)


def probe(env, *args):
    out = subprocess.run(  # noqa: S603 - our own probe script
        [sys.executable, "-c", PROBE, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if out.returncode:
        raise SystemExit(f"Probing the pages failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def prepare(args, env):
    step("migrate, demo content, stories")
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo_content", "--no-accounts")
    have, _ = probe(env, "count")
    if have < args.count:
        manage(env, "seed_articles", "--count", str(args.count - have), quiet=False)
    manage(env, "collectstatic", "--noinput")
    return probe(env, "count")[0]


def step(message):
    print(f"== {message}", flush=True)


def fetch(url):
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - our own server
        body = response.read()
        status = response.status
    return status, len(body), time.perf_counter() - started, body


def wait_for(url, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            fetch(url)
            return
        except (OSError, urllib.error.URLError):
            time.sleep(0.2)
    raise SystemExit(f"The server did not answer at {url}")


def static_reference(static_root, size):
    """The collected CSS or JS file closest in size to a page of ``size`` bytes."""
    files = [
        path
        for path in Path(static_root).rglob("*")
        if path.suffix in {".css", ".js"} and path.is_file() and not path.name.count(".") > 2
    ]
    best = min(files, key=lambda path: abs(path.stat().st_size - size))
    return "/static/" + best.relative_to(static_root).as_posix()


def wrk(url, args):
    out = subprocess.run(  # noqa: S603 - wrk from the system
        [
            shutil.which("wrk"),
            f"-t{args.threads}",
            f"-c{args.connections}",
            f"-d{args.duration}s",
            "--timeout",
            "5s",
            "--latency",
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latency = {
        pct: _ms(value, unit)
        for pct, value, unit in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
    }
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, latency["50"], latency["99"], int(errors.group(1)) if errors else 0


def _ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def python_loader(url, args):
    """A bounded stand-in for wrk: at most ``duration`` seconds and 20,000 requests."""
    deadline = time.monotonic() + args.duration
    timings, errors = [], 0

    def worker(_):
        nonlocal errors
        mine = []
        while time.monotonic() < deadline and len(timings) + len(mine) < 20_000:
            status, _, seconds, _ = fetch(url)
            errors += status != 200
            mine.append(seconds)
        return mine

    started = time.monotonic()
    with ThreadPoolExecutor(args.connections) as pool:
        for mine in pool.map(worker, range(args.connections)):
            timings.extend(mine)
    elapsed = time.monotonic() - started
    timings.sort()
    p99 = timings[min(len(timings) - 1, int(len(timings) * 0.99))]
    return len(timings) / elapsed, statistics.median(timings) * 1000, p99 * 1000, errors


def run_mode(mode, args, env, paths, static_root):
    env = {**env, "PAGE_CACHE": MODES[mode]}
    queries = probe(env, "queries", json.dumps([path for _, path in paths]), str(args.alone))
    server = subprocess.Popen(  # noqa: S603 - gunicorn from the venv
        [
            sys.executable,
            "-m",
            "gunicorn",
            "cms.wsgi",
            "--config",
            "gunicorn.conf.py",  # as production runs it; the flags below take precedence
            "--bind",
            f"{HOST}:{args.port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://{HOST}:{args.port}"
    rows, statics = [], []
    try:
        wait_for(base + "/robots.txt")
        sizes = {path: fetch(base + path)[1] for _, path in paths}
        static = static_reference(static_root, sizes[paths[0][1]])
        sizes[static] = fetch(base + static)[1]
        measure = wrk if args.loader == "wrk" else python_loader
        # Shared machines drift: each page is timed right after the static file, and compared
        # with that measurement rather than one taken minutes earlier.
        for label, path in paths:
            fetch(base + path)  # warm: renditions, caches
            static_rps, static_p50, static_p99, _ = measure(base + static, args)
            rps, p50, p99, errors = measure(base + path, args)
            rows.append(
                {
                    "mode": mode,
                    "label": label,
                    "path": path,
                    "rps": rps,
                    "p50_ms": p50,
                    "p99_ms": p99,
                    "bytes": sizes[path],
                    "queries": queries.get(path, {}).get("queries", 0),
                    "alone_ms": queries.get(path, {}).get("alone_ms", 0),
                    "status": queries.get(path, {}).get("status", 200),
                    "errors": errors,
                    "static_rps": static_rps,
                    "ratio": rps / static_rps,
                }
            )
            statics.append((static_rps, static_p50, static_p99))
            print(f"   {label:<26} {rps:9.1f} req/s   static {static_rps:9.1f} req/s", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=15)
    reference = {
        "mode": mode,
        "label": "static file (reference)",
        "path": static,
        "rps": statistics.mean(rps for rps, _, _ in statics),
        "p50_ms": statistics.median(p50 for _, p50, _ in statics),
        "p99_ms": statistics.median(p99 for _, _, p99 in statics),
        "bytes": sizes[static],
        "queries": 0,
        "alone_ms": 0,
        "status": 200,
        "errors": 0,
        "ratio": 1.0,
    }
    return [reference, *rows]


def print_table(rows):
    header = (
        f"{'mode':<9} {'page':<26} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'bytes':>8} {'SQL':>4} {'alone ms':>8} {'x static':>9}  path"
    )
    print(header)
    print("-" * len(header))
    print("(x static: req/s against the static file timed just before the page; the static")
    print(" row shows the mean of those timings; alone ms: median of requests made one at a")
    print(" time through Django's test client, before the load, without queueing)")
    for row in rows:
        flag = "" if not row["errors"] else f"  ({row['errors']} errors)"
        print(
            f"{row['mode']:<9} {row['label']:<26} {row['rps']:9.1f} {row['p50_ms']:8.1f} "
            f"{row['p99_ms']:8.1f} {row['bytes']:8,d} {row['queries']:4d} {row['alone_ms']:8.1f} "
            f"{row['ratio']:9.3f}"
            f"  {row['path']}{flag}"
        )


def main():
    args = parse_args()
    if args.loader == "auto":
        args.loader = "wrk" if shutil.which("wrk") else "python"
    workdir = Path(tempfile.mkdtemp(prefix="bench-"))
    env = environment(args, workdir)
    try:
        stories = prepare(args, env)
        load_before = os.getloadavg()[0]
        step(f"{stories:,} stories; load with {args.loader}, {args.duration}s a page")
        # The last page's number, from the site itself, once: it is the same in both modes.
        paths = [(label, path) for label, path in PAGES if args.only in label]
        rows = []
        for mode in [m.strip() for m in args.modes.split(",") if m.strip()]:
            step(f"{mode} (PAGE_CACHE={MODES[mode]})")
            if any("{last}" in path for _, path in paths):
                last = last_page_from_probe(env)
                paths = [(label, path.format(last=last)) for label, path in paths]
            rows += run_mode(mode, args, env, paths, workdir / "static")
        print()
        print(
            f"{stories:,} stories, {database_name(env)}, {args.workers} gunicorn workers, ", end=""
        )
        load = f"-t{args.threads} -c{args.connections} -d{args.duration}s"
        print(f"{args.loader} {load}, {os.cpu_count()} cores, ", end="")
        print(f"load average {load_before:.1f} before and {os.getloadavg()[0]:.1f} after")
        print_table(rows)
        if args.json:
            Path(args.json).write_text(json.dumps({"stories": stories, "rows": rows}, indent=2))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def last_page_from_probe(env):
    per_page = 12  # NewsIndexPage.articles_per_page
    return max(1, -(-probe(env, "count")[1] // per_page))


def database_name(env):
    url = env["DATABASE_URL"]
    return "PostgreSQL" if url.startswith("postgres") else "SQLite"


if __name__ == "__main__":
    main()
