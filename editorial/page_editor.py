"""Wagtail's page editor, telling the editor what their review decision did.

After "Approve and Publish" Wagtail says only "Page '…' has been updated.", whether the story
went live or was scheduled for a time nobody sees. This view says which, with the go-live time
in the admin's time zone. It is routed ahead of Wagtail's own edit view (cms/urls.py);
tests/test_scheduling_admin.py fails if Wagtail's edit address or the method this
relies on changes.
"""

from django.utils import timezone
from django.utils.dateformat import format as format_date

from wagtail.admin import messages
from wagtail.admin.views.pages.edit import EditView
from wagtail.models import Page

from .forms import site_time_zone_name


def go_live_wording(moment):
    """ "3 March 2027 at 9:00 a.m." in the admin's time zone."""
    return format_date(timezone.localtime(moment), r"j F Y \a\t g:i a")


def review_outcome_message(page, action):
    """What a review decision did to the page, in the words of the newsroom, or None."""
    page = Page.objects.get(pk=page.pk).specific_deferred
    title = page.get_admin_display_title()
    if action == "reject":
        return f"Page '{title}' has been sent back to its author for changes."
    if action != "approve":
        return None
    if page.workflow_in_progress:
        task = page.current_workflow_task
        return f"Page '{title}' has been approved and moves on to “{task.name}”."
    scheduled = page.scheduled_revision
    if scheduled is not None:
        when = go_live_wording(scheduled.approved_go_live_at)
        return (
            f"Page '{title}' has been approved and will go live on {when}, {site_time_zone_name()}."
        )
    if page.live:
        return f"Page '{title}' has been approved and published."
    return None


class EditPageView(EditView):
    def add_save_confirmation_message(self):
        # Wagtail calls this after a review action as after a plain save.
        if self.action_name == "perform_workflow_action":
            message = review_outcome_message(self.page, self.workflow_action)
            if message:
                messages.success(self.request, message, buttons=[self.get_edit_message_button()])
                return
        super().add_save_confirmation_message()
