"""A cached story's latency while slow clients hold connections, per gunicorn worker class.

Slow clients (``--slow``, 6) each open a connection and send a request's headers one line at a
time, one line every ``--trickle`` seconds, never finishing, as a reader on a bad link (or an
attacker) does. A sync worker reads one request at a time, so each slow client holds a whole
worker until gunicorn's timeout kills it; a gthread worker gives each one a thread and serves
others on the rest. Meanwhile one reader asks for a cached story, one request after another,
for ``--seconds``. Searches (``--searches`` clients, each searching for something new, one
search after another) are the other thing that holds a worker for long.

Each scenario is run on a fresh server for each worker class, with the same number of workers
(``WEB_CONCURRENCY``), through gunicorn.conf.py as deployed. The site is the one bench/run.py
builds: production settings, the demo content, SQLite in a temporary directory (or
``--database-url``). With ``--nginx`` (Debian's nginx installed), the sync workers are also
measured behind nginx configured as deploy/nginx.conf (bench/proxy.py), which reads a whole
request before it passes it on.

    .venv/bin/python bench/slow_clients.py
    .venv/bin/python bench/slow_clients.py --slow 12 --searches 8 --nginx

The machine is shared and noisy: read the ratios, which compare runs made minutes apart.
"""

import argparse
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent))
from proxy import Nginx  # noqa: E402
from run import HOST, IL2, ROOT, environment, prepare, step, wait_for  # noqa: E402

STORY = f"/news/{IL2}/"
WORDS = [
    "cancer",
    "clinic",
    "trial",
    "therapy",
    "screening",
    "nurse",
    "research",
    "patients",
    "immunotherapy",
    "radiation",
    "survivorship",
    "grant",
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=3, help="WEB_CONCURRENCY for every class")
    parser.add_argument("--threads", type=int, default=4, help="threads per gthread worker")
    parser.add_argument("--slow", type=int, default=6, help="slow clients")
    parser.add_argument("--trickle", type=float, default=2.0, help="seconds between their lines")
    parser.add_argument("--searches", type=int, default=4, help="clients searching (0: none)")
    parser.add_argument("--seconds", type=float, default=20, help="length of each scenario")
    parser.add_argument(
        "--patience", type=float, default=5, help="seconds the reader waits for the story"
    )
    parser.add_argument("--count", type=int, default=300, help="stories in the database")
    parser.add_argument("--database-url", default="")
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--nginx", action="store_true", help="also measure sync behind nginx")
    return parser.parse_args()


class Server:
    """gunicorn as deployed (gunicorn.conf.py), with the worker class and threads given."""

    def __init__(self, env, port, worker_class, threads, extra_args=""):
        self.url = f"http://{HOST}:{port}"
        self.process = subprocess.Popen(  # noqa: S603 - gunicorn serving this project
            [sys.executable, "-m", "gunicorn", "cms.wsgi", "-c", "gunicorn.conf.py"],
            cwd=ROOT,
            env={
                **env,
                "GUNICORN_BIND": f"{HOST}:{port}",
                "GUNICORN_WORKER_CLASS": worker_class,
                "GUNICORN_THREADS": str(threads),
                "GUNICORN_LOG_LEVEL": "warning",
                # Settings gunicorn.conf.py does not read from the environment, for trying them.
                "GUNICORN_CMD_ARGS": extra_args,
            },
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(self.url + STORY, 60)
        for _ in range(3):  # stored, then served from the cache
            wait_for(self.url + STORY)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=60)


class SlowClient(threading.Thread):
    """Sends headers a line at a time and never ends them; reconnects when dropped."""

    def __init__(self, url, trickle, stop):
        super().__init__(daemon=True)
        self.address = url.removeprefix("http://").split(":")
        self.trickle, self.stop, self.dropped = trickle, stop, 0

    def run(self):
        while not self.stop.is_set():
            try:
                with socket.create_connection((self.address[0], int(self.address[1]))) as conn:
                    conn.sendall(f"GET /news/ HTTP/1.1\r\nHost: {HOST}\r\n".encode())
                    line = 0
                    while not self.stop.wait(self.trickle):
                        line += 1
                        conn.sendall(f"X-Slow-{line}: still typing\r\n".encode())
            except OSError:
                self.dropped += 1
                time.sleep(0.1)


def searcher(url, stop, results):
    chooser = random.Random()  # noqa: S311 - search words, not secrets
    while not stop.is_set():
        query = "+".join(chooser.sample(WORDS, 2)) + f"+{chooser.randrange(10**6)}"
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(f"{url}/search/?q={query}", timeout=30) as response:  # noqa: S310
                response.read()
                results.append((response.status, time.perf_counter() - started))
        except urllib.error.HTTPError as error:
            results.append((error.code, time.perf_counter() - started))
        except OSError:
            results.append(("timeout", time.perf_counter() - started))


