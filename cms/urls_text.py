"""The text-only view: every public URL again, under /text/.

Selected per request by textonly.middleware. Files and feeds keep their one address, because
links to them stay as they are in the text-only view.
"""

from django.urls import include, path

from core.text_mode import text_path

from .urls import public_urlpatterns, shared_urlpatterns

urlpatterns = [
    path(text_path("/").removeprefix("/"), include(public_urlpatterns)),
    *shared_urlpatterns,
]

# Pages that render without the database; a 503 when the database is the problem.
handler400 = "operations.errors.bad_request"
handler500 = "operations.errors.server_error"
