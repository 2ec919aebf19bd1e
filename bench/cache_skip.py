"""Can a reader skip the page cache? The cached story against the same story asked for with a
random tracking parameter, a random parameter the story does not read, or a made-up cookie.

Starts gunicorn (2 sync workers, production settings) on the demo content in a throwaway
SQLite database, as bench/load.py does, and loads the story with wrk, each variant right after
the plain address so that their ratio is measured on the same machine at the same moment. A
Lua script gives every request a value of its own, as a crawler or an attacker would. The
X-Page-Cache column is what the site said to one such request after the load.

    .venv/bin/python bench/cache_skip.py [--seconds 10] [--connections 16]

Needs wrk (apt-get install wrk).
"""

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path
from types import SimpleNamespace

from run import environment, prepare, wait_for

ROOT = Path(__file__).resolve().parent.parent
PORT = 8767
IL2 = "massey-becomes-the-only-medical-provider-in-richmond-to-offer-interleukin-2-therapy"
STORY = f"/news/{IL2}/"

# name -> Lua expressions (with `token` a fresh random string) for the query and the cookie.
VARIANTS = {
    # The plain address through the same Lua script: what making requests in Lua costs wrk.
    "plain, scripted": (None, None),
    "random utm_source": ("'?utm_source=' .. token", None),
    "random unread parameter": ("'?v=' .. token", None),
    "made-up sessionid": (None, "'sessionid=' .. token"),
    "made-up messages cookie": (None, "'messages=' .. token"),
}

LUA = """
local counter = 0
local thread_seed = 0
setup = function(thread)
  thread_seed = thread_seed + 1
  thread:set("seed", thread_seed)
end
init = function(args)
  math.randomseed(os.time() * 1000 + (seed or 0))
end
request = function()
  counter = counter + 1
  local token = string.format("%08x%08x%d", math.random(0, 0x7fffffff),
                              math.random(0, 0x7fffffff), counter)
  local path = "{path}" .. ({query})
  local headers = {{}}
  {cookie}
  return wrk.format("GET", path, headers)
end
"""


def lua_script(path, query, cookie):
    return LUA.format(
        path=path,
        query=query or "''",
        cookie=f"headers['Cookie'] = {cookie}" if cookie else "",
    )


def wrk(wrk_path, url, seconds, connections, script=None):
    command = [wrk_path, "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s"]
    command += ["--latency", *(["-s", script] if script else []), url]
    output = subprocess.run(  # noqa: S603 - wrk against our own server
        command, capture_output=True, text=True, check=True
    ).stdout
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if not re.search(r"(\d+) requests in", output) or " 0 requests in" in output:
        sys.exit(f"wrk got no answers from {url}:\n{output}")
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": re.search(r"^\s*50%\s+(\S+)", output, re.M).group(1),
        "p99": re.search(r"^\s*99%\s+(\S+)", output, re.M).group(1),
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
    }


def cache_says(url, cookie=None):
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310 - loopback
        response.read()
        return response.headers.get("X-Page-Cache", "-")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--port", type=int, default=PORT)
    args = parser.parse_args()
    wrk_path = shutil.which("wrk")
    if not wrk_path:
        sys.exit("wrk is not installed: apt-get install wrk")

    workdir = Path(tempfile.mkdtemp(prefix="cache-skip-"))
    env = environment(SimpleNamespace(database_url="", port=args.port, redis_url=""), workdir)
    prepare(SimpleNamespace(count=0), env)
    server = subprocess.Popen(  # noqa: S603 - gunicorn serving this project
        [sys.executable, "-m", "gunicorn", "cms.wsgi", "-b", f"127.0.0.1:{args.port}", "-w", "2"]
        + ["--config", "python:tests.quality.gunicorn_defaults"],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{args.port}"
    rows = []
    try:
        wait_for(base + "/robots.txt")
        if server.poll() is not None:
            sys.exit(f"gunicorn did not start: is port {args.port} taken? (--port)")
        cache_says(base + STORY)  # the first render makes the renditions: slow, and once
        wrk(wrk_path, base + STORY, 3, 4)  # warm up: imports, the cache in each worker
        for name, (query, cookie) in VARIANTS.items():
            plain = wrk(wrk_path, base + STORY, args.seconds, args.connections)
            script = workdir / "variant.lua"
            script.write_text(lua_script(STORY, query, cookie))
            result = wrk(wrk_path, base + STORY, args.seconds, args.connections, str(script))
            sample_query = "?utm_source=sample" if "utm" in name else "?v=sample" if query else ""
            sample_cookie = cookie and cookie.split("=")[0].strip("'") + "=made-up-value-1234"
            result["cache"] = cache_says(base + STORY + sample_query, sample_cookie)
            rows.append((name, plain, result))
    finally:
        server.terminate()
        server.wait(timeout=20)
        shutil.rmtree(workdir, ignore_errors=True)

    print(
        f"story {STORY[:40]}…; wrk -t2 -c{args.connections} -d{args.seconds}s; "
        "gunicorn 2 sync workers, production settings, SQLite, local-memory cache"
    )
    print(
        f"{'variant':26} {'plain req/s':>11} {'req/s':>9} {'ratio':>7} {'p50':>9} {'p99':>9} "
        f"{'non-2xx':>8}  X-Page-Cache"
    )
    for name, plain, result in rows:
        print(
            f"{name:26} {plain['rps']:>11.0f} {result['rps']:>9.0f} "
            f"{result['rps'] / plain['rps']:>7.3f} {result['p50']:>9} {result['p99']:>9} "
            f"{result['non_2xx']:>8}  {result['cache']}"
        )
    print("(ratio: the variant's req/s over the plain address's, measured just before it)")


if __name__ == "__main__":
    main()