def reader(url, seconds, patience):
    """Latencies of the cached story, one request after another; a timeout counts as
    ``patience`` (the least it would have taken)."""
    latencies, timeouts = [], 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(url + STORY, timeout=patience) as response:  # noqa: S310
                response.read()
            latencies.append(time.perf_counter() - started)
        except OSError:
            timeouts += 1
            latencies.append(patience)
    return latencies, timeouts


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def measure(url, args, slow, searches):
    stop = threading.Event()
    clients = [SlowClient(url, args.trickle, stop) for _ in range(slow)]
    search_results = []
    searchers = [
        threading.Thread(target=searcher, args=(url, stop, search_results), daemon=True)
        for _ in range(searches)
    ]
    for thread in clients + searchers:
        thread.start()
    time.sleep(min(2.0, args.trickle))  # the slow clients have taken their workers
    latencies, timeouts = reader(url, args.seconds, args.patience)
    stop.set()
    for thread in searchers:
        thread.join(timeout=35)
    search_codes = {}
    for status, _seconds in search_results:
        search_codes[status] = search_codes.get(status, 0) + 1
    return {
        "requests": len(latencies),
        "p50": statistics.median(latencies),
        "p99": percentile(latencies, 0.99),
        "max": max(latencies),
        "timeouts": timeouts,
        "searches": search_codes,
        "search_p99": percentile([s for _, s in search_results], 0.99) if search_results else 0,
    }


def main():
    args = parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="bench-slow-"))
    env = environment(
        SimpleNamespace(database_url=args.database_url, port=args.port, redis_url=""), workdir
    )
    env["WEB_CONCURRENCY"] = str(args.workers)
    prepare(SimpleNamespace(count=args.count), env)
    scenarios = [("quiet", 0, 0), (f"{args.slow} slow clients", args.slow, 0)]
    if args.searches:
        scenarios.append((f"{args.searches} searching", 0, args.searches))
        scenarios.append(
            (f"{args.slow} slow + {args.searches} searching", args.slow, args.searches)
        )
    threads = args.threads
    # (label, worker class, threads, behind nginx, other gunicorn arguments)
    setups = [
        ("sync", "sync", 1, False, ""),
        # gthread as gunicorn.conf.py sets it up: a worker whose threads are all taken stops
        # accepting (worker_connections = threads), so the kernel gives a new connection to
        # another worker rather than queueing it behind a slow client.
        (f"gthread ×{threads}", "gthread", threads, False, ""),
        # gunicorn's own default: a busy worker still accepts, and the reader may wait there.
        (f"gthread ×{threads}, conns=1000", "gthread", threads, False, "--worker-connections 1000"),
    ]
    if args.nginx:
        setups.append(("sync behind nginx", "sync", 1, True, ""))
        setups.append((f"gthread ×{threads} behind nginx", "gthread", threads, True, ""))
    results = {}
    for label, worker_class, threads, proxied, extra_args in setups:
        for scenario, slow, searches in scenarios:
            step(f"{label}: {scenario}")
            server = Server(env, args.port, worker_class, threads, extra_args)
            front = Nginx(workdir, args.port + 1, server.url) if proxied else None
            if front:
                wait_for(front.url + STORY)
            try:
                results[label, scenario] = measure((front or server).url, args, slow, searches)
            finally:
                if front:
                    front.stop()
                server.stop()
            print_row(label, scenario, results[label, scenario])
    print_summary(args, setups, scenarios, results)
    shutil.rmtree(workdir, ignore_errors=True)


def ms(seconds):
    return f"{seconds * 1000:,.0f} ms" if seconds >= 0.1 else f"{seconds * 1000:.1f} ms"


def print_row(label, scenario, r):
    searches = ", ".join(f"{k}: {v}" for k, v in sorted(r["searches"].items(), key=str))
    print(
        f"   {label:<30} {scenario:<26} story p50 {ms(r['p50']):>9}  p99 {ms(r['p99']):>9}  "
        f"max {ms(r['max']):>9}  {r['requests']:>6} requests, {r['timeouts']} timed out"
        + (f"  | searches {searches}, p99 {ms(r['search_p99'])}" if searches else ""),
        flush=True,
    )


def print_summary(args, setups, scenarios, results):
    print()
    print(
        f"Cached story, {args.workers} workers each, {args.seconds:g} s per scenario, reader waits "
        f"{args.patience:g} s (a timeout counts as {args.patience:g} s)"
    )
    for label, *_ in setups:
        for scenario, *_ in scenarios:
            print_row(label, scenario, results[label, scenario])
    base = setups[0][0]
    print()
    print(f"p99 of {base} over p99 of each other setup (above 1: the other serves better):")
    for label, *_ in setups[1:]:
        for scenario, *_ in scenarios:
            ratio = results[base, scenario]["p99"] / results[label, scenario]["p99"]
            print(f"   {label:<30} {scenario:<26} {ratio:8.1f}×")
    print()
    print("p99 under load over p99 quiet, per setup (1: unaffected):")
    for label, *_ in setups:
        quiet = results[label, scenarios[0][0]]["p99"]
        for scenario, *_ in scenarios[1:]:
            print(f"   {label:<30} {scenario:<26} {results[label, scenario]['p99'] / quiet:8.1f}×")


if __name__ == "__main__":
    main()
