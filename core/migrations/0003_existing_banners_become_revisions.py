"""Existing banners take the new form, each with a first revision, as if an editor had saved it:

- switched on, inside its window: live, expiring at the window's end;
- switched on, window not yet started: scheduled to go live at its start (the scheduler
  publishes it then) and to expire at its end;
- switched on, window over: expired, not live;
- switched off: a draft, not live.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import migrations
from django.utils import timezone

from modelcluster.models import get_serializable_data_for_fields

OLD_FIELDS = {"is_active", "starts_at", "ends_at"}


def convert(banner, now):
    """Set the banner's draft-state fields from its old switch and window; returns the
    revision's approved go-live time (None unless scheduled)."""
    banner.go_live_at, banner.expire_at = banner.starts_at, banner.ends_at
    started = banner.starts_at is None or banner.starts_at <= now
    ended = banner.ends_at is not None and banner.ends_at <= now
    banner.live = banner.is_active and started and not ended
    banner.expired = banner.is_active and ended
    banner.has_unpublished_changes = not banner.live
    if banner.live:
        banner.first_published_at = banner.starts_at or now
        banner.last_published_at = now
    scheduled = banner.is_active and not started and not ended
    return banner.starts_at if scheduled else None


def revision_content(banner):
    data = get_serializable_data_for_fields(banner)
    for name in OLD_FIELDS:
        data.pop(name, None)
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def banners_to_revisions(apps, schema_editor):
    AlertBanner = apps.get_model("core", "AlertBanner")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="core", model="alertbanner")
    now = timezone.now()
    for banner in AlertBanner.objects.order_by("pk"):
        approved_go_live_at = convert(banner, now)
        banner.save()
        revision = Revision.objects.create(
            content_type=content_type,
            base_content_type=content_type,
            object_id=str(banner.pk),
            created_at=now,
            approved_go_live_at=approved_go_live_at,
            object_str=f"{banner.title}: {banner.message}",
            content=revision_content(banner),
        )
        banner.latest_revision = revision
        banner.live_revision = revision if banner.live else None
        banner.save(update_fields=["latest_revision", "live_revision"])


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0002_alertbanner_drafts_revisions_scheduling"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(banners_to_revisions, migrations.RunPython.noop)]
