from django import forms
from django.utils import timezone

from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.admin.widgets import AdminDateTimeInput

from .malformed_posts import RefusesMalformedPosts

GO_LIVE_PASSED = (
    "That time has already passed. Choose a later time, or clear the field to publish as soon "
    "as it is approved."
)


def site_time_zone_name():
    """The time zone the admin reads and shows times in, as a person would say it:
    "New York time" for America/New_York."""
    zone = timezone.get_current_timezone_name()
    if "/" not in zone:
        return zone  # "UTC"
    return zone.rsplit("/", 1)[-1].replace("_", " ") + " time"


def schedule_help_texts(noun):
    zone = site_time_zone_name()
    return {
        "go_live_at": f"The {noun} appears on the site at this time, in lists and feeds too, "
        "once an editor has approved or published it; until then the time is only saved. "
        f"Leave empty to publish as soon as it is approved. Times are {zone}.",
        "expire_at": f"The {noun} comes off the site at this time, and out of lists and feeds. "
        "Nothing is deleted: an editor can publish it again. Leave empty to keep it up. "
        f"Times are {zone}.",
    }


class ScheduleDateTimeInput(AdminDateTimeInput):
    """Wagtail's date and time picker, opening above its field.

    Below the field it would cover the schedule dialog's "Save schedule" button, so the first
    click on the button would only close the picker. Above, it covers only the text above."""

    def get_config(self):
        # Kept inside the field's own box, so that its stylesheet can place it there.
        return {**super().get_config(), "insideParent": True, "className": "schedule-picker"}

    @property
    def media(self):
        return super().media + forms.Media(css={"all": ["editorial/css/schedule-picker.css"]})


class ScheduleFieldsMixin:
    """Go-live and expiry fields that say what they do, with a go-live time still to come.

    Publishing with a go-live time already past would put the story up at once under a date
    nobody chose, so a past time newly typed (or changed) is refused next to the field and
    nothing is saved. An unchanged one stays: a story that went live on schedule keeps its
    go-live time, and saving it again must work.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        noun = self._meta.model._meta.verbose_name  # "news article"
        for name, help_text in schedule_help_texts(noun).items():
            if name in self.fields:
                field = self.fields[name]
                field.help_text = help_text
                field.widget = ScheduleDateTimeInput(
                    attrs=field.widget.attrs,
                    js_overlay_parent_selector=getattr(
                        field.widget, "js_overlay_parent_selector", "body"
                    ),
                )

    def clean(self):
        cleaned_data = super().clean()
        go_live_at = cleaned_data.get("go_live_at")
        if go_live_at and go_live_at <= timezone.now() and self.go_live_at_is_new(go_live_at):
            self.add_error("go_live_at", forms.ValidationError(GO_LIVE_PASSED))
        return cleaned_data

    def go_live_at_is_new(self, go_live_at):
        """Whether the editor typed this go-live time, rather than it being the page's own.

        Compared to the minute, as the field shows it: a time the scheduler or an import set
        to the second comes back from the form without its seconds."""
        saved = self.instance.go_live_at if self.instance.pk else None
        if saved is None:
            return True
        return to_the_minute(saved) != to_the_minute(go_live_at)


def to_the_minute(moment):
    return moment.replace(second=0, microsecond=0)


class SchedulePageForm(ScheduleFieldsMixin, RefusesMalformedPosts, WagtailAdminPageForm):
    """The page form, with the schedule fields above."""


class ScheduleSnippetForm(ScheduleFieldsMixin, WagtailAdminModelForm):
    """A snippet's form (the alert banner's), with the same schedule fields as pages."""
