"""The blocks an article body is built from. Each renders in both views."""

import re
from types import SimpleNamespace

from django.core.exceptions import ValidationError

from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock as WagtailEmbedBlock
from wagtail.images.blocks import ImageBlock, ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock
from wagtail.whitelist import Whitelister, allow_without_attributes, attribute_rule, check_url

from core.phone import tel_href, validate_phone
from textonly.blocks import TextRenderableMixin


class StoredRichTextWhitelister(Whitelister):
    """What the paragraph editor can produce, in Wagtail's database format, and nothing else."""

    element_rules = {
        "[document]": allow_without_attributes,
        **dict.fromkeys(
            ("p", "b", "i", "strong", "em", "ol", "ul", "li", "br"), allow_without_attributes
        ),
        "a": attribute_rule({"href": check_url, "linktype": True, "id": True}),
        "embed": attribute_rule({"embedtype": True, "id": True, "format": True, "alt": True}),
    }


# Markup the editor never stores: another tag, an event handler or a script address.
FOREIGN_MARKUP = re.compile(
    r"<(?!/?(?:p|b|i|strong|em|ol|ul|li|br|a|embed)[\s/>])|\son\w+\s*=|javascript:", re.I
)


class ParagraphBlock(TextRenderableMixin, blocks.RichTextBlock):
    def to_python(self, value):
        # The editor only stores safe markup; text that reached the database another way (an
        # import, a shell) is held to the same rules before anyone reads it.
        if isinstance(value, str) and FOREIGN_MARKUP.search(value):
            value = StoredRichTextWhitelister().clean(value)
        return super().to_python(value)

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "features", ["bold", "italic", "link", "document-link", "ol", "ul", "image"]
        )
        kwargs.setdefault(
            "help_text",
            "The words of the story. Press Enter for a new paragraph; use the toolbar for bold, "
            "links and bulleted or numbered lists. Shown in both the graphic and text-only views.",
        )
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph_block.html"
        text_template = "blocks/paragraph_block.html"
        description = "Paragraphs of text, with links and lists."


class HeadingBlock(TextRenderableMixin, blocks.StructBlock):
    text = blocks.CharBlock(max_length=120, help_text="A few words that introduce what follows.")
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section heading"), ("h3", "Subheading")],
        default="h2",
        help_text="Use a subheading only under a section heading.",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        text_template = "blocks/heading_block.html"
        description = "A heading that divides the article into sections."


class DescribedImageBlock(ImageBlock):
    """Wagtail's image block, with help on its picture, alt text and decorative tick.

    ImageBlock's constructor only builds these three parts, without help text, so this one
    builds the same parts with it (tests/test_help_text.py fails if Wagtail's parts change). It is
    stored as Wagtail's ImageBlock, so nothing in the database changes."""

    def __init__(self, required=True, **kwargs):
        blocks.StructBlock.__init__(
            self,
            [
                (
                    "image",
                    ImageChooserBlock(
                        required=required,
                        help_text="Choose a picture from the library, or upload a new one.",
                    ),
                ),
                (
                    "decorative",
                    blocks.BooleanBlock(
                        default=False,
                        required=False,
                        label="Image is decorative",
                        help_text=(
                            "Tick only if the picture adds nothing a reader needs, such as a "
                            "background pattern. It then gets no alt text and screen readers "
                            "skip it."
                        ),
                    ),
                ),
                (
                    "alt_text",
                    blocks.CharBlock(
                        required=False,
                        label="Alt text",
                        help_text=(
                            "What the picture shows, read aloud to people who cannot see it. "
                            'For example "A nurse checks an infusion pump beside a patient." '
                            'No need to start with "Image of".'
                        ),
                    ),
                ),
            ],
            **kwargs,
        )


class FigureBlock(TextRenderableMixin, blocks.StructBlock):
    image = DescribedImageBlock(
        help_text="Describe the picture in the alt text, or tick it as decorative."
    )
    caption = blocks.CharBlock(required=False, help_text="Optional. Shown under the image.")
    credit = blocks.CharBlock(required=False, help_text='Optional, e.g. "Photo: Jane Doe".')

    class Meta:
        icon = "image"
        template = "blocks/figure_block.html"
        text_template = "blocks/figure_block.html"
        description = "An image with alt text, and an optional caption and credit."


