"""The story editor's form."""

from django.core.exceptions import ValidationError

from wagtail.admin.forms import WagtailAdminPageForm


class NewsArticleForm(WagtailAdminPageForm):
    """A draft (autosave, "Save draft") may be incomplete; submitting or publishing may not.

    Wagtail marks a draft save with ``is_deferred_validation`` on the form, its fields and
    blocks, not on the page, so the form passes it on to the page's own checks
    (``NewsArticlePage.clean``).
    """

    def clean(self):
        self.instance.is_deferred_validation = self.is_deferred_validation
        cleaned_data = super().clean()
        if not self.is_deferred_validation and not self.chosen_authors():
            self.add_error(None, ValidationError("Add at least one author under “Written by”."))
        return cleaned_data

    def chosen_authors(self):
        formset = self.formsets["article_authors"]
        formset.is_valid()  # cleans the author forms, whose data this reads
        return [
            form.cleaned_data["author"]
            for form in formset.forms
            if form.cleaned_data.get("author") and not form.cleaned_data.get("DELETE")
        ]
