"""Files and stories readers see are the editors' to delete: staff are refused, with the reason.

By direct request (Django's test client, signed in as a person of each role), and as the admin
shows it: a control staff may not use is not offered.
"""

import json
from datetime import timedelta
from html import unescape

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import resolve
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.documents.views import documents as document_views
from wagtail.images import get_image_model
from wagtail.images.views import images as image_views
from wagtail.images.views import multiple as image_multiple_views
from wagtail.images.views.bulk_actions.image_bulk_action import ImageBulkAction
from wagtail.models import Collection, GroupCollectionPermission, Page, ReferenceIndex

import pytest
import wagtail_factories

from core.models import SiteSettings
from editorial.media_permissions import NewsroomMediaPermissionPolicy
from editorial.page_permissions import NewsroomPagePermissionTester
from editorial.roles import EDITORS_GROUP, STAFF_GROUP
from news.models import NewsArticlePage

from .editorial import newsroom
from .factories import AuthorFactory, ImageFactory, NewsArticlePageFactory, paragraph

pytestmark = pytest.mark.django_db

Image = get_image_model()
Document = get_document_model()

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def people(news_index):
    return newsroom()


@pytest.fixture
def staff(people):
    return people[0]


@pytest.fixture
def editor(people):
    return people[1]


def signed_in(client, user):
    client.force_login(user)
    return client


PHOTO_TITLE = "Zoë Ngô in the infusion suite, Massey Cancer Center, spring 2024"


def photo(owner, title=PHOTO_TITLE):
    return ImageFactory(title=title, uploaded_by_user=owner)


def document(owner, title="Guía para pacientes: ensayo clínico de inmunoterapia (versión 2)"):
    return wagtail_factories.DocumentFactory(
        title=title,
        uploaded_by_user=owner,
        collection=Collection.get_first_root_node(),
        file=SimpleUploadedFile("guía.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"),
    )


def live_story(news_index, title, **fields):
    return NewsArticlePageFactory(parent=news_index, title=title, **fields)


def scheduled_story(news_index, editor, title, **fields):
    """A draft an editor approved to go live next week, as the Schedule dialog leaves it."""
    story = NewsArticlePageFactory(parent=news_index, title=title, live=False, **fields)
    story.go_live_at = timezone.now() + timedelta(days=7, microseconds=481516)
    story.save_revision(user=editor).publish(user=editor)
    story.refresh_from_db()
    assert not story.live and story.scheduled_revision is not None
    return story


def refusal_text(response):
    assert response.status_code == 403, response.status_code
    html = response.content.decode()
    return unescape(html.split("data-refusal>", 1)[1].split("</p>", 1)[0])


def image_edit_form(image, **changes):
    return {
        "title": image.title,
        "collection": image.collection_id,
        "tags": "",
        "focal_point_x": "",
        "focal_point_y": "",
        "focal_point_width": "",
        "focal_point_height": "",
        "description": "",
        **changes,
    }


def new_png(name="replacement.png"):
    return SimpleUploadedFile(name, PNG, content_type="image/png")


# Images used by live stories


def test_staff_cannot_delete_their_own_image_used_by_live_stories(client, staff, news_index):
    image = photo(staff)
    live_story(news_index, "Nueva terapia CAR-T llega a Richmond", lead_image=image)
    live_story(news_index, "IL-2 therapy", lead_image=image)
    signed_in(client, staff)

    for response in (
        client.get(f"/admin/images/{image.pk}/delete/"),
        client.post(f"/admin/images/{image.pk}/delete/"),
    ):
        assert refusal_text(response) == (
            "This image is used by 2 live stories (“Nueva terapia CAR-T llega a Richmond”, "
            "“IL-2 therapy”), so only an editor can delete or replace it."
        )
    assert Image.objects.filter(pk=image.pk).exists()
    assert {s.lead_image_id for s in NewsArticlePage.objects.all()} == {image.pk}


def test_staff_cannot_replace_the_file_of_an_image_live_stories_use(client, staff, news_index):
    image = photo(staff)
    live_story(news_index, "IL-2 therapy", lead_image=image)
    before = image.file.name
    signed_in(client, staff)
    response = client.post(
        f"/admin/images/{image.pk}/", image_edit_form(image, file=new_png(), title="Changed")
    )
    assert "used by 1 live story (“IL-2 therapy”)" in refusal_text(response)
    image.refresh_from_db()
    assert (image.file.name, image.title) == (before, PHOTO_TITLE)


