"""How many actions a writer needs to enter a realistic story, in a real browser.

A member of the communications staff starts on the dashboard and enters a story with a lead
image, two headings, three paragraphs, a bulleted list, a pull quote, two contacts (one saved,
one typed in) and a new author made on the spot, previews it in both views and submits it to
Editorial review. The test finds everything by what the admin shows (roles, labels, texts), never
by id or CSS, and counts every click, field typed, option selected and key pressed through one
wrapper; it fails above the budget. Typing one field's text is one action, paragraph breaks
included, as filling a text area is. Signing in is not counted.

The admin runs as `make run` has it, autosave included (Wagtail's default interval).
"""

import time

import django.apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from editorial.roles import STAFF_GROUP, install_editorial_roles
from news.models import Author, NewsArticlePage

from .conftest import build_site_tree
from .factories import AuthorFactory, CategoryFactory, ContactFactory, ImageFactory
from .test_editorial_flow_browser import PASSWORD, admin_page, leave_admin, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BUDGET = 40

TITLE = "Massey opens a melanoma immunotherapy trial for patients whose cancer has spread — and "
TITLE += "who have already tried at least one other treatment"
NEW_AUTHOR = "Zoë Ångström-Nguyễn"
FIRST_PARAGRAPHS = [
    "Massey Cancer Center has opened a trial of a new immunotherapy for melanoma that has spread.",
    "The trial will enrol 120 patients over two years at the infusion center.",
]
LIST_INTRO = "Adults may join the trial if they:"
LIST_ITEMS = ["have stage III or IV melanoma", "have finished at least one other treatment"]
QUOTE = "This trial gives patients another option when standard treatment stops working."
HEADINGS = ["Who can take part", "How to join"]


class Actions:
    """Does what the writer does, and counts it: each click, field typed, option selected and
    key pressed is one action."""

    def __init__(self, page):
        self.page = page
        self.log = []

    @property
    def count(self):
        return len(self.log)

    def _note(self, what):
        self.log.append(what)

    def click(self, locator):
        self._note("click")
        locator.click()

    def fill(self, locator, text, *, key_by_key=False):
        """Type a field's text. ``key_by_key`` for a field the admin follows key by key (the
        title fills in the page's address as it is typed)."""
        self._note("type")
        if key_by_key:
            locator.press_sequentially(text)
        else:
            locator.fill(text)

    def type(self, text):
        """Type into the field that has focus (a rich text block just inserted)."""
        self._note("type")
        # A person sees the cursor in the new block before typing; a loaded machine takes a
        # moment to put it there.
        deadline = time.monotonic() + 10
        while not self.page.evaluate("() => document.activeElement?.isContentEditable === true"):
            assert time.monotonic() < deadline, "the new block never took the cursor"
            time.sleep(0.05)
        self.page.keyboard.type(text)

    def select(self, locator, label):
        self._note("select")
        locator.select_option(label=label)

    def press(self, key):
        self._note(f"press {key}")
        self.page.keyboard.press(key)


@pytest.fixture
def writer_admin(live_server, new_context):
    _home, news = build_site_tree()
    install_editorial_roles(django.apps.apps)
    writer = get_user_model().objects.create_user(
        "sam", "sam@example.org", PASSWORD, first_name="Sam", last_name="Ölund"
    )
    writer.groups.add(Group.objects.get(name=STAFF_GROUP))
    AuthorFactory(name="Melissa Mitchell", slug="melissa-mitchell")
    for name in ("Clinical news", "Clinical trials", "Community"):
        CategoryFactory(name=name)
    ContactFactory(name="Clinical Trials Office", role="", email="trials@example.org")
    ContactFactory(name="Media office")
    ImageFactory(title="Infusion center")
    page = admin_page(new_context)
    sign_in(page, live_server.url, "sam")
    return live_server.url, page


def insert_block(act, page, block):
    act.click(page.get_by_role("button", name="Insert a block").last)
    # The menu just opened is the last one on the page (on a loaded machine the previous one
    # can still be closing).
    act.click(page.get_by_role("option", name=block, exact=True).filter(visible=True).last)
    # The new block takes focus once the menu has closed.
    expect(page.get_by_role("button", name="Insert a block", expanded=True)).to_have_count(0)


def last_field(page, label):
    return page.get_by_role("textbox", name=label, exact=True).last


def choose_in_modal(act, page, button, item):
    act.click(page.get_by_role("button", name=button))
    dialog = page.get_by_role("dialog")
    act.click(dialog.get_by_role("link", name=item))
    expect(dialog).to_be_hidden()


def preview_both_views(act, page):
    """The preview side panel, switched from one view to the other."""
    act.click(page.get_by_role("button", name="Toggle preview"))
    panel = page.get_by_role("complementary", name="Preview")
    expect(panel).to_be_visible()
    mode = panel.get_by_label("Preview mode")
    expect(mode).to_have_value("")  # the graphic view
    act.select(mode, "Text-only view")
    expect(mode).to_have_value("text")


