"""A failed image upload, as communications staff see it in the admin: the reason comes first.

Signed in as a writer of "Communications staff" in real Chromium. The test settings differ from
`make run` only in the database and the test runner's own server; the upload limits and forms
are the base settings both use.
"""

import pytest
from playwright.sync_api import expect

from .test_editorial_flow_browser import admin_page, newsroom, sign_in  # noqa: F401 (fixture)
from .test_uploads import BAD_IMAGES, image_bytes

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

REMINDER = "Please provide an image description"
# Each bad file, as a person would name it, and the start of the reason they must see first.
FAILURES = {
    "broken-scan.jpg": ("truncated jpeg", "This image is damaged or incomplete"),
    "notes.jpg": ("text named .jpg", "Upload a valid image"),
    "huge.jpg": ("oversized", "This file is too big"),
    "logo.svg": ("svg with script", "Not a supported image format"),
    "bomb.png": ("decompression bomb", "This image has too many pixels"),
    "fireworks.gif": ("long animation", "This animation has too many pixels"),
}


@pytest.fixture
def files(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    folder = tmp_path / "desktop"
    folder.mkdir()
    paths = {}
    for name, (case, _reason) in FAILURES.items():
        paths[name] = folder / name
        paths[name].write_bytes(BAD_IMAGES[case][1])
    paths["ward-photo.jpg"] = folder / "ward-photo.jpg"
    paths["ward-photo.jpg"].write_bytes(image_bytes())
    return paths


def visible_lines(locator):
    return [line.strip() for line in locator.inner_text().splitlines() if line.strip()]


def test_each_failed_upload_leads_with_its_reason(new_context, newsroom, files):  # noqa: F811
    base, _news = newsroom
    page = admin_page(new_context)
    sign_in(page, base, "sam")
    page.get_by_role("link", name="Images").click()
    page.get_by_role("link", name="Add an image").click()
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Or choose from your computer").click(force=True)
    chooser.value.set_files([str(path) for path in files.values()])

    uploaded = page.get_by_role("listitem").filter(has_text="ward-photo.jpg")
    expect(uploaded.get_by_text("Upload successful. Please update")).to_be_visible()
    for name, (_case, reason) in FAILURES.items():
        item = page.get_by_role("listitem").filter(has_text=name)
        expect(item.get_by_text(reason)).to_be_visible()
        lines = visible_lines(item)
        assert lines[0] == name
        assert lines[1].startswith(reason), f"{name}: the first message is {lines[1]!r}"
        assert "Sorry, upload failed." not in lines
        weight = item.get_by_text(reason).evaluate("e => getComputedStyle(e).fontWeight")
        assert int(weight) >= 700, f"{name}: the reason is not in bold"
    # Not the reason for any failure; the Description field's help text asks for it instead.
    expect(page.get_by_text(REMINDER)).to_have_count(len(files))
    for reminder in page.get_by_text(REMINDER).all():
        expect(reminder).to_be_hidden()
    expect(uploaded.get_by_role("textbox", name="Description")).to_be_visible()
    expect(uploaded.get_by_text("What the picture shows, in a sentence")).to_be_visible()


def test_chooser_upload_tab_shows_the_reason_under_the_file(new_context, newsroom, files):  # noqa: F811
    base, news = newsroom
    page = admin_page(new_context)
    sign_in(page, base, "sam")
    page.goto(f"{base}/admin/pages/{news.pk}/")
    page.get_by_role("link", name="Add child page").first.click()
    page.get_by_role("button", name="Choose an image").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("tab", name="Upload").click()
    for name in ("broken-scan.jpg", "huge.jpg"):
        reason = FAILURES[name][1]
        dialog.get_by_label("Title").fill(f"Try {name}")
        dialog.get_by_label("File").set_input_files(str(files[name]))
        dialog.get_by_role("button", name="Upload").click()
        expect(dialog.get_by_text(reason)).to_be_visible()
        errors = [line for line in visible_lines(dialog) if REMINDER in line or reason in line]
        assert errors[0].startswith(reason)
        expect(dialog.get_by_text(REMINDER)).to_have_count(0)
