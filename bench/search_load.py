"""Search under attack while a reader reads a cached story.

Builds the site as bench/run.py does (production settings, demo content plus seeded stories,
SQLite in a temporary directory unless --database-url names a PostgreSQL), starts gunicorn
with the project's gunicorn.conf.py, and for each phase runs wrk with 64 connections for 60 s
on searches of varied words, pages and categories, while one more client reads a cached story
one request at a time. Phases:

- one: every search from one address, as a single careless or hostile client sends them;
- many: searches spread over --addresses client addresses (one trusted proxy in front, which
  writes X-Forwarded-For), as a crowd would, so the rate limit does not hold them back.

With --nginx, wrk and the reader go through nginx configured as deploy/nginx.conf (the
production section of the README), which passes the app at most a few searches at once.

It prints, per phase, the story's p50/p99 against its p50/p99 with no load (same run), and
search requests, responses by status, timeouts and socket errors. Goals: the story's p99 at
most 50 ms, and no search timed out.

    .venv/bin/python bench/search_load.py [--seconds 60] [--connections 64]
        [--worker-class sync|gthread] [--threads 1] [--workers N] [--count 1000]
        [--phases one,many] [--database-url postgres://…] [--redis-url redis://…] [--nginx]

Needs wrk (apt-get install wrk). The machine may be shared: read the ratios, not the numbers.
"""

import argparse
import http.client
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from types import SimpleNamespace

from proxy import Nginx
from run import IL2, environment, prepare, wait_for

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
STORY = f"/news/{IL2}/"
STORY_P99_GOAL_MS = 50
WORDS = [
    "cancer",
    "melanoma",
    "trial",
    "screening",
    "immunotherapy",
    "radiation",
    "lung",
    "breast",
    "clinic",
    "research",
    "patients",
    "survivors",
    "nurse",
    "vaccine",
    "surgery",
    "genetics",
    "prostate",
    "leukemia",
    "children",
    "grant",
]

# Searches of one or two words, sometimes a second page or a category; each from an address
# of the pool when there is one. Statuses are counted per thread and summed at the end.
LUA = """
local words = {%(words)s}
local categories = {"", "", "", "&category=clinical-news", "&category=research"}
local addresses = %(addresses)d
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) statuses = {} end
function request()
  local q = words[math.random(#words)]
  if math.random() < 0.6 then q = q .. "+" .. words[math.random(#words)] end
  local path = "/search/?q=" .. q .. categories[math.random(#categories)]
  if math.random() < 0.2 then path = path .. "&page=2" end
  local headers = {}
  if addresses > 0 then
    local n = math.random(addresses)
    headers["X-Forwarded-For"] = "10." .. math.floor(n / 65536) %% 256 .. "."
      .. math.floor(n / 256) %% 256 .. "." .. n %% 256
  end
  return wrk.format("GET", path, headers)
end
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do total[status] = (total[status] or 0) + n end
  end
  local parts = {}
  for status, n in pairs(total) do table.insert(parts, '"' .. status .. '": ' .. n) end
  io.write("STATUSES {" .. table.concat(parts, ", ") .. "}\\n")
end
"""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--worker-class", default="sync", help="gunicorn worker class")
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads per worker")
    parser.add_argument(
        "--workers", type=int, default=0, help="gunicorn workers (default: gunicorn.conf.py's)"
    )
    parser.add_argument("--count", type=int, default=1000, help="stories in the database")
    parser.add_argument("--phases", default="one,many", help="one, many or both")
    parser.add_argument("--addresses", type=int, default=5000, help="client addresses in 'many'")
    parser.add_argument("--database-url", default="")
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("REDIS_URL", ""),
        help="shared cache, as production runs (default: $REDIS_URL; empty for per process)",
    )
    parser.add_argument("--port", type=int, default=8767)
    parser.add_argument("--nginx", action="store_true", help="through deploy/nginx.conf")
    return parser.parse_args()