def enter_story(act, page):
    act.click(page.get_by_role("link", name="Write a news story"))
    expect(page.get_by_role("navigation", name="Breadcrumb")).to_contain_text("New: News article")

    act.fill(page.get_by_role("textbox", name="Title*"), TITLE, key_by_key=True)
    act.fill(page.get_by_role("textbox", name="Summary*"), "A new trial for advanced melanoma.")
    choose_in_modal(act, page, "Choose an image", "Infusion center")
    act.fill(page.get_by_role("textbox", name="Alt text"), "Nurses at the infusion center")

    insert_block(act, page, "Paragraph")
    act.type("\n".join(FIRST_PARAGRAPHS))
    insert_block(act, page, "Pull quote")
    act.fill(last_field(page, "Quote*"), QUOTE)
    act.fill(last_field(page, "Attribution*"), NEW_AUTHOR)
    insert_block(act, page, "Heading")
    act.fill(last_field(page, "Text*"), HEADINGS[0])
    insert_block(act, page, "Paragraph")
    # "- " at the start of a line begins a bulleted list, as in a word processor.
    act.type("\n".join([LIST_INTRO, "- " + LIST_ITEMS[0], LIST_ITEMS[1]]))
    insert_block(act, page, "Heading")
    act.fill(last_field(page, "Text*"), HEADINGS[1])
    insert_block(act, page, "Contact")
    choose_in_modal(act, page, "Choose contact", "Clinical Trials Office")
    insert_block(act, page, "Contact")
    act.fill(last_field(page, "Name"), "Melanoma clinic")
    act.fill(last_field(page, "Phone"), "(804) 828-9325")

    act.click(page.get_by_role("button", name="Add author"))
    dialog = page.get_by_role("dialog")
    act.click(dialog.get_by_role("tab", name="New author"))
    act.fill(dialog.get_by_role("textbox", name="Name*"), NEW_AUTHOR)
    act.click(dialog.get_by_role("button", name="Add author"))
    expect(dialog).to_be_hidden()
    expect(page.get_by_text(NEW_AUTHOR, exact=True)).to_be_visible()
    choose_in_modal(act, page, "Choose category", "Clinical trials")

    preview_both_views(act, page)

    with page.expect_navigation():
        act.click(page.get_by_role("button", name="Submit to Editorial review"))
    expect(page.get_by_role("row").filter(has_text=TITLE[:40])).to_contain_text(
        "in Editorial review"
    )


def test_a_writer_enters_a_whole_story_within_the_budget(writer_admin, new_context):
    base, page = writer_admin
    act = Actions(page)
    enter_story(act, page)
    leave_admin(page)
    print(f"\nactions: {act.count} (budget {BUDGET}): {', '.join(act.log)}")
    assert act.count <= BUDGET, f"{act.count} actions: {act.log}"

    # What was submitted: every block in order, the new author, the picked contact.
    story = NewsArticlePage.objects.get()
    assert story.workflow_in_progress
    submitted = story.get_latest_revision_as_object()
    assert submitted.title == TITLE
    assert [block.block_type for block in submitted.body] == [
        "paragraph",
        "pull_quote",
        "heading",
        "paragraph",
        "heading",
        "contact",
        "contact",
    ]
    body = submitted.body
    first = BeautifulSoup(body[0].value.source, "html.parser")
    second = BeautifulSoup(body[3].value.source, "html.parser")
    assert [p.get_text() for p in first.find_all("p")] == FIRST_PARAGRAPHS
    assert [p.get_text() for p in second.find_all("p")] == [LIST_INTRO]
    assert [li.get_text() for li in second.select("ul > li")] == LIST_ITEMS
    assert (body[1].value["quote"], body[1].value["attribution"]) == (QUOTE, NEW_AUTHOR)
    assert [body[2].value["text"], body[4].value["text"]] == HEADINGS
    assert body[5].value["contact"].name == "Clinical Trials Office"
    typed = body[6].value
    assert (typed["contact"], typed["name"], typed["phone"]) == (
        None,
        "Melanoma clinic",
        "(804) 828-9325",
    )
    author = Author.objects.get(name=NEW_AUTHOR)
    assert author.slug == "zoe-angstrom-nguyen"
    assert submitted.authors == [author]
    assert submitted.category.name == "Clinical trials"
    assert submitted.lead_image.title == "Infusion center"
    assert submitted.lead_image_alt == "Nurses at the infusion center"

    # Once approved, readers see all of it, in both views.
    story.get_latest_revision().publish()
    story.refresh_from_db()
    reader = new_context().new_page()
    for view in ("", "/text"):
        response = reader.goto(base + view + story.url)
        assert response.status == 200
        main = reader.get_by_role("main")
        expect(main.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
        for heading in HEADINGS:
            expect(main.get_by_role("heading", name=heading)).to_be_visible()
        for paragraph in [*FIRST_PARAGRAPHS, LIST_INTRO]:
            expect(main.get_by_text(paragraph, exact=True)).to_be_visible()
        expect(main.get_by_role("listitem").filter(has_text=LIST_ITEMS[1])).to_be_visible()
        expect(main.get_by_text(QUOTE)).to_be_visible()
        expect(main.get_by_text(f"Written by: {NEW_AUTHOR}")).to_be_visible()
        expect(main.get_by_role("link", name="trials@example.org")).to_be_visible()
        phone = main.get_by_role("link", name="(804) 828-9325")
        expect(phone).to_have_attribute("href", "tel:+18048289325")
