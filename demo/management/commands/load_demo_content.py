"""Fill an empty site with demo content: settings, banner, news index and stories.

Safe to run again: it only adds what is missing (see demo.builders), and says when there was
nothing to do. Everything happens in one transaction; drawing the pictures needs no network.
"""

import logging
import time
from contextlib import contextmanager

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from demo import builders

# Both log a line per saved object and background task: noise when loading dozens of them.
CHATTY_LOGGERS = ("django_tasks", "wagtail")


@contextmanager
def quieter(names, level=logging.WARNING):
    loggers = [logging.getLogger(name) for name in names]
    previous = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(max(level, logger.getEffectiveLevel()))
    try:
        yield
    finally:
        for logger, old_level in zip(loggers, previous, strict=True):
            logger.setLevel(old_level)


class Command(BaseCommand):
    help = "Load the demo site: news index, stories, authors, categories, settings and banner."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-accounts",
            action="store_true",
            help="Do not create the demo admin account, even where demo accounts are enabled.",
        )

    def handle(self, *args, no_accounts=False, verbosity=1, **options):
        started = time.monotonic()
        with_accounts = settings.DEMO_ACCOUNTS_ENABLED and not no_accounts
        changes = builders.Changes()
        try:
            with quieter(CHATTY_LOGGERS if verbosity < 3 else ()), transaction.atomic():
                sign_in = self.load(changes, with_accounts)
        except BaseException:
            changes.discard_files()
            raise
        elapsed = time.monotonic() - started

        if verbosity >= 2:
            for kind, description in changes.entries:
                self.stdout.write(f"  {kind}: {description}")
        if changes:
            self.stdout.write(
                self.style.SUCCESS(f"Demo content loaded in {elapsed:.1f}s ({changes.summary()}).")
            )
        else:
            self.stdout.write(f"Demo content is already loaded: nothing changed ({elapsed:.1f}s).")
        self.report_accounts(with_accounts, no_accounts, sign_in)

    def load(self, changes, with_accounts):
        site, home = builders.get_site_and_home()
        collection = builders.build_collection(changes)
        builders.build_site_settings(site, collection, changes)
        builders.build_alert_banner(changes)
        categories = builders.build_categories(changes)
        authors = builders.build_authors(changes)
        contacts = builders.build_contacts(changes)
        index = builders.build_news_index(home, changes)
        articles = builders.build_articles(
            index, collection, categories, authors, contacts, changes
        )
        builders.build_home_page(home, articles, changes)
        return builders.build_demo_accounts(changes) if with_accounts else []

    def report_accounts(self, with_accounts, no_accounts, sign_in):
        if not with_accounts:
            reason = "--no-accounts" if no_accounts else "DEMO_ACCOUNTS_ENABLED is off"
            self.stdout.write(f"Demo accounts skipped ({reason}): no users were created.")
            return
        self.stdout.write("Demo sign-ins at /admin/ (password = username; never on a public site):")
        for username, role in sign_in:
            self.stdout.write(f"  {username:<8} {role}")
