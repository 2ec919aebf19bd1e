"""Script cannot be smuggled onto reader pages through anything an editor types."""

from xml.etree import ElementTree

from django.utils.html import escape

from wagtail.test.utils.form_data import rich_text, streamfield

import pytest

from core.models import AlertBanner
from news.models import NewsArticlePage

from .editorial import newsroom
from .factories import (
    AlertBannerFactory,
    AuthorFactory,
    CategoryFactory,
    ContactFactory,
    NewsArticlePageFactory,
    paragraph,
)
from .test_admin import article_form

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert('xss')</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg onload=alert(1)>",
    "javascript:alert(1)",
    "<iframe src=//evil.example></iframe>",
]
# What must never reach a reader's page, in either view.
DANGEROUS = [
    "<script>alert",
    "<img src=x",
    "<svg onload",
    'href="javascript:',
    "<iframe src=//evil",
]


def assert_clean(client, url):
    for prefix in ("", "/text"):
        html = client.get(prefix + url).content.decode()
        found = [marker for marker in DANGEROUS if marker in html]
        assert found == [], f"{prefix + url} carries {found}"


def test_article_fields_and_body_typed_in_the_admin_stay_inert(client, news_index):
    _staff, editor = newsroom()
    client.force_login(editor)
    payload = " ".join(PAYLOADS)
    short = PAYLOADS[0] + PAYLOADS[1]
    body = streamfield(
        [
            # The editor types the payload as text.
            ("paragraph", rich_text(f"<p>{escape(payload)}</p>")),
            # A link whose address is script: the editor's rich text drops it.
            ("paragraph", rich_text('<p><a href="javascript:alert(1)">Read more</a></p>')),
            ("heading", {"text": short, "level": "h2"}),
            ("pull_quote", {"quote": payload, "attribution": short, "attribution_role": short}),
        ]
    )
    form = article_form(title=payload[:200], summary=payload, body=body, slug="payload")
    response = client.post(
        f"/admin/pages/add/news/newsarticlepage/{news_index.pk}/", {**form, "action-publish": "1"}
    )
    assert response.status_code == 302, response.context["form"].errors
    story = NewsArticlePage.objects.get(slug="payload")
    assert story.live
    assert_clean(client, story.url)
    assert_clean(client, "/news/")
    assert_clean(client, "/search/?q=alert")
    # A feed reader renders each item's description and content as HTML.
    for path in ("/feeds/rss/", "/feeds/atom/"):
        feed = ElementTree.fromstring(client.get(path).content)
        html_elements = ("description", "encoded", "content", "summary")
        shown_as_html = " ".join(
            element.text or "" for element in feed.iter() if element.tag.endswith(html_elements)
        )
        assert [marker for marker in DANGEROUS if marker in shown_as_html] == [], path


def test_rich_text_stored_by_other_means_is_still_filtered_on_the_page(client, news_index):
    # Content arriving by import or the API bypasses the editor: the page must still be safe.
    story = NewsArticlePageFactory(
        parent=news_index,
        slug="imported",
        body=[
            paragraph(
                "<p>Safe <script>alert('xss')</script><a href='javascript:alert(1)'>x</a></p>"
            )
        ],
    )
    assert_clean(client, story.url)


def test_banner_and_snippet_fields_stay_inert(client, news_index):
    payload = PAYLOADS[0] + PAYLOADS[1]
    AlertBannerFactory(
        title="Alert", message=payload, link_text=payload, link_url="https://example.org/"
    )
    author = AuthorFactory(name=payload[:100], role=payload[:150])
    category = CategoryFactory(name="Clinical news", slug="clinical-news", description=payload)
    contact = ContactFactory(name=payload[:100], role=payload[:150], hours=payload[:150])
    story = NewsArticlePageFactory(
        parent=news_index,
        slug="with-snippets",
        category=category,
        body=[{"type": "contact", "value": {"intro": payload, "contact": contact.pk}}],
    )
    story.article_authors.create(author=author, sort_order=0)
    for url in (
        story.url,
        "/news/",
        "/news/category/clinical-news/",
        f"/news/author/{author.slug}/",
    ):
        assert_clean(client, url)


def test_banner_link_cannot_run_script(client, news_index):
    from django.core.exceptions import ValidationError

    banner = AlertBanner(
        title="Alert", message="Read this", link_url="javascript:alert(1)", link_text="x"
    )
    with pytest.raises(ValidationError):
        banner.full_clean()
