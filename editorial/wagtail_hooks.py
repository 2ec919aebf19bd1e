from django.template.response import TemplateResponse
from django.urls import path

from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import LiveStatusTagColumn
from wagtail.models import DraftStateMixin
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.models import AlertBanner

from .accessibility import use_wcag_checker
from .forms import ScheduleSnippetForm
from .media_permissions import DocumentDeleteView, DocumentEditView, ImageDeleteView, ImageEditView


class AlertBannerViewSet(SnippetViewSet):
    model = AlertBanner
    icon = "warning"
    menu_label = "Alert banners"
    menu_order = 300
    add_to_admin_menu = True
    # Go-live and expiry times checked as a story's are (editorial.forms).
    edit_handler = ObjectList(AlertBanner.panels, base_form_class=ScheduleSnippetForm)
    # Listing columns given here replace Wagtail's default, status included: so it is named.
    list_display = [
        "title",
        "message",
        "severity",
        "go_live_at",
        "expire_at",
        LiveStatusTagColumn(),
    ]
    list_filter = ["severity", "live"]


register_snippet(AlertBannerViewSet)


@hooks.register("construct_wagtail_userbar")
def check_pages_against_wcag(request, items, page):
    use_wcag_checker(items)


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
