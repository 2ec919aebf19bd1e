import logging
import signal
import time

from django.conf import settings
from django.core.management.base import BaseCommand

from editorial.scheduling import run_due

logger = logging.getLogger("editorial.scheduler")


class Command(BaseCommand):
    help = (
        "Publish stories whose go-live time has come and unpublish those that have expired, "
        "and send the CDN what changes need it to drop, every few seconds until stopped. Safe "
        "to run on several hosts at once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once",
            action="store_true",
            help="Do one pass and exit (for cron or a systemd timer).",
        )
        parser.add_argument(
            "--interval",
            type=int,
            default=settings.SCHEDULER_INTERVAL_SECONDS,
            help="Seconds between passes (default: %(default)s).",
        )

    def handle(self, *args, once=False, interval=15, **options):
        if interval < 1:
            self.stderr.write("--interval must be at least 1 second.")
            raise SystemExit(2)
        if once:
            self.report(run_due())
            return
        stopping = []
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stopping.append(True))
        logger.info("Scheduler started: checking every %s seconds", interval)
        while not stopping:
            try:
                self.report(run_due())
            except Exception:
                # A database hiccup must not stop scheduled publishing for good.
                logger.exception("Scheduler pass failed; trying again next pass")
            deadline = time.monotonic() + interval
            while not stopping and time.monotonic() < deadline:
                time.sleep(0.5)
        logger.info("Scheduler stopped")

    def report(self, run):
        if run.published or run.unpublished:
            self.stdout.write(
                f"Published {len(run.published)}, unpublished {len(run.unpublished)}."
            )
