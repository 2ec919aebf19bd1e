"""Which stories communications staff may delete, and why not.

Wagtail lets anyone with "change" delete any page that is not live, an editor's scheduled
story included. Here staff delete only their own drafts, and only while no editor has them:
not in Editorial review, not approved to go live later. Editors (who may publish) keep
Wagtail's rules. The tester answers for every Delete button and the bulk delete;
editorial.refusals.delete_page answers a direct request with the reason.

Imported by page models, so nothing here may load Wagtail's admin views.
"""

from wagtail.models import PagePermissionTester


def nouns(page_class):
    """What messages call pages of this type: the type's ``newsroom_nouns`` (a story's are
    ("story", "stories")), or ("page", "pages")."""
    return getattr(page_class, "newsroom_nouns", ("page", "pages"))


def _noun(page):
    return nouns(page.specific_class)[0]


class NewsroomPagePermissionTester(PagePermissionTester):
    def deletion_refusal(self):
        """Why this user may not delete this page, in words, or None."""
        page, noun = self.page, _noun(self.page)
        editor = self.user.is_superuser or "publish" in self.permissions
        if not super().can_delete():
            if page.live and not editor:
                return f"This {noun} is live on the site, so only an editor can delete it."
            return f"This {noun} cannot be deleted from here: only an administrator can."
        if editor:
            return None
        if page.owner_id != self.user.pk:
            writer = (
                (page.owner.get_full_name() or page.owner.get_username()) if page.owner else None
            )
            started = f"{writer} started this {noun}" if writer else f"This {noun} is not yours"
            return f"{started}, so only they or an editor can delete it."
        if page.workflow_in_progress:
            return f"This {noun} is in Editorial review, so only an editor can delete it."
        scheduled = page.scheduled_revision
        if scheduled is not None:
            from .page_editor import go_live_wording

            when = go_live_wording(scheduled.approved_go_live_at)
            return (
                f"This {noun} is scheduled to go live on {when}, so only an editor can delete it."
            )
        return None

    def can_delete(self, ignore_bulk=False):
        return super().can_delete(ignore_bulk) and self.deletion_refusal() is None


class NewsroomPagePermissionsMixin:
    """For page types staff may delete: Wagtail asks each page for its permission tester."""

    def permissions_for_user(self, user):
        return NewsroomPagePermissionTester(user, self)
