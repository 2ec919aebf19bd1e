"""Crafted bad files uploaded through the admin: each gets a clear message, nothing is saved."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

import pytest
from PIL import Image

from .editorial import newsroom

IMAGE_ADD = "/admin/images/add/"
DOCUMENT_ADD = "/admin/documents/add/"


def image_bytes(size=(40, 30), kind="JPEG", mode="RGB"):
    buffer = io.BytesIO()
    Image.new(mode, size, "teal").save(buffer, kind)
    return buffer.getvalue()


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


SVG_WITH_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script>'
    b'<rect width="10" height="10"/></svg>'
)

BAD_IMAGES = {
    "text named .jpg": ("photo.jpg", b"This is not a picture, whatever its name says.\n" * 20),
    "png named .jpg": ("photo.jpg", image_bytes(kind="PNG")),
    "truncated jpeg": ("photo.jpg", image_bytes((800, 600))[:1500]),
    # 9,000 x 9,000 pixels of one colour: a few hundred KB on disk, 81 megapixels in memory.
    "decompression bomb": ("bomb.png", image_bytes((9000, 9000), kind="PNG", mode="1")),
    "svg with script": ("logo.svg", SVG_WITH_SCRIPT),
    # A real JPEG padded past the 10 MB limit.
    "oversized": ("huge.jpg", image_bytes() + b"\x00" * (10 * 1024 * 1024)),
}
EXPECTED_MESSAGE = {
    "text named .jpg": "Upload a valid image",
    "png named .jpg": "Not a valid .jpeg image",
    "truncated jpeg": "This image is damaged or incomplete",
    "decompression bomb": "too many pixels",
    "svg with script": "Not a supported image format",
    "oversized": "This file is too big",
}

BAD_DOCUMENTS = {
    "web page named .pdf": ("report.pdf", b"<html><script>alert(1)</script></html>"),
    "program named .docx": ("letter.docx", b"MZ\x90\x00" + b"\x00" * 200),
    "binary named .csv": ("data.csv", b"\x00\x01\x02\xff" * 100),
    "program": ("setup.exe", b"MZ\x90\x00" + b"\x00" * 200),
    "svg": ("diagram.svg", SVG_WITH_SCRIPT),
    "html": ("page.html", b"<html><script>alert(1)</script></html>"),
}
EXPECTED_DOCUMENT_MESSAGE = {
    "web page named .pdf": "not a .pdf file",
    "program named .docx": "not a .docx file",
    "binary named .csv": "not a .csv file",
    "program": "is not allowed. Allowed extensions are: csv, docx",
    "svg": "is not allowed. Allowed extensions are: csv, docx",
    "html": "is not allowed. Allowed extensions are: csv, docx",
}


@pytest.fixture
def staff_client(client, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    staff, _editor = newsroom()
    client.force_login(staff)
    return client


def stored_files(root):
    return sorted(path.name for path in root.rglob("*") if path.is_file())


def upload(client, url, name, content):
    return client.post(url, {"title": "Upload", "file": SimpleUploadedFile(name, content)})


@pytest.mark.parametrize("case", BAD_IMAGES)
def test_bad_image_is_refused_with_a_message_and_nothing_saved(staff_client, settings, case):
    name, content = BAD_IMAGES[case]
    response = upload(staff_client, IMAGE_ADD, name, content)
    assert response.status_code == 200, "the form comes back with the error"
    assert EXPECTED_MESSAGE[case] in response.content.decode()
    assert get_image_model().objects.count() == 0
    assert stored_files(settings.MEDIA_ROOT) == []


@pytest.mark.parametrize("case", BAD_DOCUMENTS)
def test_bad_document_is_refused_with_a_message_and_nothing_saved(staff_client, settings, case):
    name, content = BAD_DOCUMENTS[case]
    response = upload(staff_client, DOCUMENT_ADD, name, content)
    assert response.status_code == 200
    assert EXPECTED_DOCUMENT_MESSAGE[case] in response.content.decode()
    assert get_document_model().objects.count() == 0
    assert stored_files(settings.MEDIA_ROOT) == []


def test_oversized_document_is_refused(staff_client, settings):
    settings.DOCUMENT_MAX_UPLOAD_SIZE = 1024
    response = upload(staff_client, DOCUMENT_ADD, "big.pdf", b"%PDF-1.7\n" + b"0" * 2048)
    assert "the largest allowed is 1.0\xa0KB" in response.content.decode()
    assert get_document_model().objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content"),
    [("photo.jpg", image_bytes()), ("chart.png", image_bytes(kind="PNG"))],
)
def test_good_images_are_accepted(staff_client, name, content):
    response = upload(staff_client, IMAGE_ADD, name, content)
    assert response.status_code == 302
    assert get_image_model().objects.get().file.name.endswith(name.rsplit(".")[1])


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"),
        ("letter.docx", docx_bytes()),
        ("figures.csv", "year,patients\n2025,1204\nnaïve,0\n".encode()),
    ],
)
def test_good_documents_are_accepted(staff_client, name, content):
    response = upload(staff_client, DOCUMENT_ADD, name, content)
    assert response.status_code == 302
    assert get_document_model().objects.count() == 1


def test_multiple_uploader_refuses_a_truncated_image(staff_client):
    response = staff_client.post(
        "/admin/images/multiple/add/",
        {"files[]": SimpleUploadedFile("photo.jpg", image_bytes((800, 600))[:1500])},
    )
    assert response.status_code == 200
    assert response.json()["success"] is False
    assert "damaged or incomplete" in response.json()["error_message"]
    assert get_image_model().objects.count() == 0
