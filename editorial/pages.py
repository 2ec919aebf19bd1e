from django.http import Http404
from django.utils import timezone


class ExpiryMixin:
    """A page past its expiry time is gone at once, before the scheduler takes it down."""

    def route(self, request, path_components):
        if not path_components and self.expire_at and self.expire_at <= timezone.now():
            raise Http404
        return super().route(request, path_components)
