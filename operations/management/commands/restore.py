"""manage.py restore ARCHIVE: put back the database and media from a backup archive.

All or nothing (see operations.backup): a bad archive, or a failure while writing, leaves the site
as it was and says so in one line on stderr, with a non-zero exit status.
"""

from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Replace the database and restore media files from an archive made by `backup`. The "
        "archive is checked first; on any failure nothing is changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz written by manage.py backup.")
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask before replacing the database."
        )

    def handle(self, *args, archive, yes=False, **options):
        if not yes:
            answer = input("This replaces the whole database with the archive's. Type 'yes': ")
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing restored.")
        try:
            manifest = restore_backup(archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the {manifest['database']} database and {len(manifest['media'])} "
                f"media files from the backup of {manifest['created_at']} (UTC); caches emptied."
            )
        )
