from django.core.exceptions import PermissionDenied
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .calendar import can_see_calendar, group_by_day_and_hour, upcoming_entries

WEEK_CHOICES = (1, 2, 4, 8, 13)


class EditorialCalendarView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "editorial/calendar.html"
    page_title = "Editorial calendar"
    header_icon = "date"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def dispatch(self, request, *args, **kwargs):
        if not can_see_calendar(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_weeks(self):
        try:
            weeks = int(self.request.GET.get("weeks", 4))
        except ValueError:
            return 4
        return weeks if weeks in WEEK_CHOICES else 4

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        weeks = self.get_weeks()
        context["weeks"] = weeks
        context["week_choices"] = WEEK_CHOICES
        context["days"] = group_by_day_and_hour(upcoming_entries(weeks=weeks))
        return context
