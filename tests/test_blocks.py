"""Every StreamField block, rendered in the graphic view and in the text-only view."""

from wagtail import blocks
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images.blocks import ImageBlock
from wagtail.models import get_page_models

import pytest
from bs4 import BeautifulSoup

from core.text_mode import text_only_mode
from news.blocks import (
    ArticleBodyBlock,
    ContactBlock,
    EmbedBlock,
    FigureBlock,
    HeadingBlock,
    ParagraphBlock,
    PullQuoteBlock,
)
from textonly.blocks import TextRenderableMixin

from .factories import ContactFactory, ImageFactory

pytestmark = pytest.mark.django_db

VIDEO_URL = "https://www.youtube.com/watch?v=abc123"
NOT_IN_TEXT = ["<img", "<picture", "<source", "<iframe", "<script", "<video", "<object"]


def stream_blocks_in_use():
    """Every block that can appear in any page's StreamFields, nested ones included."""
    found = {}

    def walk(block):
        found[type(block)] = block
        for child in getattr(block, "child_blocks", {}).values():
            walk(child)
        if isinstance(block, blocks.ListBlock):
            walk(block.child_block)

    for model in get_page_models():
        for field in model._meta.get_fields():
            stream_block = getattr(field, "stream_block", None)
            if stream_block is not None:
                for child in stream_block.child_blocks.values():
                    walk(child)
    return found


def top_level_blocks():
    return {type(b) for b in ArticleBodyBlock().child_blocks.values()}


def test_every_block_with_markup_of_its_own_has_a_text_rendering():
    # A struct or custom block renders through a template that may hold images or scripts, so
    # it must say how it renders as text. Plain fields inside them render as text already.
    plain_fields = (blocks.FieldBlock,)
    for block_type, block in stream_blocks_in_use().items():
        if isinstance(block, plain_fields) and not isinstance(block, TextRenderableMixin):
            assert not getattr(block.meta, "template", None), block_type
            continue
        if block_type.__module__.startswith("wagtail.") or issubclass(block_type, ImageBlock):
            continue  # Wagtail's own composite blocks nested inside ours (ImageBlock)
        assert isinstance(block, TextRenderableMixin), f"{block_type.__name__} has no text view"
        assert block.meta.text_template, block_type.__name__


@pytest.fixture
def samples():
    """A value for each top-level block, with what each view must show."""
    image = ImageFactory(title="Lab")
    contact = ContactFactory(name="Media office", phone="(804) 828-1234", email="m@example.org")
    # A cached embed, as Wagtail stores after fetching it, so no test reaches the network.
    Embed.objects.create(
        hash=get_embed_hash(VIDEO_URL, 800),
        url=VIDEO_URL,
        max_width=800,
        type="video",
        html='<iframe src="https://www.youtube.com/embed/abc123" title="x"></iframe>',
        title="Video",
        provider_name="YouTube",
        thumbnail_url="",
    )
    return {
        ParagraphBlock: (
            "<p>Patients <b>rebound</b> quickly.</p>",
            {"graphic": ["<b>rebound</b>"], "text": ["Patients rebound quickly."]},
        ),
        HeadingBlock: (
            {"text": "Who can receive IL-2", "level": "h2"},
            {"graphic": ["<h2"], "text": ["<h2", "Who can receive IL-2"]},
        ),
        FigureBlock: (
            {
                "image": {
                    "image": image.pk,
                    "alt_text": "A researcher at a bench",
                    "decorative": False,
                },
                "caption": "In the lab",
                "credit": "Photo: A. Smith",
            },
            {
                "graphic": ['alt="A researcher at a bench"', "<picture", "In the lab"],
                "text": ["A researcher at a bench [View Image]", image.file.url, "In the lab"],
            },
        ),
        PullQuoteBlock: (
            {
                "quote": "It is a safe drug.",
                "attribution": "Dr. Phan",
                "attribution_role": "Surgeon",
            },
            {
                "graphic": ["<blockquote", "“It is a safe drug.”", "Dr. Phan"],
                "text": ["“It is a safe drug.”", "— Dr. Phan, Surgeon"],
            },
        ),
        ContactBlock: (
            {"intro": "To learn more, please contact", "contact": contact.pk},
            {
                "graphic": ['href="tel:+18048281234"', 'href="mailto:m@example.org"'],
                "text": [
                    "To learn more, please contact Media office",
                    'href="tel:+18048281234"',
                ],
            },
        ),
        EmbedBlock: (
            {"embed": VIDEO_URL, "title": "How IL-2 works", "caption": "Two minutes"},
            {
                "graphic": ["<iframe", "How IL-2 works"],
                "text": ["How IL-2 works", f'href="{VIDEO_URL}"'],
            },
        ),
    }


def render(block_type, raw_value):
    block = next(b for b in ArticleBodyBlock().child_blocks.values() if type(b) is block_type)
    value = block.to_python(raw_value)
    return str(block.render(value, context={}))


def test_samples_cover_every_top_level_block(samples):
    assert set(samples) == top_level_blocks()


@pytest.mark.parametrize("block_type", sorted(top_level_blocks(), key=lambda b: b.__name__))
def test_block_renders_in_both_views(block_type, samples):
    raw, expected = samples[block_type]
    graphic = render(block_type, raw)
    for piece in expected["graphic"]:
        assert piece in graphic, f"{piece!r} not in graphic {block_type.__name__}: {graphic}"
    with text_only_mode():
        text = render(block_type, raw)
    # Markup pieces are looked for in the HTML, words in what a reader sees.
    seen = text + " " + " ".join(BeautifulSoup(text, "html.parser").get_text(" ").split())
    for piece in expected["text"]:
        assert piece in seen, f"{piece!r} not in text: {text}"
    for tag in NOT_IN_TEXT:
        assert tag not in text, f"{tag} in text rendering of {block_type.__name__}"


def test_decorative_figure_disappears_from_text_view():
    image = ImageFactory()
    raw = {"image": {"image": image.pk, "alt_text": "", "decorative": True}, "caption": ""}
    assert 'alt=""' in render(FigureBlock, raw)
    with text_only_mode():
        assert "[View Image]" not in render(FigureBlock, raw)


def test_contact_block_with_inline_details():
    raw = {"name": "Dr. Phan", "phone": "(804) 828-9325", "email": "phan@example.org"}
    html = render(ContactBlock, raw)
    assert 'href="tel:+18048289325"' in html
    assert "(804) 828-9325</a> or email" in html


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ({"name": "", "phone": "(804) 828-9325"}, "name"),
        ({"name": "Dr. Phan"}, "phone"),
        ({"name": "Dr. Phan", "phone": "call me"}, "phone"),
    ],
)
def test_contact_block_refuses_incomplete_details(raw, field):
    from wagtail.blocks.struct_block import StructBlockValidationError

    block = ContactBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python(raw))
    assert field in error.value.block_errors


def test_contact_block_refuses_both_a_saved_contact_and_inline_details():
    from wagtail.blocks.struct_block import StructBlockValidationError

    contact = ContactFactory()
    block = ContactBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"contact": contact.pk, "name": "Someone else"}))
    assert "name" in error.value.block_errors


def test_figure_needs_alt_text_unless_decorative():
    from wagtail.blocks.struct_block import StructBlockValidationError

    image = ImageFactory()
    block = FigureBlock()
    value = block.to_python({"image": {"image": image.pk, "alt_text": "", "decorative": False}})
    with pytest.raises(StructBlockValidationError):
        block.clean(value)
