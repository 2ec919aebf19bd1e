"""What a banner change costs readers: the first request to each of N distinct pages right after
the banner is changed, against the same requests with the cache warm, in the same run.

Sets up the site as bench/run.py does (production settings, DEBUG off, SQLite in a temporary
directory or the PostgreSQL database you name, the demo content and seeded stories), then, in
one process with Django's test client against that database and cache, for each round: warms
N pages (stories, in both views), times them warm, publishes a change to the live banner, and
times the same N requests again. The ratio of the two totals is what the change costs; the
machine is shared and noisy, so compare ratios, not milliseconds.

    .venv/bin/python bench/banner_change.py                    # this checkout
    .venv/bin/python bench/banner_change.py --root /work/main  # another checkout, to compare
"""

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import run

PROBE = r"""
import json, statistics, sys, time
import django
django.setup()
from django.test import Client
from core.models import AlertBanner
from news.models import NewsArticlePage

pages, rounds = int(sys.argv[1]), int(sys.argv[2])
stories = NewsArticlePage.objects.live().order_by("pk")[: (pages + 1) // 2]
urls = [p for story in stories for p in (story.url, "/text" + story.url)][:pages]
client = Client(HTTP_HOST="127.0.0.1")
banner = AlertBanner.objects.order_by("pk").first()


def change_banner(round_number):
    banner.message = f"For information related to COVID-19 (update {round_number}), visit"
    if hasattr(banner, "save_revision"):  # a snippet with drafts: published as editors do
        banner.save_revision().publish()
    else:
        banner.save()


def timed(round_number=None):
    outcomes, started = [], time.perf_counter()
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        if round_number is not None:
            assert f"(update {round_number})" in response.content.decode(), url
        outcomes.append(response.get("X-Page-Cache", "?"))
    return time.perf_counter() - started, outcomes


for url in urls:  # renditions, and a first stored copy of every page
    client.get(url)
results = []
for round_number in range(rounds):
    timed()
    warm, warm_outcomes = timed()
    change_banner(round_number)
    after, after_outcomes = timed(round_number)
    results.append(
        {
            "warm_s": warm,
            "after_change_s": after,
            "ratio": after / warm,
            "warm_hits": warm_outcomes.count("hit"),
            "after_change_hits": after_outcomes.count("hit"),
        }
    )
print(json.dumps({"pages": len(urls), "rounds": results}))
"""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", default=str(run.ROOT), help="the checkout to measure")
    parser.add_argument("--pages", type=int, default=50, help="distinct pages requested")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--count", type=int, default=200, help="stories in the database")
    parser.add_argument("--database-url", default="", help="PostgreSQL; empty for SQLite")
    parser.add_argument("--redis-url", default="", help="shared cache, e.g. redis://…/3")
    parser.add_argument("--port", type=int, default=8765, help="only names the admin's address")
    return parser.parse_args()


def main():
    args = parse_args()
    run.ROOT = Path(args.root).resolve()  # run.py's helpers run that checkout's manage.py
    with tempfile.TemporaryDirectory(prefix="bench-banner-") as tmp:
        workdir = Path(tmp)
        env = run.environment(args, workdir)
        run.prepare(args, env)
        run.step(f"{args.pages} pages, {args.rounds} rounds, in {run.ROOT}")
        out = subprocess.run(  # noqa: S603 - our own probe script
            [sys.executable, "-c", PROBE, str(args.pages), str(args.rounds)],
            cwd=run.ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        if out.returncode:
            raise SystemExit(f"The probe failed:\n{out.stderr[-3000:]}")
        result = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"{'round':>5}  {'warm (ms)':>10}  {'after change (ms)':>17}  {'ratio':>6}  hits after")
    for number, entry in enumerate(result["rounds"], 1):
        print(
            f"{number:>5}  {entry['warm_s'] * 1000:>10.1f}  {entry['after_change_s'] * 1000:>17.1f}"
            f"  {entry['ratio']:>6.2f}  {entry['after_change_hits']}/{result['pages']}"
        )
    ratios = sorted(entry["ratio"] for entry in result["rounds"])
    print(
        f"Median ratio, first {result['pages']} requests after a banner change / the same "
        f"requests warm: {ratios[len(ratios) // 2]:.2f}"
    )


if __name__ == "__main__":
    main()
