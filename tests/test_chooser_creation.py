"""Adding an author, a contact or a category from the page editor's chooser, and drafts that
may be incomplete while submissions may not."""

import json
from types import SimpleNamespace

from wagtail.test.utils.form_data import inline_formset, streamfield

import pytest

from news.models import Author, Category, Contact, NewsArticlePage

from .editorial import newsroom
from .factories import AuthorFactory
from .helpers import visible_text
from .test_admin import article_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(news_index):
    return newsroom()


# The chooser modal's requests, as the editor's browser sends them.
MODAL = {"X-Requested-With": "XMLHttpRequest"}


def text_of(html):
    return visible_text(SimpleNamespace(content=html.encode()))


def chooser(client, model_name):
    """The chooser modal's visible text."""
    response = client.get(f"/admin/snippets/choose/news/{model_name}/", headers=MODAL)
    assert response.status_code == 200
    return text_of(json.loads(response.content)["html"])


def create(client, model_name, data):
    return client.post(f"/admin/snippets/choose/news/{model_name}/create/", data, headers=MODAL)


def modal_text(response):
    """What the modal shows after a refused creation: the form again, with its messages."""
    data = json.loads(response.content)
    assert data["step"] == "reshow_creation_form"
    return text_of(data["htmlFragment"])


def test_writers_are_offered_new_authors_and_contacts_but_not_categories(client, people):
    staff, _editor = people
    client.force_login(staff)
    assert "New author" in chooser(client, "author")
    assert "New contact" in chooser(client, "contact")
    category_chooser = chooser(client, "category")
    assert "Choose category" in category_chooser
    assert "New category" not in category_chooser
    assert "Add category" not in category_chooser


def test_editors_are_offered_new_categories(client, people):
    _staff, editor = people
    client.force_login(editor)
    assert "New category" in chooser(client, "category")
    response = create(client, "category", {"name": "Survivorship & wellness", "description": ""})
    assert json.loads(response.content)["step"] == "chosen"
    assert Category.objects.get().slug == "survivorship-wellness"
    response = create(client, "category", {"name": "Survivorship & wellness", "description": ""})
    assert "Category with this Name already exists." in modal_text(response)
    assert Category.objects.count() == 1


def test_a_writers_direct_request_for_a_category_is_refused(client, people):
    staff, _editor = people
    client.force_login(staff)
    response = create(client, "category", {"name": "Research", "description": ""})
    assert response.status_code == 403
    # The same request outside the modal is sent back to the dashboard with a message.
    url = "/admin/snippets/choose/news/category/create/"
    response = client.post(url, {"name": "Research", "description": ""}, follow=True)
    assert "Sorry, you do not have permission to access this area." in visible_text(response)
    assert not Category.objects.exists()


def test_a_new_author_is_chosen_at_once_with_an_address_made_from_the_name(client, people):
    staff, _editor = people
    client.force_login(staff)
    AuthorFactory(name="Zoë Ångström-Nguyễn", slug="zoe-angstrom-nguyen")

    response = create(client, "author", {"name": "Zoë Ångström-Nguyễn", "role": "Nurse"})
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["step"] == "chosen"
    author = Author.objects.get(pk=data["result"]["id"])
    assert data["result"]["string"] == "Zoë Ångström-Nguyễn"
    assert (author.name, author.role) == ("Zoë Ångström-Nguyễn", "Nurse")
    assert author.slug == "zoe-angstrom-nguyen-2"  # the first is taken

    create(client, "author", {"name": "王芳", "role": ""})
    assert Author.objects.get(name="王芳").slug == "author"


def test_an_author_without_a_name_gets_a_message_in_the_modal(client, people):
    staff, _editor = people
    client.force_login(staff)
    response = create(client, "author", {"name": "  ", "role": "Nurse"})
    assert response.status_code == 200
    shown = modal_text(response)
    assert shown.startswith("Name * This field is required.")
    assert "Add author" in shown  # still in the modal, to try again
    assert not Author.objects.exists()


def test_a_contact_without_a_phone_or_email_gets_a_message_in_the_modal(client, people):
    staff, _editor = people
    client.force_login(staff)
    response = create(client, "contact", {"name": "Trial office", "phone": "", "email": ""})
    assert "Give a phone number, an email address or both." in modal_text(response)
    response = create(client, "contact", {"name": "Trial office", "phone": "call us"})
    assert "Enter a phone number such as" in modal_text(response)
    assert not Contact.objects.exists()

    response = create(client, "contact", {"name": "Trial office", "phone": "(804) 828-9325"})
    assert json.loads(response.content)["step"] == "chosen"
    assert Contact.objects.get().phone == "(804) 828-9325"


# --- drafts and submissions ----------------------------------------------------------------


def add_url(news_index):
    return f"/admin/pages/add/news/newsarticlepage/{news_index.pk}/"


def autosave(client, url, data):
    """A request as the editor's autosave sends it."""
    return client.post(url, data, headers={"Accept": "application/json"})


EMPTY_CONTACT = dict.fromkeys(("intro", "contact", "name", "role", "phone", "email", "hours"), "")


def test_a_draft_may_lack_authors_alt_text_and_contact_details(client, people, news_index):
    staff, _editor = people
    client.force_login(staff)
    draft = article_form(
        article_authors=inline_formset([]),
        lead_image_alt="",
        body=streamfield([("contact", EMPTY_CONTACT)]),
    )
    response = autosave(client, add_url(news_index), draft)
    assert response.status_code == 200, response.content
    assert json.loads(response.content)["success"] is True
    story = NewsArticlePage.objects.get(slug="new-trial-opens")
    assert story.authors == []
    assert story.revisions.count() == 1

    # Submitting the same story names each missing piece, and nothing is submitted.
    response = client.post(f"/admin/pages/{story.pk}/edit/", {**draft, "action-submit": "1"})
    assert response.status_code == 200
    shown = visible_text(response)
    assert "Add at least one author under “Written by”." in shown
    assert "Describe the image, or tick “image is decorative”." in shown
    # Block errors reach the page as data for the block editor, which shows them by the field.
    assert "Choose a saved contact or give a name." in response.content.decode()
    story.refresh_from_db()
    assert not story.workflow_in_progress
    assert story.revisions.count() == 1


def test_a_story_with_an_author_is_submitted(client, people, news_index):
    staff, _editor = people
    client.force_login(staff)
    response = client.post(add_url(news_index), {**article_form(), "action-submit": "1"})
    assert response.status_code == 302
    story = NewsArticlePage.objects.get(slug="new-trial-opens")
    assert story.workflow_in_progress
    assert [author.name for author in story.authors] == [Author.objects.get().name]


def test_an_author_chosen_twice_is_in_the_byline_once(client, people, news_index):
    staff, _editor = people
    client.force_login(staff)
    author = AuthorFactory(name="Jane Writer")
    form = article_form(article_authors=inline_formset([{"author": author.pk}] * 2))
    response = client.post(add_url(news_index), form)
    assert response.status_code == 302
    story = NewsArticlePage.objects.get(slug="new-trial-opens")
    assert story.get_latest_revision_as_object().authors == [author]
