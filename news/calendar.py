"""The editorial calendar: what goes live or comes down over the coming weeks."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page, Revision, WorkflowState

from core import visibility

from .models import NewsArticlePage, NewsIndexPage


@dataclass
class CalendarEntry:
    when: datetime
    event: str  # "Goes live" or "Expires"
    article: NewsArticlePage
    status: str

    @property
    def edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=(self.article.pk,))

    @property
    def preview_url(self):
        return reverse("wagtailadmin_pages:view_draft", args=(self.article.pk,))

    @property
    def authors(self):
        return ", ".join(author.name for author in self.article.authors)


def can_see_calendar(user):
    """Anyone who may edit stories: the news index's editors and staff, and superusers."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    index = NewsIndexPage.objects.first()
    return bool(index and index.permissions_for_user(user).can_add_subpage())


def upcoming_entries(now=None, weeks=4):
    now = now or timezone.now()
    until = now + timedelta(weeks=weeks)
    entries = []

    # Approved and waiting: the scheduled revision is what will go live.
    scheduled = (
        Revision.page_revisions.filter(approved_go_live_at__gt=now, approved_go_live_at__lte=until)
        .filter(content_type__model="newsarticlepage", content_type__app_label="news")
        .order_by("approved_go_live_at")
    )
    scheduled_pages = set()
    for revision in scheduled:
        article = revision.as_object()  # keeps the page's current live state
        status = "Scheduled update" if article.live else "Scheduled"
        entries.append(CalendarEntry(revision.approved_go_live_at, "Goes live", article, status))
        scheduled_pages.add(article.pk)

    # Planned but not yet approved: drafts and stories in review with a go-live time set.
    planned = (
        NewsArticlePage.objects.filter(live=False, go_live_at__gt=now, go_live_at__lte=until)
        .exclude(pk__in=scheduled_pages)
        .select_related("category")
        .prefetch_related("article_authors__author")
    )
    in_review = set(
        WorkflowState.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=[str(article.pk) for article in planned],
            status=WorkflowState.STATUS_IN_PROGRESS,
        ).values_list("object_id", flat=True)
    )
    for article in planned:
        status = "In review" if str(article.pk) in in_review else "Draft"
        entries.append(CalendarEntry(article.go_live_at, "Goes live", article, status))

    expiring = (
        visibility.expiring_between(NewsArticlePage.objects.live(), now, until)
        .select_related("category")
        .prefetch_related("article_authors__author")
    )
    for article in expiring:
        entries.append(CalendarEntry(article.expire_at, "Expires", article, "Live"))

    return sorted(entries, key=lambda entry: (entry.when, entry.article.title))


def group_by_day_and_hour(entries):
    """[(day, [(hour, [entries])])], in local time, so a crowded hour stands out."""
    days = defaultdict(lambda: defaultdict(list))
    for entry in entries:
        local = timezone.localtime(entry.when)
        hour = local.replace(minute=0, second=0, microsecond=0)
        days[local.date()][hour].append(entry)
    return [(day, list(hours.items())) for day, hours in days.items()]
