"""The author, category and contact choosers of the page editor, each with a tab to add a new
one without leaving the story.

Wagtail offers the tab only to people with the model's "add" permission and refuses a creation
request from anyone else (403): writers add authors and contacts, editors also categories
(``editorial/roles.py``).
"""

from django import forms
from django.utils.text import slugify

from wagtail.snippets.views.chooser import SnippetChooserViewSet

from .models import Author, Category, Contact


def unique_slug(model, name):
    """A slug for ``name`` not yet used by ``model``: "jane-doe", then "jane-doe-2", ...

    A name with no Latin letters or digits (say 王芳) slugifies to nothing; it gets the model's
    own name instead, so the address is still readable and unique.
    """
    limit = model._meta.get_field("slug").max_length - 6  # room for "-99999"
    base = slugify(name)[:limit].strip("-") or model._meta.model_name
    slug, suffix = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


class SluggedCreationForm(forms.ModelForm):
    """Asks only for what a person knows; the page address (slug) is made from the name."""

    def save(self, commit=True):
        instance = super().save(commit=False)
        instance.slug = unique_slug(type(instance), instance.name)
        if commit:
            instance.save()
        return instance


class AuthorCreationForm(SluggedCreationForm):
    class Meta:
        model = Author
        fields = ["name", "role"]


class CategoryCreationForm(SluggedCreationForm):
    class Meta:
        model = Category
        fields = ["name", "description"]


class ContactCreationForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "role", "phone", "email", "hours"]


class AuthorChooserViewSet(SnippetChooserViewSet):
    creation_form_class = AuthorCreationForm
    creation_tab_label = "New author"
    create_action_label = "Add author"


class CategoryChooserViewSet(SnippetChooserViewSet):
    creation_form_class = CategoryCreationForm
    creation_tab_label = "New category"
    create_action_label = "Add category"


class ContactChooserViewSet(SnippetChooserViewSet):
    creation_form_class = ContactCreationForm
    creation_tab_label = "New contact"
    create_action_label = "Add contact"
