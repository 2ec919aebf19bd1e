"""Images and documents stay under embargo until a page that uses them is live.

The sweep (tests/test_embargo.py) covers every story state on every surface; these are the
cases around it: what an editor's drafts of a live story do, site-wide media, staff and
readers a private story admits, and what the checks cost.
"""

import json

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import Collection, PageViewRestriction, ReferenceIndex
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest
import wagtail_factories

from core.models import SiteSettings
from news.models import NewsArticlePage

from .factories import (
    AuthorFactory,
    CategoryFactory,
    ImageFactory,
    NewsArticlePageFactory,
    paragraph,
)
from .helpers import soup

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_served(settings, tmp_path):
    """/media/ served as `make run` serves it (the test settings leave SERVE_MEDIA off)."""
    settings.ROOT_URLCONF = "tests.media_urls"
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("erin", "erin@example.org", "pw")
    editor = type(client)()
    editor.force_login(user)
    return editor


def briefing(title="Note aux journalistes – essai de phase II"):
    return wagtail_factories.DocumentFactory(
        title=title, file=ContentFile(b"%PDF-1.4 briefing", name="note-résultats.pdf")
    )


def document_link(document):
    return f'<p>See the <a linktype="document" id="{document.pk}">briefing</a>.</p>'


def body_linking(document):
    return json.dumps([paragraph(document_link(document))])


def listed_images(client):
    response = client.get("/api/v2/images/")
    assert response.status_code == 200
    return {item["title"] for item in response.json()["items"]}


def story_form(lead_image, body_html, author, category, **extra):
    return nested_form_data(
        {
            "title": "Phase II results for IL-2 — embargoed until Tuesday",
            "slug": "phase-ii-results",
            "summary": "What the trial found.",
            "lead_image": lead_image.pk,
            "lead_image_alt": "Giao Phan, M.D., in the infusion suite",
            "category": category.pk,
            "body": streamfield([("paragraph", rich_text(body_html))]),
            "article_authors": inline_formset([{"author": author.pk}]),
            "related_picks": inline_formset([]),
            "tags": "melanoma",
            **extra,
        }
    )


def test_media_of_a_story_follows_what_is_live_through_an_editors_drafts(
    client, editor, news_index
):
    first_photo = ImageFactory(title="Infusion suite, first photo")
    second_photo = ImageFactory(title="Infusion suite, better photo")
    first_note, second_note = briefing("First briefing"), briefing("Corrected briefing")
    author, category = AuthorFactory(name="Zoë Ångström"), CategoryFactory()

    # A new story, saved as a draft: the reference index records the draft's own row, since a
    # page that was never published has no other content.
    add = f"/admin/pages/add/news/newsarticlepage/{news_index.pk}/"
    form = story_form(first_photo, document_link(first_note), author, category)
    assert editor.post(add, form).status_code == 302
    story = NewsArticlePage.objects.get(slug="phase-ii-results")
    assert not story.live
    assert ReferenceIndex.get_references_for_object(story).filter(to_object_id=str(first_photo.pk))
    assert listed_images(client) == set()
    assert client.get(first_note.url).status_code == 404
    assert client.get(first_photo.file.url).status_code == 404

    edit = f"/admin/pages/{story.pk}/edit/"
    assert editor.post(edit, {**form, "action-publish": "1"}).status_code == 302
    assert listed_images(client) == {first_photo.title}
    assert client.get(first_note.url).status_code == 200
    assert client.get(first_photo.file.url).status_code == 200

    # A new draft of the live story, with another photo and briefing: the live row, and so
    # the index, still hold the published ones until the draft is published.
    form = story_form(second_photo, document_link(second_note), author, category)
    assert editor.post(edit, form).status_code == 302
    story.refresh_from_db()
    assert story.live and story.has_unpublished_changes
    assert listed_images(client) == {first_photo.title}
    assert client.get(second_note.url).status_code == 404
    assert client.get(second_photo.file.url).status_code == 404
    assert client.get(first_note.url).status_code == 200

    assert editor.post(edit, {**form, "action-publish": "1"}).status_code == 302
    assert listed_images(client) == {second_photo.title}
    assert client.get(second_note.url).status_code == 200
    assert client.get(second_photo.file.url).status_code == 200
    assert client.get(first_note.url).status_code == 404
    assert client.get(first_photo.file.url).status_code == 404


def test_an_image_a_live_story_shares_with_a_draft_is_public(client, news_index):
    shared = ImageFactory(title="Massey building at dusk")
    NewsArticlePageFactory(parent=news_index, lead_image=shared)
    NewsArticlePageFactory(parent=news_index, lead_image=shared, live=False)
    assert listed_images(client) == {shared.title}


