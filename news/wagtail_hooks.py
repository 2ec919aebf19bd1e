from django.templatetags.static import static
from django.utils.html import format_html

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .choosers import AuthorChooserViewSet, CategoryChooserViewSet, ContactChooserViewSet
from .models import Author, Category, Contact


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
def autosave_after_title():
    return format_html('<script src="{}"></script>', static("js/admin/autosave-after-title.js"))
