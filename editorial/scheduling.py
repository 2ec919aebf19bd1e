"""Publishing and unpublishing what is due, safely when several hosts do it at once.

Each due item is first *claimed* with a conditional UPDATE inside a transaction. The database
lets exactly one host's UPDATE match the row; the others match nothing and move on. So a
story is never published or taken down twice, on PostgreSQL or SQLite alike.
"""

import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from wagtail.models import Page, Revision

from core import visibility
from news.search_terms import prune_once_a_day

logger = logging.getLogger("editorial.scheduler")


@dataclass
class SchedulerRun:
    published: list = field(default_factory=list)
    unpublished: list = field(default_factory=list)


def run_due():
    """Take down what has expired, then publish what is due. Returns what this host did.

    Due means due by the clock: Wagtail's publishing compares go-live times with the current
    time itself, so there is no "as of" argument here.
    """
    now = timezone.now()
    run = SchedulerRun()
    for page in visibility.past_expiry(Page.objects.live(), now).order_by("expire_at"):
        if _unpublish_expired(page, now):
            run.unpublished.append(page)
    for revision in Revision.page_revisions.filter(approved_go_live_at__lte=now).order_by(
        "approved_go_live_at"
    ):
        page = _publish_scheduled(revision, now)
        if page is not None:
            run.published.append(page)
    # Readers' search terms older than editors need (news.search_terms), once a day.
    prune_once_a_day()
    return run


def _unpublish_expired(page, now):
    with transaction.atomic():
        still_up = Page.objects.filter(pk=page.pk, live=True, expired=False)
        claimed = visibility.past_expiry(still_up, now).update(expired=True)
        if not claimed:
            return False
        page = page.specific_deferred
        page.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")
    logger.info(
        "Unpublished expired page %s %r (expired at %s)", page.pk, page.title, page.expire_at
    )
    return True


def _publish_scheduled(revision, now):
    go_live_at = revision.approved_go_live_at
    with transaction.atomic():
        claimed = Revision.objects.filter(pk=revision.pk, approved_go_live_at=go_live_at).update(
            approved_go_live_at=None
        )
        if not claimed:
            return None
        page = revision.as_object()
        if page.expire_at and page.expire_at <= now:
            logger.warning(
                "Skipped page %s %r: it expired at %s before going live",
                page.pk,
                page.title,
                page.expire_at,
            )
            return None
        # Posted at its go-live time, not when this run got to it: set before publishing, which
        # keeps a first publication date already there and so writes this one with the page.
        Page.objects.filter(pk=page.pk, first_published_at__isnull=True).update(
            first_published_at=go_live_at
        )
        revision = Revision.objects.get(pk=revision.pk)  # reads the page afresh
        revision.publish(log_action="wagtail.publish.scheduled")
    logger.info("Published scheduled page %s %r (go-live %s)", page.pk, page.title, go_live_at)
    return page
