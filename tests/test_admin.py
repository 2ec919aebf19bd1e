"""Editors working in the admin: clear messages for bad input, nothing saved half-way."""

from django.contrib.auth import get_user_model

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from core.models import AlertBanner
from news.models import NewsArticlePage

from .factories import AuthorFactory, CategoryFactory, ImageFactory, NewsArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    return client


def article_form(**overrides):
    author = AuthorFactory()
    fields = {
        "title": "New trial opens",
        "slug": "new-trial-opens",
        "summary": "A new trial for people with melanoma.",
        "lead_image": ImageFactory().pk,
        "lead_image_alt": "Nurses at the infusion center",
        "category": CategoryFactory().pk,
        "body": streamfield([("paragraph", rich_text("<p>The trial opens today.</p>"))]),
        "article_authors": inline_formset([{"author": author.pk}]),
        "related_picks": inline_formset([]),
        "tags": "melanoma",
    }
    fields.update(overrides)
    return nested_form_data(fields)


def test_editor_can_create_an_article(editor_client, news_index):
    url = f"/admin/pages/add/news/newsarticlepage/{news_index.pk}/"
    response = editor_client.post(url, article_form())
    assert response.status_code == 302
    article = NewsArticlePage.objects.get(slug="new-trial-opens")
    assert len(article.authors) == 1
    assert not article.live  # saved as a draft until published


def test_missing_alt_text_is_refused_with_a_message_and_nothing_saved(editor_client, news_index):
    url = f"/admin/pages/add/news/newsarticlepage/{news_index.pk}/"
    response = editor_client.post(url, {**article_form(lead_image_alt=""), "action-publish": "1"})
    assert response.status_code == 200
    assert "Describe the image, or tick “image is decorative”." in response.content.decode()
    assert not NewsArticlePage.objects.filter(slug="new-trial-opens").exists()


def test_bad_phone_in_a_contact_block_is_refused(editor_client, news_index):
    body = streamfield([("contact", {"name": "Dr. Phan", "phone": "call me", "email": ""})])
    url = f"/admin/pages/add/news/newsarticlepage/{news_index.pk}/"
    response = editor_client.post(url, {**article_form(body=body), "action-publish": "1"})
    assert response.status_code == 200
    assert "Enter a phone number such as" in response.content.decode()
    assert not NewsArticlePage.objects.filter(slug="new-trial-opens").exists()


def test_banner_expiring_before_it_goes_live_is_refused(editor_client):
    response = editor_client.post(
        "/admin/snippets/core/alertbanner/add/",
        {
            "title": "Snow",
            "message": "Clinics open late.",
            "severity": "info",
            "go_live_at": "2036-12-02 09:00",
            "expire_at": "2036-12-01 09:00",
            "action-publish": "1",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["expire_at"] == [
        "The go-live time must come before the expiry time: choose an earlier go-live time or "
        "a later expiry time."
    ]
    assert not AlertBanner.objects.exists()


def test_preview_offers_both_views(editor_client, news_index):
    article = NewsArticlePageFactory(parent=news_index, title="Preview me")
    assert [mode for mode, _ in article.preview_modes] == ["", "text"]
    base = f"/admin/pages/{article.pk}/edit/preview/"
    editor_client.post(base, article_form(title="Preview me", slug=article.slug))
    graphic = editor_client.get(base, {"mode": ""})
    text = editor_client.get(base, {"mode": "text"})
    assert "<img" in graphic.content.decode()
    body = text.content.decode()
    assert "Nurses at the infusion center" in body and "[View Image]" in body
    assert "<img" not in body and "<script" not in body
