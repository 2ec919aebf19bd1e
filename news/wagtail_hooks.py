from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from editorial.scheduling import SCHEDULER_UPKEEP_HOOK

from .calendar import can_see_calendar, group_by_day_and_hour, upcoming_entries
from .calendar_views import EditorialCalendarView
from .choosers import AuthorChooserViewSet, CategoryChooserViewSet, ContactChooserViewSet
from .models import Author, Category, Contact, NewsIndexPage
from .search_terms import prune_once_a_day


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    chooser_viewset_class = AuthorChooserViewSet
    list_display = ["name", "role"]
    search_fields = ["name"]


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "folder-open-inverse"
    chooser_viewset_class = CategoryChooserViewSet
    list_display = ["name", "slug"]


class ContactViewSet(SnippetViewSet):
    model = Contact
    icon = "mail"
    chooser_viewset_class = ContactChooserViewSet
    list_display = ["name", "role", "phone", "email"]
    search_fields = ["name"]


class NewsSnippetsGroup(SnippetViewSetGroup):
    menu_label = "News people and topics"
    menu_icon = "folder-inverse"
    menu_order = 200
    items = (AuthorViewSet, CategoryViewSet, ContactViewSet)


register_snippet(NewsSnippetsGroup)


@hooks.register("insert_editor_js")
def autosave_takes_turns_with_buttons():
    return format_html('<script src="{}"></script>', static("js/admin/autosave.js"))


class WriteStoryPanel(Component):
    """The dashboard's way straight into a new story, instead of Pages → News → Add child page."""

    name = "write_story"
    order = 40

    def __init__(self, news_index):
        self.news_index = news_index

    def render_html(self, parent_context=None):
        add_url = reverse(
            "wagtailadmin_pages:add", args=("news", "newsarticlepage", self.news_index.pk)
        )
        return render_to_string("news/admin/write_story_panel.html", {"add_url": add_url})


@hooks.register("construct_homepage_panels")
def add_write_story_panel(request, panels):
    news_index = NewsIndexPage.objects.first()
    if news_index and news_index.permissions_for_user(request.user).can_add_subpage():
        panels.insert(0, WriteStoryPanel(news_index))


@hooks.register("construct_page_action_menu")
def submit_first_for_writers(menu_items, request, context):
    """Someone who cannot publish finishes a story by submitting it (autosave keeps the draft),
    so for them "Submit to Editorial review" is the main button and "Save draft" moves into the
    menu."""
    names = [item.name for item in menu_items]
    if "action-publish" not in names and "action-submit" in names:
        menu_items.insert(0, menu_items.pop(names.index("action-submit")))


# The editorial calendar: stories going live or coming down over the coming weeks.


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


# Readers' search terms older than editors need, dropped once a day by the scheduler.
hooks.register(SCHEDULER_UPKEEP_HOOK, prune_once_a_day)
