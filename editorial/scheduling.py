"""Publishing and unpublishing what is due, safely when several hosts do it at once, and
sending the CDN the purges changes have recorded (caching.cdn).

Pages and alert banners alike (any model with Wagtail's draft state). Each due item is first
*claimed* with a conditional UPDATE inside a transaction. The database lets exactly one host's
UPDATE match the row; the others match nothing and move on. So a story or a banner is never
published or taken down twice, on PostgreSQL or SQLite alike.
"""

import logging
from dataclasses import dataclass, field

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from wagtail import hooks
from wagtail.models import DraftStateMixin, Page, Revision

from caching import cdn
from core import visibility

logger = logging.getLogger("editorial.scheduler")

# Wagtail hook: functions with no arguments, called on every pass.
SCHEDULER_UPKEEP_HOOK = "scheduler_upkeep"


@dataclass
class SchedulerRun:
    published: list = field(default_factory=list)
    unpublished: list = field(default_factory=list)
    purged: int = 0  # addresses sent to the CDN (the whole site counts as one)


def scheduled_models():
    """Pages, and every other model with Wagtail's draft state (the alert banners): the same
    go-live and expiry times, carried out here for all of them, as Wagtail's own
    publish_scheduled command does."""
    return [
        Page,
        *(
            model
            for model in apps.get_models()
            if issubclass(model, DraftStateMixin) and not issubclass(model, Page)
        ),
    ]


def run_due():
    """Take down what has expired, then publish what is due. Returns what this host did.

    Due means due by the clock: Wagtail's publishing compares go-live times with the current
    time itself, so there is no "as of" argument here.
    """
    now = timezone.now()
    run = SchedulerRun()
    for model in scheduled_models():
        live = model.objects.filter(live=True)
        for item in visibility.past_expiry(live, now).order_by("expire_at"):
            if _unpublish_expired(item, now):
                run.unpublished.append(item)
    for revision in Revision.objects.filter(approved_go_live_at__lte=now).order_by(
        "approved_go_live_at"
    ):
        item = _publish_scheduled(revision, now)
        if item is not None:
            run.published.append(item)
    # Apps' own upkeep on the scheduler's clock (news prunes old search terms once a day).
    for upkeep in hooks.get_hooks(SCHEDULER_UPKEEP_HOOK):
        upkeep()
    # What this pass and editors' changes since the last one need the CDN to drop.
    run.purged = cdn.send_pending()
    return run


def _model(item):
    """The model whose table holds the scheduling fields: Page for every page type."""
    return Page if isinstance(item, Page) else type(item)


def _describe(item):
    # A page is named "page" in the log, whatever its type.
    kind = "page" if isinstance(item, Page) else item._meta.verbose_name
    return f"{kind} {item.pk} {item.title!r}"


def _unpublish_expired(item, now):
    with transaction.atomic():
        still_up = _model(item).objects.filter(pk=item.pk, live=True, expired=False)
        claimed = visibility.past_expiry(still_up, now).update(expired=True)
        if not claimed:
            return False
        if isinstance(item, Page):
            item = item.specific_deferred
        item.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")
    logger.info("Unpublished expired %s (expired at %s)", _describe(item), item.expire_at)
    return True


def _publish_scheduled(revision, now):
    go_live_at = revision.approved_go_live_at
    with transaction.atomic():
        claimed = Revision.objects.filter(pk=revision.pk, approved_go_live_at=go_live_at).update(
            approved_go_live_at=None
        )
        if not claimed:
            return None
        item = revision.as_object()
        if item.expire_at and item.expire_at <= now:
            logger.warning(
                "Skipped %s: it expired at %s before going live",
                _describe(item),
                item.expire_at,
            )
            return None
        # Posted at its go-live time, not when this run got to it: set before publishing, which
        # keeps a first publication date already there and so writes this one with the item.
        _model(item).objects.filter(pk=item.pk, first_published_at__isnull=True).update(
            first_published_at=go_live_at
        )
        revision = Revision.objects.get(pk=revision.pk)  # reads the item afresh
        revision.publish(log_action="wagtail.publish.scheduled")
    logger.info("Published scheduled %s (go-live %s)", _describe(item), go_live_at)
    return item
