"""The text-only view: every public URL again, under /text/.

Selected per request by textonly.middleware. Documents keep their usual address, because links
to files stay as they are in the text-only view.
"""

from django.urls import include, path

from wagtail.documents import urls as wagtaildocs_urls

from .urls import public_urlpatterns

urlpatterns = [
    path("text/", include(public_urlpatterns)),
    path("documents/", include(wagtaildocs_urls)),
]
