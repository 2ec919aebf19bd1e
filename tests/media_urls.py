"""The site's URLs plus its uploads, for live-server tests that look at images.

`make run` serves /media/ itself (development settings turn SERVE_MEDIA on); the test settings
leave it off, so a test that needs the images a reader or an editor would see uses this URLconf.
It serves them as `make run` does, media under embargo a 404 to readers.
"""

from django.conf import settings
from django.urls import re_path

from cms.urls import urlpatterns as site_urlpatterns
from security.media_visibility import serve_media

urlpatterns = [
    re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", serve_media),
    *site_urlpatterns,
]
