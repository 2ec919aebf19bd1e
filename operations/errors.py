"""The server-error and bad-request pages, which must work when the database does not.

They render from templates that read nothing but settings and static file names: no site
settings, no banner, no page tree. When the database cannot be reached, readers get a 503 with
Retry-After (try again shortly) instead of a 500 (something is broken). A request the site
cannot read is a 400 that says so, in words its sender can act on when the code refusing it
wrote them (``ExplainedBadRequest``).
"""

import logging
import sqlite3
import sys

from django.conf import settings
from django.core.exceptions import BadRequest
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.template import loader

from core.text_mode import is_text_only

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 60


class ExplainedBadRequest(BadRequest):
    """A 400 whose message is written for the person who sent the request, and shown to them
    (Django shows no exception's message on its own 400 page)."""


def not_found(request, *args, **kwargs):
    """An address that can name nothing: the site's own 404 page."""
    raise Http404


def bad_request(request, exception):
    message = str(exception) if isinstance(exception, ExplainedBadRequest) else None
    html = loader.get_template("errors/bad_request.html").render(
        {"message": message, "text_only": is_text_only(), "site_name": settings.WAGTAIL_SITE_NAME}
    )
    return HttpResponseBadRequest(html)


# SQLite reports a query it cannot read (a full-text search's syntax, above all) as an
# OperationalError, as it does a database it cannot open: only the second is an outage.
SQLITE_QUERY_ERRORS = ("syntax error", "malformed match", "unterminated string", "no such column")


def database_unavailable(error):
    if not isinstance(error, OperationalError | InterfaceError):
        return False
    cause = error.__cause__
    if isinstance(cause, sqlite3.OperationalError):
        return not any(words in str(cause).lower() for words in SQLITE_QUERY_ERRORS)
    return True


def server_error(request):
    error = sys.exc_info()[1]
    unavailable = database_unavailable(error)
    if unavailable:
        logger.error("Database unavailable: %s", error)
    status = 503 if unavailable else 500
    html = loader.get_template("errors/server_error.html").render(
        {"status": status, "text_only": is_text_only(), "site_name": settings.WAGTAIL_SITE_NAME}
    )
    response = HttpResponse(html, status=status)
    if unavailable:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
