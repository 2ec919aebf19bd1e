from django.http import Http404
from django.utils import timezone


class ExpiryMixin:
    """A page past its expiry time is gone at once, before the scheduler takes it down.

    Checked when the page itself is served (sub-routes included), so previews still work.
    """

    def serve(self, request, *args, **kwargs):
        expired = self.expire_at and self.expire_at <= timezone.now()
        if expired and not getattr(request, "is_preview", False):
            raise Http404
        return super().serve(request, *args, **kwargs)
