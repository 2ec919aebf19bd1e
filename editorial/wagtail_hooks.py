from django.template.loader import render_to_string
from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from .calendar import can_see_calendar, group_by_day_and_hour, upcoming_entries
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
