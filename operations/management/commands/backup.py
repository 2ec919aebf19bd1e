"""manage.py backup: a timestamped archive of the database and all media (see operations.backup).

The archive is readable by its owner only (0600): it holds password hashes and sessions.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Write a timestamped .tar.gz (mode 0600) of the database and every media file."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            default=str(settings.BASE_DIR / "backups"),
            help="Folder for the archive (default: backups/ in the project).",
        )

    def handle(self, *args, output_dir, **options):
        started = time.monotonic()
        try:
            archive = create_backup(output_dir)
        except BackupError as error:
            raise CommandError(str(error)) from error
        size = archive.stat().st_size / 1_000_000
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {archive} ({size:.1f} MB, {time.monotonic() - started:.1f}s)."
            )
        )