def test_staff_still_edit_the_details_of_their_image_a_live_story_uses(client, staff, news_index):
    image = photo(staff)
    live_story(news_index, "IL-2 therapy", lead_image=image)
    before = image.file.name
    signed_in(client, staff)

    page = client.get(f"/admin/images/{image.pk}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'type="file"' not in html, "no file control offered"
    assert f"/admin/images/{image.pk}/delete/" not in html, "no Delete offered"
    assert "used by 1 live story (“IL-2 therapy”), so only an editor" in html, "says why"

    long_title = "Dr. Phan’s IL-2 team at the bedside — " + "é" * 150
    response = client.post(f"/admin/images/{image.pk}/", image_edit_form(image, title=long_title))
    assert response.status_code == 302
    image.refresh_from_db()
    assert (image.title, image.file.name) == (long_title, before)


def test_staff_cannot_delete_an_image_a_scheduled_update_brings_in(
    client, staff, editor, news_index
):
    """The live story still shows its old photo; the update scheduled for next week the new one."""
    image = photo(staff)
    story = live_story(news_index, "Clinical trial opens")
    story.save_revision(user=editor).publish(user=editor)
    story = NewsArticlePage.objects.get(pk=story.pk)  # as the editor's next visit loads it
    story.lead_image = image
    story.go_live_at = timezone.now() + timedelta(days=3)
    story.save_revision(user=editor).publish(user=editor)
    story.refresh_from_db()
    assert story.live and story.lead_image_id != image.pk, "readers still see the old photo"
    assert not ReferenceIndex.get_references_to(image).exists(), "nor does the reference index"
    signed_in(client, staff)
    response = client.post(f"/admin/images/{image.pk}/delete/")
    assert refusal_text(response) == (
        "This image is used by 1 story scheduled to go live (“Clinical trial opens”), "
        "so only an editor can delete or replace it."
    )
    assert Image.objects.filter(pk=image.pk).exists()


def test_staff_cannot_delete_the_lead_image_of_a_scheduled_first_publication(
    client, staff, editor, news_index
):
    image = photo(staff)
    scheduled_story(news_index, editor, "Embargoed: new radiation wing", lead_image=image)
    signed_in(client, staff)
    response = client.post(f"/admin/images/{image.pk}/delete/")
    assert "used by 1 story scheduled to go live (“Embargoed: new radiation wing”)" in (
        refusal_text(response)
    )
    assert Image.objects.filter(pk=image.pk).exists()


# Site-wide media


@pytest.fixture
def logo(staff, home_page):
    image = photo(staff, title="Massey logo, square")
    SiteSettings.objects.update_or_create(site=home_page.get_site(), defaults={"logo": image})
    return image


def test_staff_cannot_delete_or_replace_the_logo_even_their_own_upload(client, staff, logo):
    before = logo.file.name
    signed_in(client, staff)
    expected = (
        "This image is the site's logo, shown on every page, so only an editor can delete or "
        "replace it."
    )
    assert refusal_text(client.post(f"/admin/images/{logo.pk}/delete/")) == expected
    replaced = client.post(f"/admin/images/{logo.pk}/", image_edit_form(logo, file=new_png()))
    assert refusal_text(replaced) == expected
    logo.refresh_from_db()
    assert logo.file.name == before


def test_staff_cannot_delete_an_author_photo(client, staff):
    image = photo(staff, title="Melissa Mitchell, head and shoulders")
    AuthorFactory(name="Melissa Mitchell", slug="melissa-mitchell", photo=image)
    signed_in(client, staff)
    response = client.post(f"/admin/images/{image.pk}/delete/")
    assert refusal_text(response) == (
        "This image is the photo of the author “Melissa Mitchell”, so only an editor can delete "
        "or replace it."
    )


# Other people's uploads


def test_staff_cannot_change_or_delete_an_editors_document(client, staff, editor):
    doc = document(editor)
    signed_in(client, staff)
    expected = "Only an editor, or the person who uploaded it, can change or delete this document."
    assert refusal_text(client.get(f"/admin/documents/edit/{doc.pk}/")) == expected
    assert (
        refusal_text(client.post(f"/admin/documents/edit/{doc.pk}/", {"title": "Hacked"}))
        == expected
    )
    assert refusal_text(client.post(f"/admin/documents/delete/{doc.pk}/")) == (
        "Only an editor, or the person who uploaded it, can delete this document."
    )
    doc.refresh_from_db()
    assert doc.title.startswith("Guía para pacientes")


def test_staff_media_pages_list_their_own_uploads_and_choosers_everyones(client, staff, editor):
    document(editor, title="Editor’s consent form")
    document(staff, title="Sam’s flyer")
    signed_in(client, staff)
    listing = client.get("/admin/documents/").content.decode()
    assert "Sam’s flyer" in listing and "Editor’s consent form" not in listing
    chooser = client.get("/admin/documents/chooser/").json()["html"]
    assert "Sam’s flyer" in chooser and "Editor’s consent form" in chooser


def test_staff_bulk_delete_of_a_document_says_why_it_is_kept(client, staff, editor):
    kept = document(editor)
    signed_in(client, staff)
    confirm = client.get(f"/admin/bulk/wagtaildocs/document/delete/?id={kept.pk}&next=/admin/")
    page_text = " ".join(unescape(confirm.content.decode()).split())
    reason = "Only an editor, or the person who uploaded it, can delete this document."
    assert f"<li> {kept.title}: {reason} </li>" in page_text


def test_staff_cannot_delete_their_document_a_live_story_links_to(client, staff, news_index):
    doc = document(staff)
    body = [paragraph(f'<p>Read <a linktype="document" id="{doc.pk}">the guide</a>.</p>')]
    live_story(news_index, "A guide for trial patients", body=json.dumps(body))
    signed_in(client, staff)
    response = client.post(f"/admin/documents/delete/{doc.pk}/")
    assert refusal_text(response) == (
        "This document is used by 1 live story (“A guide for trial patients”), so only an "
        "editor can delete or replace it."
    )
    replaced = client.post(
        f"/admin/documents/edit/{doc.pk}/",
        {
            "title": doc.title,
            "collection": doc.collection_id,
            "file": SimpleUploadedFile("other.pdf", b"%PDF-1.7\nother"),
        },
    )
    assert "only an editor can delete or replace it" in refusal_text(replaced)
    assert Document.objects.get(pk=doc.pk).file.name == doc.file.name


# Other ways in: bulk delete and the multiple uploader


def test_staff_bulk_delete_and_uploader_delete_leave_a_used_image(client, staff, news_index):
    image = photo(staff)
    live_story(news_index, "IL-2 therapy", lead_image=image)
    signed_in(client, staff)
    confirm = client.get(f"/admin/bulk/wagtailimages/image/delete/?id={image.pk}&next=/admin/")
    page_text = " ".join(unescape(confirm.content.decode()).split())
    assert f"{image.title}</a>: This image is used by 1 live story (“IL-2 therapy”)" in page_text
    assert "Yes, delete" not in page_text
    client.post(f"/admin/bulk/wagtailimages/image/delete/?id={image.pk}")
    uploader = client.post(
        f"/admin/images/multiple/{image.pk}/delete/", HTTP_X_REQUESTED_WITH="XMLHttpRequest"
    )
    assert uploader.status_code == 403
    assert Image.objects.filter(pk=image.pk).exists()


# What still works


def test_staff_delete_their_own_unused_upload(client, staff, news_index):
    image = photo(staff)
    doc = document(staff)
    draft = NewsArticlePageFactory(parent=news_index, live=False, title="Draft only")
    drafts_image = draft.lead_image
    drafts_image.uploaded_by_user = staff
    drafts_image.save()
    signed_in(client, staff)
    assert client.post(f"/admin/images/{image.pk}/delete/").status_code == 302
    assert client.post(f"/admin/documents/delete/{doc.pk}/").status_code == 302
    # A draft readers cannot see does not hold its photo back.
    assert client.post(f"/admin/images/{drafts_image.pk}/delete/").status_code == 302
    assert not Image.objects.filter(pk__in=[image.pk, drafts_image.pk]).exists()
    assert not Document.objects.filter(pk=doc.pk).exists()


def test_staff_replace_the_file_of_their_own_unused_image(client, staff):
    image = photo(staff)
    before = image.file.name
    signed_in(client, staff)
    assert 'type="file"' in client.get(f"/admin/images/{image.pk}/").content.decode()
    response = client.post(f"/admin/images/{image.pk}/", image_edit_form(image, file=new_png()))
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.file.name != before and image.width == 1


def test_editors_replace_and_delete_anything(client, staff, editor, news_index, logo):
    used = photo(staff)
    live_story(news_index, "IL-2 therapy", lead_image=used)
    doc = document(staff)
    signed_in(client, editor)
    edit_page = client.get(f"/admin/images/{logo.pk}/").content.decode()
    assert 'type="file"' in edit_page and f"/admin/images/{logo.pk}/delete/" in edit_page
    replaced = client.post(f"/admin/images/{logo.pk}/", image_edit_form(logo, file=new_png()))
    assert replaced.status_code == 302
    logo.refresh_from_db()
    assert logo.width == 1
    for url in (
        f"/admin/images/{logo.pk}/delete/",
        f"/admin/images/{used.pk}/delete/",
        f"/admin/documents/delete/{doc.pk}/",
    ):
        assert client.post(url).status_code == 302, url
    assert not Image.objects.filter(pk__in=[logo.pk, used.pk]).exists()
    assert not Document.objects.exists()


# Stories


def submit_for_review(story, user):
    story.save_revision(user=user)
    story.get_workflow().start(story, user)


def delete(client, page):
    return client.post(f"/admin/pages/{page.pk}/delete/")


def test_staff_cannot_delete_a_story_an_editor_scheduled(client, staff, editor, news_index):
    story = scheduled_story(news_index, editor, "Embargoed: new radiation wing", owner=staff)
    signed_in(client, staff)
    reason = refusal_text(delete(client, story))
    assert reason.startswith("This story is scheduled to go live on ")
    assert reason.endswith(", so only an editor can delete it.")
    assert Page.objects.filter(pk=story.pk).exists()


def test_staff_cannot_delete_their_story_in_review(client, staff, news_index):
    story = NewsArticlePageFactory(parent=news_index, live=False, owner=staff, title="In review")
    submit_for_review(story, staff)
    signed_in(client, staff)
    assert refusal_text(delete(client, story)) == (
        "This story is in Editorial review, so only an editor can delete it."
    )
    assert Page.objects.filter(pk=story.pk).exists()


def test_staff_cannot_delete_someone_elses_draft(client, staff, editor, news_index):
    story = NewsArticlePageFactory(parent=news_index, live=False, owner=editor, title="Erin's")
    signed_in(client, staff)
    assert refusal_text(delete(client, story)) == (
        "Erin started this story, so only they or an editor can delete it."
    )
    assert Page.objects.filter(pk=story.pk).exists()


def test_staff_cannot_delete_a_live_story(client, staff, news_index):
    story = live_story(news_index, "IL-2 therapy", owner=staff)
    signed_in(client, staff)
    assert refusal_text(delete(client, story)) == (
        "This story is live on the site, so only an editor can delete it."
    )
    assert Page.objects.filter(pk=story.pk).exists()


def test_staff_delete_their_own_draft(client, staff, news_index):
    story = NewsArticlePageFactory(parent=news_index, live=False, owner=staff, title="Mine")
    story.save_revision(user=staff)
    story.save_revision(user=staff)  # saved twice, as autosave leaves it
    signed_in(client, staff)
    assert delete(client, story).status_code == 302
    assert not Page.objects.filter(pk=story.pk).exists()


def test_editors_delete_scheduled_and_reviewed_stories(client, staff, editor, news_index):
    scheduled = scheduled_story(news_index, editor, "Scheduled", owner=staff)
    in_review = NewsArticlePageFactory(parent=news_index, live=False, owner=staff, title="Review")
    submit_for_review(in_review, staff)
    signed_in(client, editor)
    for story in (scheduled, in_review):
        assert delete(client, story).status_code == 302
    assert not Page.objects.filter(pk__in=[scheduled.pk, in_review.pk]).exists()


def test_the_admin_offers_staff_delete_only_on_their_own_plain_drafts(
    client, staff, editor, news_index
):
    mine = NewsArticlePageFactory(parent=news_index, live=False, owner=staff, title="Mine")
    mine.save_revision(user=staff)
    scheduled = scheduled_story(news_index, editor, "Scheduled", owner=staff)
    signed_in(client, staff)
    listing = client.get(f"/admin/pages/{news_index.pk}/").content.decode()
    assert f"/admin/pages/{mine.pk}/delete/" in listing
    assert f"/admin/pages/{scheduled.pk}/delete/" not in listing
    editing = client.get(f"/admin/pages/{scheduled.pk}/edit/").content.decode()
    assert f"/admin/pages/{scheduled.pk}/delete/" not in editing
    assert (
        f"/admin/pages/{mine.pk}/delete/"
        in client.get(f"/admin/pages/{mine.pk}/edit/").content.decode()
    )


# As shipped


def test_migrations_give_staff_add_and_choose_on_media_and_editors_change():
    # As migrated, before any test rebuilds the tree (0002 re-applies the roles to sites migrated
    # before staff lost "change").
    def grants(group):
        return set(
            GroupCollectionPermission.objects.filter(group__name=group).values_list(
                "permission__codename", flat=True
            )
        )

    assert grants(STAFF_GROUP) == {"add_image", "choose_image", "add_document", "choose_document"}
    assert grants(EDITORS_GROUP) == grants(STAFF_GROUP) | {"change_image", "change_document"}


# Wagtail's internals this relies on


def test_wagtails_media_views_hold_the_newsroom_policy():
    """Wagtail binds its policy objects into each view at import; the policy is swapped on
    those objects (editorial.media_permissions). If Wagtail makes new ones, this fails."""
    for holder in (
        image_views.DeleteView,
        image_views.EditView,
        image_multiple_views.DeleteView,
        ImageBulkAction,
        document_views.DeleteView,
        document_views.EditView,
    ):
        assert isinstance(holder.permission_policy, NewsroomMediaPermissionPolicy), holder


def test_refusal_views_are_routed_ahead_of_wagtails(news_index):
    assert resolve("/admin/images/1/").func.view_class.__module__ == "editorial.media_permissions"
    assert resolve("/admin/images/1/delete/").func.view_class.__name__ == "ImageDeleteView"
    assert resolve("/admin/documents/edit/1/").func.view_class.__name__ == "DocumentEditView"
    assert resolve("/admin/documents/delete/1/").func.view_class.__name__ == "DocumentDeleteView"
    assert resolve("/admin/pages/1/delete/").url_name == "delete_page"


def test_stories_use_the_newsroom_permission_tester(staff, news_index):
    story = NewsArticlePageFactory(parent=news_index, live=False)
    base = Page.objects.get(pk=story.pk)
    assert isinstance(base.permissions_for_user(staff), NewsroomPagePermissionTester)


# The public collection: what is in it, readers see at once


@pytest.fixture
def collections():
    root = Collection.get_first_root_node()
    return root.add_child(name="Site-wide"), root.add_child(name="Research photography")


def collection_choices(response):
    html = response.content.decode()
    select = html.split('name="collection"', 1)[1].split("</select>", 1)[0]
    return [
        unescape(option.split(">", 1)[1].split("<", 1)[0]) for option in select.split("<option")[1:]
    ]


@pytest.mark.parametrize("url", ["/admin/images/multiple/add/", "/admin/documents/multiple/add/"])
def test_staff_are_not_offered_the_public_collection_to_upload_into(
    client, staff, editor, collections, url
):
    site_wide, research = collections
    staff_choices = collection_choices(signed_in(client, staff).get(url))
    assert any("Research photography" in choice for choice in staff_choices)
    assert not any("Site-wide" in choice for choice in staff_choices)
    editor_choices = collection_choices(signed_in(client, editor).get(url))
    assert any("Site-wide" in choice for choice in editor_choices)


def test_staff_cannot_move_their_image_into_the_public_collection(client, staff, collections):
    site_wide, research = collections
    image = photo(staff)
    signed_in(client, staff)
    response = client.post(
        f"/admin/images/{image.pk}/", image_edit_form(image, collection=site_wide.pk)
    )
    assert response.status_code == 200  # the form again, with the reason under the field
    assert "Select a valid choice" in unescape(response.content.decode())
    image.refresh_from_db()
    assert image.collection_id != site_wide.pk
    moved = client.post(
        f"/admin/images/{image.pk}/", image_edit_form(image, collection=research.pk)
    )
    assert moved.status_code == 302
    image.refresh_from_db()
    assert image.collection_id == research.pk


def test_staff_uploads_posted_into_the_public_collection_are_not_saved(client, staff, collections):
    site_wide, _research = collections
    signed_in(client, staff)
    response = client.post(
        "/admin/images/multiple/add/",
        {"files[]": new_png("poster.png"), "collection": site_wide.pk},
    )
    assert response.status_code in (200, 400)
    assert not Image.objects.filter(collection=site_wide).exists()


def test_editors_put_media_in_the_public_collection(client, editor, collections):
    site_wide, _research = collections
    image = photo(editor)
    signed_in(client, editor)
    response = client.post(
        f"/admin/images/{image.pk}/", image_edit_form(image, collection=site_wide.pk)
    )
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.collection_id == site_wide.pk
