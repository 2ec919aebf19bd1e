from django import template
from django.conf import settings
from django.utils.translation import gettext as _

from wagtail.models import WorkflowState

register = template.Library()


@register.simple_tag(takes_context=True)
def schedule_dialog_note(context, page, parent_page=None):
    """What makes a publishing schedule take effect, named as the buttons on screen name it.

    Wagtail's dialog tells everyone who may publish to choose "Schedule to publish", which is
    not on screen before the schedule is saved, nor what an editor reviewing a story clicks.
    """
    user = context["request"].user
    noun = page._meta.verbose_name  # "news article"
    perms = page.permissions_for_user(user) if page.pk else None
    can_publish = (
        perms.can_publish()
        if perms
        else parent_page.permissions_for_user(user).can_publish_subpage()
    )
    if can_publish:
        approve = approve_label(page, user)
        if approve:
            return {
                "heading": f"The {noun} goes live at this time once you choose “{approve}”.",
                "description": f"Save the schedule first. Until the {noun} is approved, "
                "nothing is published.",
            }
        return {
            "heading": f"The {noun} goes live at this time once you publish it.",
            "description": "Save the schedule, then choose “Schedule to publish” in the menu "
            "beside “Save draft”.",
        }
    submit = submit_label(page, parent_page)
    return {
        "heading": "An editor's approval makes the schedule count.",
        "description": f"Save the schedule, then choose “{submit}”. Once an editor approves "
        f"the {noun}, it goes live at this time.",
    }


def approve_label(page, user):
    """The label of the button that approves the page, if it is in review and this user may,
    as Wagtail's action menu words it (wagtail.admin.action_menu.PageActionMenu)."""
    if not page.pk or not page.workflow_in_progress:
        return None
    for name, label, needs_comment in page.current_workflow_task.get_actions(page, user):
        if name == "approve" and not needs_comment:
            final = page.current_workflow_state.is_at_final_task
            if final and not getattr(
                settings, "WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT", False
            ):
                return _("%(label)s and Publish") % {"label": label}
            return label
    return None


def submit_label(page, parent_page):
    """The label of the button that sends the story to review, as Wagtail's action menu words
    it (wagtail.admin.action_menu.SubmitForModerationMenuItem)."""
    state = page.current_workflow_state if page.pk else None
    if state and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return f"Resubmit to {state.current_task_state.task.name}"
    workflow = (page if page.pk else parent_page).get_workflow()
    return f"Submit to {workflow.name}" if workflow else "Submit to Editorial review"
