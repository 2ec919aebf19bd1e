from django.http import Http404
from django.utils import timezone


def exclude_expired(pages):
    """Leave out pages past their expiry time, whether or not the scheduler has run yet."""
    return pages.exclude(expire_at__lte=timezone.now())


class ExpiryMixin:
    """A page past its expiry time is gone at once, before the scheduler takes it down.

    Checked when the page itself is served (sub-routes included), so previews still work.
    """

    @property
    def is_past_expiry(self):
        return bool(self.expire_at and self.expire_at <= timezone.now())

    def serve(self, request, *args, **kwargs):
        if self.is_past_expiry and not getattr(request, "is_preview", False):
            raise Http404
        return super().serve(request, *args, **kwargs)

    def get_sitemap_urls(self, request=None):
        return [] if self.is_past_expiry else super().get_sitemap_urls(request)
