from django import template

from core.dates import iso_datetime

register = template.Library()


@register.filter(name="iso_datetime")
def iso_datetime_filter(value):
    """For <time datetime="…">: ``{{ page.posted_at|iso_datetime }}`` (see core.dates)."""
    return iso_datetime(value)
