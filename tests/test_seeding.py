"""seed_articles: many stories at once, each a live page readers find on every surface."""

import xml.etree.ElementTree as ET
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from wagtail.models import Page

import pytest

from news.models import NewsArticlePage
from seeding import bulk

from .helpers import soup, visible_text

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_the_command_reports_progress_and_its_time(news_index):
    out = StringIO()
    call_command("seed_articles", count=30, batch_size=10, stdout=out)
    output = out.getvalue()
    assert "[##########--------------------] 10/30 stories" in output
    assert "30/30 stories" in output
    assert "Created 30 stories in " in output
    assert NewsArticlePage.objects.child_of(news_index).count() == 30


def test_seeded_stories_are_published_pages_in_a_valid_tree(news_index):
    bulk.seed(25, batch_size=10)
    stories = list(NewsArticlePage.objects.child_of(news_index).order_by("path"))
    assert len(stories) == 25
    assert Page.find_problems() == ([], [], [], [], [])
    news_index.refresh_from_db()
    assert news_index.numchild == 25
    for story in stories:
        assert story.live and not story.has_unpublished_changes
        assert story.url_path == f"{news_index.url_path}{story.slug}/"
        assert story.first_published_at <= timezone.now()
        assert story.posted_at_sort == story.first_published_at
        assert story.latest_revision_id == story.live_revision_id is not None
        assert story.get_latest_revision_as_object().title == story.title
        assert story.authors and story.category and story.lead_image and story.summary
    dates = {story.first_published_at.year for story in stories}
    assert len(dates) > 5, "dates spread over decades"
    assert len({story.lead_image_id for story in stories}) <= bulk.IMAGE_COUNT


def test_seeding_twice_adds_after_the_stories_already_there(news_index):
    bulk.seed(5)
    bulk.seed(5, seed=1)
    assert NewsArticlePage.objects.child_of(news_index).count() == 10
    assert Page.find_problems() == ([], [], [], [], [])


def test_readers_find_seeded_stories_everywhere(client, news_index):
    bulk.seed(30, batch_size=7)
    newest = NewsArticlePage.objects.for_teasers().first()
    oldest = NewsArticlePage.objects.for_teasers().last()

    page = client.get(newest.url)
    assert page.status_code == 200
    assert soup(page).h1.get_text() == newest.title
    assert f"Written by: {newest.authors[0].name}" in visible_text(page)
    text_twin = client.get("/text" + newest.url)
    assert text_twin.status_code == 200 and newest.title in visible_text(text_twin)

    assert newest.title in visible_text(client.get("/news/"))
    last_page = client.get("/news/?page=3")
    assert "Page 3 of 3" in visible_text(last_page)
    assert oldest.title in visible_text(last_page)
    year = oldest.posted_at.astimezone(timezone.get_current_timezone()).year
    assert oldest.title in visible_text(client.get(f"/news/{year}/"))
    category = client.get(newest.category_url)
    assert newest.title in visible_text(category)

    with_melanoma = [
        story for story in NewsArticlePage.objects.all() if "melanoma" in story.title.lower()
    ]
    assert with_melanoma, "the seeded stories include the topic searched for"
    results = visible_text(client.get("/search/?q=melanoma"))
    count = len(with_melanoma)
    assert f"{count} stor{'y' if count == 1 else 'ies'} found" in results

    locations = [
        loc.text
        for loc in ET.fromstring(client.get("/sitemap.xml").content).iterfind(
            ".//sm:loc", SITEMAP_NS
        )
    ]
    assert newest.full_url in locations and oldest.full_url in locations
    assert newest.title in client.get("/feeds/rss/").content.decode()


def test_editors_can_open_a_seeded_story(client, news_index):
    bulk.seed(3)
    story = NewsArticlePage.objects.first()
    admin = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw")
    client.force_login(admin)
    response = client.get(f"/admin/pages/{story.pk}/edit/")
    assert response.status_code == 200
    assert story.title in response.content.decode()


def test_seeded_stories_images_are_public(client, news_index):
    bulk.seed(8, batch_size=5)
    listed = {item["id"] for item in client.get("/api/v2/images/").json()["items"]}
    stories = NewsArticlePage.objects.child_of(news_index)
    assert listed == {story.lead_image_id for story in stories}
