"""The site's URLs plus its uploads, for live-server tests that look at images.

`make run` serves /media/ itself (development settings turn SERVE_MEDIA on); the test settings
leave it off, so a test that needs the images a reader or an editor would see uses this URLconf.
"""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from cms.urls import urlpatterns as site_urlpatterns


def media(request, path):
    # MEDIA_ROOT is read per request: tests point it at a folder of their own.
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [
    re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", media),
    *site_urlpatterns,
]