class PullQuoteBlock(TextRenderableMixin, blocks.StructBlock):
    quote = blocks.TextBlock(help_text="The words spoken, without quotation marks.")
    attribution = blocks.CharBlock(help_text='Who said it, for example "Dr. Phan".')
    attribution_role = blocks.CharBlock(
        required=False,
        help_text="Optional: the speaker's role, shown after the name.",
    )

    class Meta:
        icon = "openquote"
        template = "blocks/pull_quote_block.html"
        text_template = "blocks/pull_quote_block.html"
        description = "A quotation set apart from the text, with who said it."


class ContactValue(blocks.StructValue):
    def details(self):
        """Who to contact: the chosen snippet if there is one, else the inline fields."""
        contact = self.get("contact")
        fields = {
            name: (getattr(contact, name) if contact else self.get(name)) or ""
            for name in ContactBlock.INLINE_FIELDS
        }
        return SimpleNamespace(**fields, tel_href=tel_href(fields["phone"]))


class ContactBlock(TextRenderableMixin, blocks.StructBlock):
    intro = blocks.CharBlock(
        required=False,
        help_text='Leads into the name, e.g. "To learn more about IL-2 therapy, please contact".',
    )
    contact = SnippetChooserBlock(
        "news.Contact",
        required=False,
        help_text="Choose a saved contact, or leave empty and fill in the details below.",
    )
    name = blocks.CharBlock(required=False, help_text="Used when no saved contact is chosen.")
    role = blocks.CharBlock(required=False, help_text="Optional.")
    phone = blocks.CharBlock(
        required=False,
        validators=[validate_phone],
        help_text="For example (804) 828-9325. Becomes a tap-to-call link.",
    )
    email = blocks.EmailBlock(required=False, help_text="Becomes a link that opens an email.")
    hours = blocks.CharBlock(required=False, help_text="Optional opening hours.")

    INLINE_FIELDS = ("name", "role", "phone", "email", "hours")

    class Meta:
        icon = "mail"
        template = "blocks/contact_block.html"
        text_template = "blocks/contact_block.html"
        value_class = ContactValue
        description = "Who to call or write to, with tap-to-call and email links."

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        inline = [name for name in self.INLINE_FIELDS if value.get(name)]
        if value.get("contact"):
            if inline:
                errors[inline[0]] = "Leave the details empty when a saved contact is chosen."
        elif self.is_deferred_validation:
            pass  # a draft's contact may still be half written; submitting checks it
        elif not value.get("name"):
            errors["name"] = "Choose a saved contact or give a name."
        elif not (value.get("phone") or value.get("email")):
            errors["phone"] = "Give a phone number, an email address or both."
        if errors:
            raise StructBlockValidationError(
                block_errors={name: ValidationError(msg) for name, msg in errors.items()}
            )
        return value


class EmbedBlock(TextRenderableMixin, blocks.StructBlock):
    embed = WagtailEmbedBlock(
        help_text="Address of a video or post, e.g. a YouTube or Vimeo link.",
        max_width=800,
    )
    title = blocks.CharBlock(
        help_text="Describes the media for screen readers and the text-only view."
    )
    caption = blocks.CharBlock(required=False, help_text="Optional. Shown under the media.")

    class Meta:
        icon = "media"
        template = "blocks/embed_block.html"
        text_template = "blocks/embed_block.text.html"
        description = "A video or other media from another site, with a title."


class ArticleBodyBlock(blocks.StreamBlock):
    # In the order the "Insert a block" menu offers them: what most stories use first (nearly
    # every story ends with whom to contact), pictures and media after.
    paragraph = ParagraphBlock()
    heading = HeadingBlock()
    contact = ContactBlock()
    pull_quote = PullQuoteBlock()
    image = FigureBlock()
    embed = EmbedBlock()
