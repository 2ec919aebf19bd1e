from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Author, Category, Contact


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    list_display = ["name", "role"]
    search_fields = ["name"]


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "folder-open-inverse"
    list_display = ["name", "slug"]


class ContactViewSet(SnippetViewSet):
    model = Contact
    icon = "mail"
    list_display = ["name", "role", "phone", "email"]
    search_fields = ["name"]


class NewsSnippetsGroup(SnippetViewSetGroup):
    menu_label = "News people and topics"
    menu_icon = "folder-inverse"
    menu_order = 200
    items = (AuthorViewSet, CategoryViewSet, ContactViewSet)


register_snippet(NewsSnippetsGroup)
