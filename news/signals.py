from django.dispatch import receiver

from wagtail.signals import page_published

from .models import NewsArticlePage


@receiver(page_published, sender=NewsArticlePage)
def posted_at_go_live_time(sender, instance, revision, **kwargs):
    """A story first published on schedule was posted at its go-live time, not when the
    scheduler got to it or when the editor approved it."""
    go_live_at, first_published_at = instance.go_live_at, instance.first_published_at
    if not (instance.live and go_live_at and first_published_at):
        return  # the signal also fires when approval only schedules a story
    first_publication = first_published_at == instance.last_published_at
    if first_publication and go_live_at < first_published_at:
        instance.first_published_at = go_live_at
        NewsArticlePage.objects.filter(pk=instance.pk).update(
            first_published_at=go_live_at, posted_at_sort=instance.posted_at
        )
