"""Media storage that refuses to write: a full or read-only disk, a bucket that denies writes.

Readers' pages still render: a picture whose rendition cannot be made shows its alt text
(``picture_failed``, used wherever the site makes renditions), as a picture whose original file
is missing does. The fault is logged at error level, once per picture and page, so the web team
hears of it.

An upload that cannot be stored gets one clear message in the admin, in whichever uploader was
used, instead of a server error (``StorageFaultMiddleware``). Nothing is saved half-way: a file
is written before its row is inserted, so a refused file leaves no Image or Document row
behind; the single-file views save inside a transaction besides.
"""

import logging

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.html import format_html

from wagtail.admin.modal_workflow import render_modal_workflow
from wagtail.images.models import SourceImageIOError

logger = logging.getLogger(__name__)

MEDIA_REFUSED = (
    "The file could not be stored: the media storage refused it. Nothing was saved; "
    "please tell the web team."
)

try:  # the S3 storage reports a refusal in botocore's words, not the OS's
    from botocore.exceptions import BotoCoreError, ClientError

    STORAGE_ERRORS = (OSError, BotoCoreError, ClientError)
except ImportError:  # pragma: no cover - botocore is installed with django-storages[s3]
    STORAGE_ERRORS = (OSError,)

# The admin's upload views, by how they answer: a page, the multiple uploader's JSON, or a
# chooser's modal.
PAGE_UPLOADS = {"wagtailimages:add", "wagtailimages:edit", "wagtaildocs:add", "wagtaildocs:edit"}
MULTIPLE_UPLOADS = {
    "wagtailimages:add_multiple",
    "wagtailimages:create_multiple_from_uploaded_image",
    "wagtaildocs:add_multiple",
    "wagtaildocs:create_multiple_from_uploaded_document",
}
CHOOSER_UPLOADS = {"wagtailimages_chooser:create", "wagtaildocs_chooser:create"}


def picture_failed(image, error):
    """Log why a picture cannot be shown; the caller shows its alt text instead."""
    if isinstance(error, SourceImageIOError):
        logger.warning("Image %s has no file in storage", image.pk)
    else:
        logger.error(
            "Media storage refused a rendition of image %s (%s): pages show its alt text "
            "until the storage accepts writes",
            image.pk,
            error,
        )


class StorageFaultMiddleware:
    """Turns a storage refusal during an admin upload into the uploader's own error message."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        match = request.resolver_match
        if (
            request.method != "POST"
            or not isinstance(exception, STORAGE_ERRORS)
            or isinstance(exception, SourceImageIOError)
            or match is None
        ):
            return None
        view = match.view_name
        if view not in PAGE_UPLOADS | MULTIPLE_UPLOADS | CHOOSER_UPLOADS:
            return None
        logger.error("Media storage refused an upload to %s: %s", request.path, exception)
        if view in MULTIPLE_UPLOADS:
            # What Wagtail's uploader shows beside the file when a file is refused.
            return JsonResponse({"success": False, "error_message": MEDIA_REFUSED})
        if view in CHOOSER_UPLOADS:
            return render_modal_workflow(
                request,
                None,
                None,
                None,
                json_data={
                    "step": "reshow_creation_form",
                    "htmlFragment": format_html(
                        '<p class="help-block help-critical" role="alert">{}</p>', MEDIA_REFUSED
                    ),
                },
            )
        messages.error(request, MEDIA_REFUSED)
        return redirect(request.get_full_path())
