"""Every field an editor fills in the admin says what it is for.

Walks the forms the admin builds: each page type's editor (inline panels included), each
snippet's and setting's form, every StreamField block down to its last child, and the image and
document upload forms. A field without help text is named in the failure.
"""

from wagtail import blocks
from wagtail.admin.panels import get_edit_handler
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form, get_document_multi_form
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form, get_image_multi_form
from wagtail.models import Page, get_page_models
from wagtail.snippets.models import get_snippet_models

import pytest

# Fields of Wagtail's own Page that come with Wagtail's help text and are left to it.
WAGTAIL_PAGE_FIELDS = {"slug", "seo_title", "search_description", "show_in_menus"}
# Not filled in through a field: the switch for comment notification emails, and the comments
# themselves, which Wagtail's comment side panel writes into hidden fields.
NOT_EDITOR_FIELDS = {"comment_notifications", "comments"}


def form_fields(form_class, where, fields=None):
    """(place, field) for each field of a form and of its inline panels' forms."""
    for name, field in (fields or form_class.base_fields).items():
        yield f"{where}.{name}", field
    for relation, formset in getattr(form_class, "formsets", {}).items():
        yield from form_fields(formset.form, f"{where}.{relation}")


def block_gaps(block, where):
    """Every block without help text, down through structs, streams and lists."""
    if isinstance(block, blocks.StreamBlock):
        for name, child in block.child_blocks.items():
            yield from block_gaps(child, f"{where}.{name}")
        return
    if isinstance(block, blocks.ListBlock):
        yield from block_gaps(block.child_block, f"{where}.item")
        return
    if isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            yield from block_gaps(child, f"{where}.{name}")
        return
    help_text = getattr(block.meta, "help_text", None) or getattr(
        getattr(block, "field", None), "help_text", None
    )
    if not help_text:
        yield where


def gaps(form_class, where, skip=frozenset(), fields=None):
    missing = []
    for place, field in form_fields(form_class, where, fields):
        if set(place.split(".")[1:]) & skip or field.widget.is_hidden:
            continue  # left out above, or never seen (an image's focal point, set by dragging)
        if not field.help_text:
            missing.append(place)
        block = getattr(field, "block", None)
        if block is not None:
            missing.extend(block_gaps(block, place))
    return missing


def editor_page_models():
    return [model for model in get_page_models() if model is not Page]


@pytest.mark.django_db  # building the form reads the choosers' choices
@pytest.mark.parametrize("model", editor_page_models(), ids=lambda m: m.__name__)
def test_page_editor_fields_have_help_text(model):
    form_class = model.get_edit_handler().get_form_class()
    skip = WAGTAIL_PAGE_FIELDS | NOT_EDITOR_FIELDS
    # A built form, not the class: the schedule's help text names the site's time zone, so the
    # form sets it when it is made.
    fields = form_class(instance=model()).fields
    missing = gaps(form_class, model.__name__, skip, fields)
    assert not missing, "No help text: " + ", ".join(missing)


def test_the_wagtail_page_fields_left_out_do_have_help_text():
    form_class = editor_page_models()[0].get_edit_handler().get_form_class()
    for name in WAGTAIL_PAGE_FIELDS:
        assert form_class.base_fields[name].help_text, name


@pytest.mark.parametrize(
    "model",
    [*get_snippet_models(), *settings_registry],
    ids=lambda m: m.__name__,
)
@pytest.mark.django_db  # building the form reads the choosers' choices
def test_snippet_and_setting_fields_have_help_text(model):
    # The form the admin builds: a snippet's viewset may give it a form of its own.
    viewset = getattr(model, "snippet_viewset", None)
    handler = viewset.get_edit_handler() if viewset else get_edit_handler(model)
    form_class = handler.get_form_class()
    # A built form, as for pages: a banner's schedule help text names the site's time zone.
    fields = form_class(instance=model()).fields
    missing = gaps(form_class, model.__name__, NOT_EDITOR_FIELDS, fields)
    assert not missing, "No help text: " + ", ".join(missing)


@pytest.mark.parametrize(
    "form_class",
    [
        get_image_form(get_image_model()),
        get_image_multi_form(get_image_model()),
        get_document_form(get_document_model()),
        get_document_multi_form(get_document_model()),
    ],
    ids=["image", "image in multiple upload", "document", "document in multiple upload"],
)
def test_upload_form_fields_have_help_text(db, form_class):
    # The upload forms add their help as they are made (security.uploads).
    missing = gaps(form_class, form_class.__name__, fields=form_class().fields)
    assert not missing, "No help text: " + ", ".join(missing)


def test_the_walk_reaches_the_article_body_blocks():
    """Guards the walk itself: it sees the body's blocks and their children."""
    from news.models import NewsArticlePage

    body = NewsArticlePage._meta.get_field("body")
    assert isinstance(body, StreamField)
    places = set()

    def collect(block, where):
        places.add(where)
        for name, child in getattr(block, "child_blocks", {}).items():
            collect(child, f"{where}.{name}")

    collect(body.stream_block, "body")
    assert {"body.paragraph", "body.image.image.alt_text", "body.image.image.decorative"} <= places


def test_the_body_image_block_has_the_parts_of_wagtails_own():
    """news.blocks.DescribedImageBlock rebuilds ImageBlock's parts to give them help text."""
    from wagtail.images.blocks import ImageBlock

    from news.blocks import DescribedImageBlock

    ours, wagtails = DescribedImageBlock().child_blocks, ImageBlock().child_blocks
    assert list(ours) == list(wagtails)
    for name, part in ours.items():
        assert type(part) is type(wagtails[name]), name
        assert part.label == wagtails[name].label, name
        assert part.required == wagtails[name].required, name
        assert part.deconstruct()[0] == wagtails[name].deconstruct()[0], name
    assert DescribedImageBlock().deconstruct()[0] == "wagtail.images.blocks.ImageBlock"
