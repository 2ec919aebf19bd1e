"""What one edit costs the CDN: the addresses a story's publish and a banner change send, against
the list of every page in both views that each edit once sent, at the same number of stories.

Sets up a database as bench/run.py does (SQLite in a temporary directory, or the PostgreSQL
database you name; demo content, stories up to ``--count``), with production settings and an
``http`` CDN whose purge endpoint is a loopback server in this process. Inside Django it
publishes the IL-2 story (committed, as an editor's save is), lets the scheduler's send go out,
changes the site settings and sends again, and builds the every-page list for comparison. Times
are taken in the same run, so read the ratios, not the milliseconds.

    .venv/bin/python bench/cdn_purge.py [--count 1000] [--database-url postgres://…/bench]
"""

import argparse
import json
import subprocess
import sys
import tempfile
import textwrap
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from run import IL2, ROOT, environment, prepare, step

MEASURE = textwrap.dedent(
    f"""
    import json, time
    import django
    django.setup()
    from urllib.parse import urlsplit, urlunsplit
    from django.db import transaction
    from wagtail.models import Page, Site
    from caching import cdn
    from core.models import PendingPurge, SiteSettings
    from news.models import Category, NewsArticlePage
    from core.text_mode import text_path

    def every_page():
        # What every edit used to send: each live page and its archives, in both views, and the
        # feeds and the sitemap.
        urls = set()
        for page in Page.objects.live().public().specific():
            for entry in page.get_sitemap_urls():
                if entry["location"]:
                    urls.add(entry["location"])
                    parts = urlsplit(entry["location"])
                    urls.add(urlunsplit(parts._replace(path=text_path(parts.path))))
        for slug in Category.objects.values_list("slug", flat=True):
            urls.update([f"/feeds/category/{{slug}}/rss/", f"/feeds/category/{{slug}}/atom/"])
        return urls | {{"/feeds/rss/", "/feeds/atom/", "/sitemap.xml"}}

    result = {{}}
    cdn.send_pending()
    PendingPurge.objects.all().delete()
    story = NewsArticlePage.objects.get(slug="{IL2}")
    started = time.perf_counter()
    with transaction.atomic():
        story.save_revision().publish()
    result["publish_ms"] = (time.perf_counter() - started) * 1000
    result["publish_recorded"] = PendingPurge.objects.count()
    started = time.perf_counter()
    result["publish_sent"] = cdn.send_pending()
    result["publish_send_ms"] = (time.perf_counter() - started) * 1000

    # A site-wide change (site settings, as a banner or a category is): the whole site.
    with transaction.atomic():
        SiteSettings.for_site(Site.objects.get(is_default_site=True)).save()
    result["site_wide"] = len(cdn.site_wide_addresses())
    started = time.perf_counter()
    cdn.send_pending()
    result["site_wide_send_ms"] = (time.perf_counter() - started) * 1000

    started = time.perf_counter()
    result["every_page"] = len(every_page())
    result["every_page_ms"] = (time.perf_counter() - started) * 1000
    print(json.dumps(result))
    """
)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="stories in the database")
    parser.add_argument("--database-url", default="", help="PostgreSQL to use; empty for SQLite")
    parser.add_argument("--port", type=int, default=8768, help="the site's address (links only)")
    parser.add_argument("--cdn-port", type=int, default=8769, help="the stand-in CDN's port")
    args = parser.parse_args()
    args.redis_url = ""
    return args


def stand_in_cdn(port):
    """A purge endpoint that answers every PURGE with 200."""

    class Handler(BaseHTTPRequestHandler):
        def do_PURGE(self):  # noqa: N802 - the HTTP method's name
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main():
    args = parse_args()
    server = stand_in_cdn(args.cdn_port)
    with tempfile.TemporaryDirectory() as tmp:
        env = environment(args, Path(tmp))
        env["FRONTEND_CACHE_BACKEND"] = "http"
        env["FRONTEND_CACHE_LOCATION"] = f"http://127.0.0.1:{args.cdn_port}"
        stories = prepare(args, env)
        step(f"measure, {stories:,} stories")
        out = subprocess.run(  # noqa: S603 - our own script
            [sys.executable, "-c", MEASURE], cwd=ROOT, env=env, capture_output=True, text=True
        )
        if out.returncode:
            raise SystemExit(f"Measuring failed:\n{out.stderr[-3000:]}")
        result = json.loads(out.stdout.strip().splitlines()[-1])
    server.shutdown()
    every = result["every_page"]
    print(f"\n{stories:,} stories")
    print(f"{'':44} {'addresses':>10} {'of every page':>14}")
    for label, sent in [
        ("a story's publish", result["publish_sent"]),
        ("a site-wide change, purge-only CDN", result["site_wide"]),
        ("a site-wide change, Cloudflare or CloudFront", 1),
        ("every page in both views (each edit, before)", every),
    ]:
        print(f"{label:44} {sent:>10,} {sent / every:>14.4f}")
    print(
        f"\npublish, committed: {result['publish_ms']:.1f} ms; building the every-page list it "
        f"used to send as well: {result['every_page_ms']:.1f} ms "
        f"({result['every_page_ms'] / result['publish_ms']:.1f}x the publish)"
    )
    print(
        f"the scheduler's send: {result['publish_send_ms']:.1f} ms for the publish, "
        f"{result['site_wide_send_ms']:.1f} ms for the site-wide change"
    )


if __name__ == "__main__":
    main()
