"""The story editor's form."""

from django.core.exceptions import ValidationError

from editorial.forms import SchedulePageForm


class NewsArticleForm(SchedulePageForm):
    """A draft (autosave, "Save draft") may be incomplete; submitting or publishing may not.

    Wagtail marks a draft save with ``is_deferred_validation`` on the form, its fields and
    blocks, not on the page, so the form passes it on to the page's own checks
    (``NewsArticlePage.clean``).
    """

    def clean(self):
        self.instance.is_deferred_validation = self.is_deferred_validation
        cleaned_data = super().clean()
        authors = self.chosen_authors()
        if not self.is_deferred_validation and not authors:
            self.add_error(None, ValidationError("Add at least one author under “Written by”."))
        return cleaned_data

    def chosen_authors(self):
        """Each author chosen, once: a second row for the same author (chosen twice, or sent
        twice by overlapping autosaves) is dropped rather than printed twice in the byline."""
        formset = self.formsets["article_authors"]
        formset.is_valid()  # cleans the author forms, whose data this reads
        authors = []
        for form in formset.forms:
            author = form.cleaned_data.get("author")
            if not author or form.cleaned_data.get("DELETE"):
                continue
            if author in authors:
                form.cleaned_data["DELETE"] = True
            else:
                authors.append(author)
        return authors
