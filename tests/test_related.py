"""Related stories: editors' picks first, then the same category; never a hidden story."""

import pytest

from news.models import RelatedStory

from .factories import CategoryFactory, NewsArticlePageFactory, eastern
from .helpers import soup

pytestmark = pytest.mark.django_db


def related_titles(client, url):
    section = soup(client.get(url)).select_one(".related")
    return [h.get_text(strip=True) for h in section.select(".teaser__title")] if section else []


@pytest.fixture
def clinical(news_index):
    category = CategoryFactory(name="Clinical news")
    stories = [
        NewsArticlePageFactory(
            parent=news_index,
            title=f"Clinical {n}",
            category=category,
            posted_at_override=eastern(2020, 1, n + 1),
        )
        for n in range(5)
    ]
    return category, stories


@pytest.mark.parametrize("prefix", ["", "/text"])
def test_up_to_three_from_the_same_category_newest_first(client, clinical, news_index, prefix):
    _category, stories = clinical
    NewsArticlePageFactory(parent=news_index, title="Other topic")
    assert related_titles(client, prefix + stories[0].url) == [
        "Clinical 4",
        "Clinical 3",
        "Clinical 2",
    ]


def test_editor_picks_come_first(client, clinical, news_index):
    _category, stories = clinical
    elsewhere = NewsArticlePageFactory(parent=news_index, title="Picked from elsewhere")
    RelatedStory.objects.create(page=stories[0], story=elsewhere, sort_order=0)
    RelatedStory.objects.create(page=stories[0], story=stories[1], sort_order=1)
    assert related_titles(client, stories[0].url) == [
        "Picked from elsewhere",
        "Clinical 1",
        "Clinical 4",
    ]


def test_hidden_stories_are_never_related(client, clinical, news_index):
    _category, stories = clinical
    draft = NewsArticlePageFactory(parent=news_index, title="Draft pick", live=False)
    RelatedStory.objects.create(page=stories[0], story=draft, sort_order=0)
    stories[4].unpublish()
    titles = related_titles(client, stories[0].url)
    assert "Draft pick" not in titles and "Clinical 4" not in titles
    assert titles == ["Clinical 3", "Clinical 2", "Clinical 1"]


def test_a_story_alone_in_its_category_has_no_related_section(client, news_index):
    alone = NewsArticlePageFactory(parent=news_index)
    assert related_titles(client, alone.url) == []
