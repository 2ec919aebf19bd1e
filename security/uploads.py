"""Upload checks beyond Wagtail's own, judged by a file's content rather than its name.

Wagtail already refuses image extensions outside WAGTAILIMAGES_EXTENSIONS (so no SVG, which can
carry script), content that does not match the extension and files over the size limit. These
forms add what it leaves to rendering time: an image must decode in full, every frame of it (a
truncated file would otherwise fail later, on a reader's page); its pixels are counted over all
its frames (Willow counts one frame of an animation); and a document's bytes must be of the type
its extension claims. Every image that cannot be read gets the same message, whatever part of
the file is broken.
"""

import os
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from PIL import Image, ImageSequence

# How each allowed document type starts; text types must be readable text instead.
ZIP = (b"PK\x03\x04",)
DOCUMENT_SIGNATURES = {
    "pdf": (b"%PDF-",),
    "docx": ZIP,
    "xlsx": ZIP,
    "pptx": ZIP,
    "odt": ZIP,
    "key": ZIP,
    "zip": ZIP,
    "rtf": (b"{\\rtf",),
}
TEXT_DOCUMENTS = {"csv", "txt"}


# What Pillow raises on a file it cannot read: a truncated or corrupt file (OSError, SyntaxError),
# a compressed text chunk that inflates past its limit (ValueError), and more pixels than it
# will read at all (DecompressionBombError, past twice Image.MAX_IMAGE_PIXELS).
UNREADABLE = (OSError, ValueError, SyntaxError, Image.DecompressionBombWarning)


MAX_ANIMATION_FRAMES = 1000


def damaged_image():
    return ValidationError(
        "This image is damaged or incomplete, so it cannot be shown. "
        "Export it again from the original and upload the new file.",
        code="image_does_not_decode",
    )


def too_many_pixels(pixels, limit, size=None, frames=1):
    megapixels, allowed = f"{pixels / 1e6:,.0f}", f"{limit / 1e6:,.0f}"
    if size is None:  # more than Pillow will measure
        return ValidationError(
            f"This image has too many pixels: more than {megapixels} megapixels. The largest "
            f"allowed is {allowed} megapixels. Make it smaller and upload it again.",
            code="file_too_many_pixels",
        )
    width, height = size
    if frames > 1:
        return ValidationError(
            f"This animation has too many pixels: {frames:,} frames of {width:,} × {height:,}, "
            f"{megapixels} megapixels in all. The largest allowed is {allowed} megapixels. Use "
            "fewer or smaller frames, or upload a still image.",
            code="file_too_many_pixels",
        )
    return ValidationError(
        f"This image has too many pixels: {width:,} × {height:,}, {megapixels} megapixels. The "
        f"largest allowed is {allowed} megapixels. Make it smaller and upload it again.",
        code="file_too_many_pixels",
    )


class DecodingImageField(WagtailImageField):
    """Wagtail's image field, which also decodes the whole upload before accepting it."""

    def to_python(self, data):
        try:
            upload = super().to_python(data)
        except Image.DecompressionBombError as error:
            raise too_many_pixels(2 * Image.MAX_IMAGE_PIXELS, self.max_image_pixels) from error
        except UNREADABLE as error:  # Wagtail reads the header to check format and size
            raise damaged_image() from error
        if upload is not None:
            check_image_decodes(upload)
        return upload

    def check_image_pixel_size(self, f):
        """Wagtail's pixel limit, over every frame of an animation (Wagtail's own check is
        given a frame count of 1 for every image Pillow opens)."""
        if self.max_image_pixels is None:
            return
        f.seek(0)
        try:
            with Image.open(f) as image:
                size, frames = image.size, getattr(image, "n_frames", 1)
        finally:
            f.seek(0)
        pixels = size[0] * size[1] * frames
        if pixels > self.max_image_pixels:
            raise too_many_pixels(pixels, self.max_image_pixels, size, frames)
        if frames > MAX_ANIMATION_FRAMES:
            # Tiny frames pass the pixel limit, yet each still costs time to decode.
            raise ValidationError(
                f"This animation has too many frames: {frames:,}. The most allowed is "
                f"{MAX_ANIMATION_FRAMES:,} (40 seconds at 25 frames a second). Shorten it, or "
                "upload a video to YouTube or Vimeo and add it to the story as an embed.",
                code="file_too_many_frames",
            )


# What each upload field is for, in the words of a communications office. Wagtail's own help
# (supported formats, size limit) stays after the file field's.
IMAGE_HELP = {
    "title": (
        "A name to find the picture by in the image library, for example "
        '"Infusion center nurses, 2026".'
    ),
    "file": "A photo or graphic from your computer.",
    "description": (
        "What the picture shows, in a sentence, for people who cannot see it. Offered as the "
        "alt text when the picture is put into a story, where it can be changed. For example "
        '"A nurse checks an infusion pump beside a patient."'
    ),
}
DOCUMENT_HELP = {
    "title": (
        'A name to find the document by in the document library, for example "Visitor guide 2026".'
    ),
    "file": "A PDF, Word, Excel, PowerPoint, text or zip file from your computer.",
}
SHARED_HELP = {
    "collection": "The library folder to keep it in. Folders decide who else can use it.",
    "tags": (
        "Words to find it by in the library, such as the department or event. "
        "Separate them with commas. Readers do not see them."
    ),
}


def add_help(form, help_texts):
    for name, help_text in {**help_texts, **SHARED_HELP}.items():
        field = form.fields.get(name)
        if field is not None:
            field.help_text = " ".join(filter(None, [help_text, field.help_text]))


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        add_help(self, IMAGE_HELP)
        # Wagtail builds the file field itself (and leaves it out of the multiple uploader's
        # edit form), so the stricter field takes over the one it built.
        if "file" in self.fields:
            self.fields["file"].__class__ = DecodingImageField


def check_image_decodes(upload):
    """Every frame decodes; the pixel limit has bounded the work this takes."""
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                for frame in ImageSequence.Iterator(image):
                    frame.load()
    except UNREADABLE as error:
        raise damaged_image() from error
    finally:
        upload.seek(0)


class DocumentForm(BaseDocumentForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        add_help(self, DOCUMENT_HELP)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            check_document(upload)
        return upload


def check_document(upload):
    limit = settings.DOCUMENT_MAX_UPLOAD_SIZE
    if upload.size > limit:
        raise ValidationError(
            f"This file is {filesizeformat(upload.size)}; the largest allowed is "
            f"{filesizeformat(limit)}.",
            code="document_too_large",
        )
    extension = os.path.splitext(upload.name)[1].lower().lstrip(".")
    if extension not in DOCUMENT_SIGNATURES and extension not in TEXT_DOCUMENTS:
        return  # Wagtail refuses extensions outside WAGTAILDOCS_EXTENSIONS itself
    upload.seek(0)
    head = upload.read(4096)
    upload.seek(0)
    if extension in TEXT_DOCUMENTS:
        readable = b"\x00" not in head
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:
            # A multi-byte character may be cut at the 4 KB boundary.
            readable = readable and error.start >= len(head) - 3
    else:
        readable = head.startswith(DOCUMENT_SIGNATURES[extension])
    if not readable:
        raise ValidationError(
            f"This file's contents are not a .{extension} file. Upload the document in the "
            "format its name says.",
            code="document_content_mismatch",
        )