def wrk(wrk_path, url, args, addresses, workdir):
    script = workdir / f"search-{addresses}.lua"
    script.write_text(
        LUA % {"words": ", ".join(f'"{word}"' for word in WORDS), "addresses": addresses}
    )
    out = subprocess.run(  # noqa: S603 - wrk against our own server
        [wrk_path, "-t2", f"-c{args.connections}", f"-d{args.seconds}s", "--timeout", "5s"]
        + ["--latency", "-s", str(script), url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    connect, read, write, timeouts = map(int, socket.groups()) if socket else (0, 0, 0, 0)
    statuses = json.loads(re.search(r"STATUSES (\{.*\})", out).group(1))
    return {
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p99": re.search(r"^\s*99%\s+(\S+)", out, re.M).group(1),
        "statuses": dict(sorted(statuses.items())),
        "timeouts": timeouts,
        "socket_errors": connect + read + write,
    }


class StoryReader:
    """One reader fetching the cached story, one request after another, on a kept-alive
    connection, timing each."""

    def __init__(self, port):
        self.port = port
        self.timings, self.errors = [], 0
        self.stopping = threading.Event()

    def read_for(self, seconds):
        self.timings, self.errors = [], 0
        deadline = time.monotonic() + seconds
        connection = http.client.HTTPConnection(HOST, self.port, timeout=10)
        while time.monotonic() < deadline and not self.stopping.is_set():
            started = time.perf_counter()
            try:
                connection.request("GET", STORY)
                response = connection.getresponse()
                response.read()
                self.errors += response.status != 200
            except (OSError, http.client.HTTPException):
                self.errors += 1
                connection.close()
                connection = http.client.HTTPConnection(HOST, self.port, timeout=10)
                continue
            self.timings.append((time.perf_counter() - started) * 1000)
            time.sleep(0.02)  # a reader, not a second load generator
        connection.close()
        return self.summary()

    def summary(self):
        timings = sorted(self.timings)
        if not timings:
            return {"requests": 0, "p50": float("nan"), "p99": float("nan"), "errors": self.errors}
        p99 = timings[min(len(timings) - 1, int(len(timings) * 0.99))]
        return {
            "requests": len(timings),
            "p50": statistics.median(timings),
            "p99": p99,
            "errors": self.errors,
        }


def start_server(args, env):
    command = [sys.executable, "-m", "gunicorn", "cms.wsgi", "--config", "gunicorn.conf.py"]
    command += ["--bind", f"{HOST}:{args.port}", "--log-level", "warning"]
    command += ["--worker-class", args.worker_class, "--threads", str(args.threads)]
    if args.workers:
        command += ["--workers", str(args.workers)]
    return subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603 - gunicorn from the venv


def main():
    args = parse_args()
    wrk_path = shutil.which("wrk")
    if not wrk_path:
        sys.exit("wrk is not installed (apt-get install wrk): this benchmark needs it.")
    phases = [phase.strip() for phase in args.phases.split(",") if phase.strip()]
    if not phases or set(phases) - {"one", "many"}:
        sys.exit("--phases takes one, many or one,many.")
    workdir = Path(tempfile.mkdtemp(prefix="search-load-"))
    env = environment(
        SimpleNamespace(database_url=args.database_url, port=args.port, redis_url=args.redis_url),
        workdir,
    )
    # The 'many' phase's addresses arrive in X-Forwarded-For, written by one trusted proxy (wrk
    # plays it); through nginx, wrk stands for a load balancer in front of nginx: two proxies.
    env["TRUSTED_PROXY_COUNT"] = "2" if args.nginx else "1"
    try:
        stories = prepare(SimpleNamespace(count=args.count), env)
        server = start_server(args, env)
        front = Nginx(workdir, args.port + 1, f"http://{HOST}:{args.port}") if args.nginx else None
        port = args.port + 1 if front else args.port
        base = f"http://{HOST}:{port}"
        reader = StoryReader(port)
        results = []
        try:
            wait_for(base + "/robots.txt")
            # Every worker imports, compiles templates and opens its database connection before
            # anything is timed; the story is then a cached page. Search caches start empty.
            for _ in range(20):
                wait_for(base + STORY)
                wait_for(base + "/search/?q=oncology")
            for phase in phases:
                quiet = reader.read_for(10)
                loaded = {}
                thread = threading.Thread(
                    target=lambda into=loaded: into.update(reader.read_for(args.seconds + 5))
                )
                thread.start()
                search = wrk(wrk_path, base, args, 0 if phase == "one" else args.addresses, workdir)
                reader.stopping.set()
                thread.join()
                reader.stopping.clear()
                results.append((phase, quiet, loaded, search))
        finally:
            if front:
                front.stop()
            server.terminate()
            server.wait(timeout=30)
        report(args, stories, results)
        ok = all(
            loaded["p99"] <= STORY_P99_GOAL_MS and search["timeouts"] == 0 and not loaded["errors"]
            for _phase, _quiet, loaded, search in results
        )
        print("PASS" if ok else "FAIL", "(goals: story p99 <= 50 ms, no search timed out)")
        sys.exit(0 if ok else 1)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def report(args, stories, results):
    database = "PostgreSQL" if args.database_url else "SQLite"
    workers = args.workers or f"gunicorn.conf.py's ({os.cpu_count() + 1})"
    print()
    print(
        f"{stories:,} stories, {database}, cache {'Redis' if args.redis_url else 'per process'}; "
        f"gunicorn {args.worker_class}, {workers} workers x {args.threads} threads; "
        f"wrk -c{args.connections} -d{args.seconds}s on search"
        f"{' through nginx (deploy/nginx.conf)' if args.nginx else ''}; {os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    for phase, quiet, loaded, search in results:
        source = "one address" if phase == "one" else f"{args.addresses:,} addresses"
        print(f"-- searches from {source}")
        print(
            f"   cached story, alone:       p50 {quiet['p50']:7.1f} ms  p99 {quiet['p99']:7.1f} ms"
            f"  ({quiet['requests']} requests)"
        )
        print(
            f"   cached story, under load:  p50 {loaded['p50']:7.1f} ms"
            f"  p99 {loaded['p99']:7.1f} ms"
            f"  ({loaded['requests']} requests, {loaded['errors']} errors)"
        )
        ratio = loaded["p99"] / quiet["p99"] if quiet["p99"] else float("nan")
        print(f"   story p99 under load / alone: {ratio:.1f}x")
        statuses = ", ".join(f"{status}: {n}" for status, n in search["statuses"].items())
        print(
            f"   search: {search['requests']} requests ({search['rps']:.0f}/s, p99 {search['p99']})"
            f"; by status {statuses}; timeouts {search['timeouts']}, "
            f"socket errors {search['socket_errors']}"
        )


if __name__ == "__main__":
    main()
