"""Upload checks beyond Wagtail's own, judged by a file's content rather than its name.

Wagtail already refuses image extensions outside WAGTAILIMAGES_EXTENSIONS (so no SVG, which can
carry script), content that does not match the extension, files over the size limit and images
with too many pixels. These forms add what it leaves to rendering time: an image must decode in
full (a truncated file would otherwise fail later, on a reader's page), and a document's bytes
must be of the type its extension claims.
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

from PIL import Image

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


def damaged_image():
    return ValidationError(
        "This image is damaged or incomplete, so it cannot be shown. "
        "Export it again from the original and upload the new file.",
        code="image_does_not_decode",
    )


class DecodingImageField(WagtailImageField):
    """Wagtail's image field, which also decodes the whole upload before accepting it."""

    def to_python(self, data):
        try:
            upload = super().to_python(data)
        except OSError as error:  # Wagtail counts frames, which reads a truncated file
            raise damaged_image() from error
        if upload is not None:
            check_image_decodes(upload)
        return upload


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
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                image.load()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombWarning) as error:
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
