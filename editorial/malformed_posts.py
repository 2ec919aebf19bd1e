"""A page form post that the page editor would never send is a 400, not a server error.

Wagtail reads a StreamField's parts as ``data["body-count"]``, ``int(data["body-0-order"])`` and
a rich text's JSON, so a post missing or garbling one (a bot, a broken browser extension, a
hand-made request) fails inside the form; and a refused form is shown again with the posted
chooser ids, which the chooser looks up. ``RefusesMalformedPosts`` is the base of every page
type's form (editorial.forms.SchedulePageForm), so every view that reads it (create, edit,
autosave, both previews) answers such a post with a 400 and a short message, before anything
is saved.
"""

from django.core.exceptions import ValidationError

from wagtail.admin.widgets.chooser import BaseChooser

from operations.errors import ExplainedBadRequest

MALFORMED_POST = (
    "This form arrived incomplete or garbled, so nothing was saved. Go back to the page, "
    "reload it and make your change again."
)
# What Wagtail's widgets raise on form data that its own scripts did not write: a missing key,
# a number that is not one, JSON that is not rich text, a list where an object belongs.
UNREADABLE = (LookupError, ValueError, TypeError, AttributeError)


class MalformedPost(ExplainedBadRequest):
    pass


class RefusesMalformedPosts:
    """Form mixin: every field's posted value is read strictly, in the inline forms (authors,
    related stories) too."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            read_strictly(self)


def read_strictly(form):
    for field in form.fields.values():
        field.widget.value_from_datadict = strict_reader(field.widget)
    for formset in getattr(form, "formsets", {}).values():  # modelcluster's inline forms
        for child in formset.forms:
            read_strictly(child)


def strict_reader(widget):
    read = widget.value_from_datadict  # Django's public widget API

    def value_from_datadict(data, files, name):
        try:
            value = read(data, files, name)
        except UNREADABLE as error:
            raise MalformedPost(MALFORMED_POST) from error
        if isinstance(widget, BaseChooser) and value not in (None, ""):
            try:
                widget.model_class._meta.pk.to_python(value)
            except ValidationError as error:  # "abc" for an image: the lookup would fail
                raise MalformedPost(MALFORMED_POST) from error
        return value

    return value_from_datadict