def test_the_logo_and_a_site_wide_collection_are_public_unused(client, home_page):
    logo = ImageFactory(title="Cancer Center logo")
    settings = SiteSettings.for_site(home_page.get_site())
    settings.logo = logo
    settings.save()
    site_wide = Collection.get_first_root_node().add_child(name="Site-wide")
    ImageFactory(title="Campus map", collection=site_wide)
    visitor_guide = wagtail_factories.DocumentFactory(
        title="Visitor guide",
        collection=site_wide,
        file=ContentFile(b"%PDF-1.4 guide", name="guide-des-visiteurs.pdf"),
    )
    ImageFactory(title="Unpublished portrait")

    assert listed_images(client) == {"Cancer Center logo", "Campus map"}
    assert client.get(logo.file.url).status_code == 200
    assert client.get(logo.get_rendition("width-96").url).status_code == 200
    assert client.get(visitor_guide.url).status_code == 200


def test_staff_in_the_admin_see_a_drafts_media(client, editor, news_index):
    note = briefing()
    photo = ImageFactory(title="Draft-only photo of the new wing")
    draft = NewsArticlePageFactory(
        parent=news_index,
        lead_image=photo,
        body=body_linking(note),
        live=False,
    )
    draft.save_revision()
    # The draft as the editor views it, with the images their browser then asks for.
    view = editor.get(f"/admin/pages/{draft.pk}/view_draft/")
    assert view.status_code == 200
    pictures = [img["src"] for img in soup(view).select("img") if "/media/images/" in img["src"]]
    assert pictures, "the draft shows its lead image"
    addresses = [note.url, photo.file.url, *pictures]
    for address in addresses:
        assert editor.get(address).status_code == 200, address
    assert photo.title in editor.get("/admin/images/").content.decode()

    # The public API is the same for everyone, signed in or not.
    assert photo.title not in listed_images(editor)
    for address in addresses:
        assert client.get(address).status_code == 404, address


def test_a_reader_a_private_story_admits_gets_its_document(client, news_index):
    note = briefing()
    story = NewsArticlePageFactory(
        parent=news_index,
        body=body_linking(note),
    )
    restriction = PageViewRestriction.objects.create(
        page=story, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    assert client.get(note.url).status_code == 404

    unlock = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, story.pk])
    response = client.post(unlock, {"password": "s3cret", "return_url": story.url})
    assert response.status_code == 302
    assert client.get(story.url).status_code == 200
    assert client.get(note.url).status_code == 200
    assert client.get(story.lead_image.file.url).status_code == 200
    # Still not listed: the API lists what every reader may have.
    assert story.lead_image.title not in listed_images(client)


def queries(client, url):
    client.get(url)  # content types and the like are read once per process
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return len(captured), response


def test_the_checks_cost_the_same_however_much_content_there_is(client, news_index, settings):
    settings.PAGE_CACHE_ENABLED = False
    PageViewRestriction.objects.create(
        page=NewsArticlePageFactory(parent=news_index), restriction_type="login"
    )
    story = NewsArticlePageFactory(parent=news_index)
    NewsArticlePageFactory(parent=news_index, live=False)
    note = briefing()
    NewsArticlePageFactory(parent=news_index, body=body_linking(note))
    addresses = [
        "/api/v2/images/",
        "/api/v2/images/?search=Image",
        note.url,
        story.lead_image.file.url,
        story.lead_image.get_rendition("width-400").url,
    ]
    few = {address: queries(client, address) for address in addresses}

    for number in range(12):
        photo = ImageFactory()
        photo.tags.add("Ward 7", f"trial {number}")
        NewsArticlePageFactory(parent=news_index, lead_image=photo, body=body_linking(briefing()))
        NewsArticlePageFactory(parent=news_index, live=False)
        ImageFactory()
    story.lead_image.tags.add("trial", "Massey")
    many = {address: queries(client, address) for address in addresses}

    listing = many["/api/v2/images/"][1].json()["items"]
    assert len(listing) == 14
    assert next(item for item in listing if item["id"] == story.lead_image_id)["meta"]["tags"] == [
        "Massey",
        "trial",
    ]
    assert sum(bool(item["meta"]["tags"]) for item in listing) == 13  # all but the note's
    assert len(many["/api/v2/images/?search=Image"][1].json()["items"]) == 14
    for address in addresses:
        assert many[address][1].status_code == 200
        assert many[address][0] == few[address][0], address
