"""The server-error page, which must work when the database does not.

It renders from a template that reads nothing but settings and static file names: no site
settings, no banner, no page tree. When the database cannot be reached, readers get a 503 with
Retry-After (try again shortly) instead of a 500 (something is broken).
"""

import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

from textonly.mode import is_text_only

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 60


def server_error(request):
    error = sys.exc_info()[1]
    unavailable = isinstance(error, OperationalError | InterfaceError)
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
