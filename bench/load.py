"""Sustained load: wrk for 60 s at 64 connections against the article and the news index.

Starts gunicorn (2 workers, production settings) on the demo content in a throwaway SQLite
database, warms it up, records the workers' memory, runs the load, and records it again. It
passes when wrk saw no non-2xx responses and no socket errors, and each worker's memory grew by
less than 10%. Results go in docs/reliability.md.

    .venv/bin/python bench/load.py [--seconds 60] [--connections 64] [--uncached]

Needs wrk (apt-get install wrk).
"""

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace

from run import environment, prepare, wait_for

ROOT = Path(__file__).resolve().parent.parent
PORT = 8766
IL2 = "massey-becomes-the-only-medical-provider-in-richmond-to-offer-interleukin-2-therapy"
TARGETS = {"article": f"/news/{IL2}/", "news index": "/news/"}
MAX_GROWTH = 0.10


def worker_memory_kib(master_pid):
    """Resident memory of each gunicorn worker, from /proc."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    memory = {}
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        memory[int(pid)] = int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1))
    return memory


def wrk(wrk_path, url, seconds, connections):
    output = subprocess.run(  # noqa: S603 - wrk against our own server
        [wrk_path, "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return {
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": re.search(r"^\s*50%\s+(\S+)", output, re.M).group(1),
        "p99": re.search(r"^\s*99%\s+(\S+)", output, re.M).group(1),
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": sum(map(int, socket_errors.groups())) if socket_errors else 0,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--uncached", action="store_true", help="run with PAGE_CACHE=off")
    args = parser.parse_args()
    wrk_path = shutil.which("wrk")
    if not wrk_path:
        sys.exit("wrk is not installed: apt-get install wrk")

    # The same site as make bench builds (bench/run.py): production settings, demo content.
    workdir = Path(tempfile.mkdtemp(prefix="load-"))
    env = environment(SimpleNamespace(database_url="", port=PORT, redis_url=""), workdir)
    env["PAGE_CACHE"] = "off" if args.uncached else "on"
    prepare(SimpleNamespace(count=0), env)
    server = subprocess.Popen(  # noqa: S603 - gunicorn serving this project
        [sys.executable, "-m", "gunicorn", "cms.wsgi", "-b", f"127.0.0.1:{PORT}", "-w", "2"]
        + ["--config", "python:tests.quality.gunicorn_defaults"],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{PORT}"
    try:
        wait_for(base + "/robots.txt")
        for path in TARGETS.values():  # warm up: imports, renditions, caches
            wrk(wrk_path, base + path, 5, 8)
        before = worker_memory_kib(server.pid)
        print(
            f"cache {'off' if args.uncached else 'on'}; {args.connections} connections, "
            f"{args.seconds} s each; gunicorn 2 sync workers, production settings, SQLite"
        )
        print(
            f"{'page':12} {'requests':>9} {'req/s':>8} {'p50':>9} {'p99':>9} "
            f"{'non-2xx':>8} {'sock err':>8}"
        )
        results = {}
        for name, path in TARGETS.items():
            result = results[name] = wrk(wrk_path, base + path, args.seconds, args.connections)
            print(
                f"{name:12} {result['requests']:>9} {result['rps']:>8.0f} {result['p50']:>9} "
                f"{result['p99']:>9} {result['non_2xx']:>8} {result['socket_errors']:>8}"
            )
        after = worker_memory_kib(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=20)

    print(
        "worker memory (MiB): "
        + ", ".join(f"{before[pid] / 1024:.1f} -> {after.get(pid, 0) / 1024:.1f}" for pid in before)
    )
    growth = max((after.get(pid, 0) - rss) / rss for pid, rss in before.items())
    failures = sum(r["non_2xx"] + r["socket_errors"] for r in results.values())
    restarted = set(before) != set(after)
    print(f"largest growth {growth:.1%}; errors {failures}; workers restarted: {restarted}")
    ok = failures == 0 and growth < MAX_GROWTH and not restarted
    print("PASS" if ok else "FAIL")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
