from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.models import DraftStateMixin

from .calendar import can_see_calendar, group_by_day_and_hour, upcoming_entries
from .media_permissions import DocumentDeleteView, DocumentEditView, ImageDeleteView, ImageEditView
from .views import EditorialCalendarView


@hooks.register("register_admin_urls")
def register_calendar_url():
    return [path("calendar/", EditorialCalendarView.as_view(), name="editorial_calendar")]


class CalendarMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_calendar(request.user)


@hooks.register("register_admin_menu_item")
def register_calendar_menu_item():
    return CalendarMenuItem(
        "Editorial calendar", reverse("editorial_calendar"), icon_name="date", order=150
    )


class CalendarPanel(Component):
    name = "editorial_calendar"
    order = 50

    def render_html(self, parent_context=None):
        return render_to_string(
            "editorial/calendar_panel.html",
            {
                "days": group_by_day_and_hour(upcoming_entries(weeks=1)),
                "calendar_url": reverse("editorial_calendar"),
            },
        )


@hooks.register("construct_homepage_panels")
def add_calendar_panel(request, panels):
    if can_see_calendar(request.user):
        panels.insert(0, CalendarPanel())


PUBLISH_ACTIONS = ("action-publish", "action-unpublish")


def _asks_to_publish(request):
    return request.method == "POST" and any(action in request.POST for action in PUBLISH_ACTIONS)


def _refuse_publishing(request, kind="story"):
    return TemplateResponse(request, "editorial/publish_refused.html", {"kind": kind}, status=403)


@hooks.register("before_create_page")
def refuse_publish_on_create(request, parent_page, page_class):
    """Publishing is the editors' call: a publish request from anyone else is refused outright,
    rather than quietly saved as a draft the author may believe is live."""
    if (
        _asks_to_publish(request)
        and not parent_page.permissions_for_user(request.user).can_publish_subpage()
    ):
        return _refuse_publishing(request)
    return None


@hooks.register("before_edit_page")
def refuse_publish_on_edit(request, page):
    if _asks_to_publish(request) and not page.permissions_for_user(request.user).can_publish():
        return _refuse_publishing(request)
    return None


def _may_publish_snippets(request, model):
    policy = model.snippet_viewset.permission_policy
    return not issubclass(model, DraftStateMixin) or policy.user_has_permission(
        request.user, "publish"
    )


@hooks.register("before_create_snippet")
def refuse_snippet_publish_on_create(request, model):
    """The same for snippets with drafts (the alert banners): Wagtail would save a draft."""
    if _asks_to_publish(request) and not _may_publish_snippets(request, model):
        return _refuse_publishing(request, model._meta.verbose_name)
    return None


@hooks.register("before_edit_snippet")
def refuse_snippet_publish_on_edit(request, instance):
    if _asks_to_publish(request) and not _may_publish_snippets(request, type(instance)):
        return _refuse_publishing(request, instance._meta.verbose_name)
    return None


# Ahead of Wagtail's own image and document views, at the same addresses: a refusal says why.
@hooks.register("register_admin_urls", order=-1)
def register_media_refusal_urls():
    return [
        path("images/<int:image_id>/", ImageEditView.as_view(), name="newsroom_image_edit"),
        path(
            "images/<int:image_id>/delete/",
            ImageDeleteView.as_view(),
            name="newsroom_image_delete",
        ),
        path(
            "documents/edit/<int:document_id>/",
            DocumentEditView.as_view(),
            name="newsroom_document_edit",
        ),
        path(
            "documents/delete/<int:document_id>/",
            DocumentDeleteView.as_view(),
            name="newsroom_document_delete",
        ),
    ]
