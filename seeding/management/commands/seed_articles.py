import time

from django.core.management.base import BaseCommand, CommandError

from seeding import bulk


class Command(BaseCommand):
    help = "Create N live news stories in bulk, for trying the site at archive scale."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True, help="How many stories to add.")
        parser.add_argument(
            "--batch-size", type=int, default=1000, help="Stories written per transaction."
        )
        parser.add_argument(
            "--seed", type=int, default=0, help="Random seed: the same seed gives the same stories."
        )

    def handle(self, *args, count, batch_size, seed, verbosity=1, **options):
        if count < 0 or batch_size < 1:
            raise CommandError("--count must be 0 or more and --batch-size at least 1.")
        started = time.monotonic()
        show = verbosity >= 1

        def progress(done, total):
            if show:
                self.stdout.write(
                    progress_bar(done, total, time.monotonic() - started), ending="\r"
                )
                self.stdout.flush()

        try:
            made = bulk.seed(count, batch_size=batch_size, seed=seed, on_batch=progress)
        except LookupError as exc:
            raise CommandError(f"{exc} Run `manage.py migrate` first.") from exc
        elapsed = time.monotonic() - started
        if show and made:
            self.stdout.write("")
        rate = made / elapsed if elapsed else 0
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {made:,} stories in {elapsed:.1f}s ({rate:,.0f} a second)."
            )
        )


def progress_bar(done, total, elapsed, width=30):
    filled = width * done // total if total else width
    bar = "#" * filled + "-" * (width - filled)
    return f"[{bar}] {done:,}/{total:,} stories, {elapsed:.1f}s"
