"""Crafted bad files uploaded through the admin: each gets a clear message, nothing is saved."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

import pytest
from PIL import Image, PngImagePlugin

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


def png_with_text_bomb():
    """A 10 x 10 PNG whose compressed comment inflates to 20 MB: Pillow refuses to read it."""
    comment = PngImagePlugin.PngInfo()
    comment.add_text("Comment", "A" * (20 * 1024 * 1024), zip=True)
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10), "teal").save(buffer, "PNG", pnginfo=comment)
    return buffer.getvalue()


def animated_gif(frames, size=(200, 200)):
    """An animation whose frames differ (identical frames would be merged when saved)."""
    images = [Image.new("L", size, frame % 250) for frame in range(frames)]
    buffer = io.BytesIO()
    images[0].save(buffer, "GIF", save_all=True, append_images=images[1:], duration=40, loop=0)
    return buffer.getvalue()


def with_broken_last_frame(gif):
    """The file as a camera or a crashed export leaves it: the end of the last frame is lost."""
    return gif[:-40]


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
    # 15,000 x 15,000: past the size Pillow refuses to measure at all.
    "huge decompression bomb": ("bomb.png", image_bytes((15000, 15000), kind="PNG", mode="1")),
    # 1,600 frames of 200 x 200: each frame is small, the animation is 64 megapixels.
    "long animation": ("loop.gif", animated_gif(1600)),
    # 1,500 frames of 2 x 2: far within the pixel limit, yet each frame is work to decode.
    "endless animation": ("loop.gif", animated_gif(1500, size=(2, 2))),
    "png text bomb": ("chart.png", png_with_text_bomb()),
    "animation with a broken frame": ("loop.gif", with_broken_last_frame(animated_gif(5))),
    "svg with script": ("logo.svg", SVG_WITH_SCRIPT),
    # A real JPEG padded past the 10 MB limit.
    "oversized": ("huge.jpg", image_bytes() + b"\x00" * (10 * 1024 * 1024)),
}
EXPECTED_MESSAGE = {
    "text named .jpg": "Upload a valid image",
    "png named .jpg": "Not a valid .jpeg image",
    "truncated jpeg": "This image is damaged or incomplete",
    "decompression bomb": "This image has too many pixels: 9,000 × 9,000, 81 megapixels. "
    "The largest allowed is 60 megapixels.",
    "huge decompression bomb": "This image has too many pixels: more than 179 megapixels.",
    "long animation": "This animation has too many pixels: 1,600 frames of 200 × 200, "
    "64 megapixels in all. The largest allowed is 60 megapixels.",
    "endless animation": "This animation has too many frames: 1,500. The most allowed is 1,000",
    "png text bomb": "This image is damaged or incomplete",
    "animation with a broken frame": "This image is damaged or incomplete",
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


def test_a_short_animation_is_accepted_whole(staff_client):
    response = upload(staff_client, IMAGE_ADD, "loop.gif", animated_gif(12))
    assert response.status_code == 302
    image = get_image_model().objects.get()
    with image.open_file() as file, Image.open(file) as stored:
        assert stored.n_frames == 12


def corrupt_png_data():
    """A PNG whose pixel data is garbled in the middle: the header reads, the image does not."""
    png = bytearray(image_bytes((300, 200), kind="PNG", mode="RGB"))
    data = png.index(b"IDAT") + 8
    png[data : data + 40] = b"\xff" * 40
    return bytes(png)


# Broken in different places: the header, the pixel data, a later frame, a text chunk.
DAMAGED_IMAGES = {
    "truncated jpeg": ("photo.jpg", image_bytes((800, 600))[:1500]),
    "truncated png": ("chart.png", image_bytes((800, 600), kind="PNG")[:600]),
    "png header only": ("chart.png", image_bytes(kind="PNG")[:30]),
    "garbled png data": ("chart.png", corrupt_png_data()),
    "truncated gif": ("loop.gif", animated_gif(3)[:200]),
    "animation with a broken frame": ("loop.gif", with_broken_last_frame(animated_gif(5))),
    "png text bomb": ("chart.png", png_with_text_bomb()),
}


def test_every_damaged_image_gets_the_same_message_in_both_uploaders(staff_client, settings):
    messages = set()
    for name, content in DAMAGED_IMAGES.values():
        response = upload(staff_client, IMAGE_ADD, name, content)
        assert response.status_code == 200, name
        messages.update(response.context["form"].errors["file"])
        response = staff_client.post(
            "/admin/images/multiple/add/", {"files[]": SimpleUploadedFile(name, content)}
        )
        assert response.status_code == 200, name
        messages.add(response.json()["error_message"])
    assert len(messages) == 1, messages
    assert "This image is damaged or incomplete" in messages.pop()
    assert get_image_model().objects.count() == 0
    assert stored_files(settings.MEDIA_ROOT) == []
