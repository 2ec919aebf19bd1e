"""Dates as machines read them: <time datetime>, JSON-LD, the feeds and the sitemap.

Publishing stamps a page to the microsecond. HTML's <time datetime> takes at most three digits
of a second's fraction, and no reader needs any, so every machine-readable date is given in
whole seconds, in the site's time zone with its offset (2026-03-03T13:56:45-05:00).
"""

import datetime as dt

from django.utils import timezone


def whole_seconds(moment):
    """``moment`` without its fraction of a second (dates and None as they are)."""
    if isinstance(moment, dt.datetime):
        return moment.replace(microsecond=0)
    return moment


def iso_datetime(moment):
    """ISO 8601 (and RFC 3339) text for ``moment``: local time, whole seconds, UTC offset."""
    if moment is None or moment == "":
        return ""
    if isinstance(moment, dt.datetime) and timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return whole_seconds(moment).isoformat()
