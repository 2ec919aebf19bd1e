"""A refused admin request, answered with the reason in the newsroom's words (403)."""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse

from wagtail.admin.views.pages.delete import delete as wagtail_delete_page
from wagtail.models import Page

from .page_permissions import NewsroomPagePermissionTester


def refused(request, reason, back_url):
    return TemplateResponse(
        request, "editorial/refused.html", {"reason": reason, "back_url": back_url}, status=403
    )


def delete_page(request, page_id):
    """Wagtail's delete view, after saying why not to someone who may not delete the page.

    Routed ahead of Wagtail's own (cms/urls.py): Wagtail refuses with "Sorry, you do not have
    permission to access this area." and nothing more.
    """
    page = get_object_or_404(Page, id=page_id).specific
    reason = NewsroomPagePermissionTester(request.user, page).deletion_refusal()
    if reason:
        return refused(request, reason, reverse("wagtailadmin_pages:edit", args=[page.pk]))
    return wagtail_delete_page(request, page_id)
