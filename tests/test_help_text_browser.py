"""The help an editor reads in the page editor, in real Chromium: the blocks' own and their parts'.

tests/test_help_text.py checks every field has help; this checks the admin shows the help of
the parts Wagtail builds itself (the body image's alt text and decorative tick)."""

import pytest
from playwright.sync_api import expect

from .test_editorial_flow_browser import admin_page, newsroom, sign_in  # noqa: F401 (fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_body_blocks_show_their_help(new_context, newsroom):  # noqa: F811
    base, news = newsroom
    page = admin_page(new_context)
    sign_in(page, base, "sam")
    page.goto(f"{base}/admin/pages/{news.pk}/")
    page.get_by_role("link", name="Add child page").first.click()
    page.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="Paragraph").click()
    expect(page.get_by_text("The words of the story. Press Enter")).to_be_visible()
    page.get_by_role("button", name="Insert a block").last.click()
    page.get_by_role("option", name="Image").click()
    expect(page.get_by_text("Choose a picture from the library, or upload")).to_be_visible()
    expect(page.get_by_text("What the picture shows, read aloud")).to_be_visible()
    expect(page.get_by_text("Tick only if the picture adds nothing")).to_be_visible()
