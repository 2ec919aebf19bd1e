"""The framework internals in core.compat still exist and behave, and the public replacements
for the others do what the internals did. An upgrade of Django, Wagtail, treebeard or the
search index that changes one fails here, by name."""

from django.db import connection, transaction

from wagtail.models import Page, Site

import pytest

from caching import invalidation
from core import compat
from core.generation import generation
from news.models import NewsArticlePage
from seeding.bulk import child_path

from .factories import AuthorFactory, NewsArticlePageFactory, il2_story

pytestmark = pytest.mark.django_db


def test_wagtail_asks_no_more_for_the_site_remembered_on_the_request(
    rf, site_tree, django_assert_num_queries
):
    site = Site.objects.get()
    request = rf.get("/")
    compat.remember_site(request, site)
    with django_assert_num_queries(0):
        assert Site.find_for_request(request) is site


def test_wagtail_would_ask_the_database_without_it(rf, site_tree, django_assert_max_num_queries):
    """The other side of the test above: remembering the site is what saves the query."""
    with pytest.raises(pytest.fail.Exception), django_assert_max_num_queries(0):
        Site.find_for_request(rf.get("/"))


def test_prefetched_relations_are_recognised_and_cost_no_query(
    news_index, django_assert_num_queries
):
    story = il2_story(news_index, authors=[AuthorFactory(name="Zoë Ångström-Nguyễn")])
    plain = NewsArticlePage.objects.get(pk=story.pk)
    assert not compat.is_prefetched(plain, "article_authors")
    fetched = NewsArticlePage.objects.prefetch_related("article_authors__author").get(pk=story.pk)
    assert compat.is_prefetched(fetched, "article_authors")
    with django_assert_num_queries(0):
        assert [author.name for author in fetched.authors] == ["Zoë Ångström-Nguyễn"]


def test_search_index_has_the_table_and_columns_the_story_trigger_reads():
    table, columns = compat.search_index_layout()
    assert table == compat.SEARCH_INDEX_TABLE
    assert set(compat.SEARCH_INDEX_COLUMNS) <= columns


def story_search_document(story):
    """The story's copy of its search document, and what Wagtail's index holds for it."""
    assert compat.SEARCH_INDEX_TABLE == "wagtailsearch_indexentry"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT story.search_document::text, (entry.title || entry.body)::text "
            "FROM news_newsarticlepage AS story "
            "JOIN wagtailsearch_indexentry AS entry ON entry.object_id = story.page_ptr_id::text "
            "JOIN django_content_type AS type ON type.id = entry.content_type_id "
            "WHERE type.app_label = 'news' AND type.model = 'newsarticlepage' "
            "AND story.page_ptr_id = %s",
            [story.pk],
        )
        return cursor.fetchone()


def test_each_story_carries_the_words_wagtail_indexed_for_it(news_index):
    """PostgreSQL: the trigger of migration news.0006 copies each story's search document
    from Wagtail's index, when the story is published and again when it is edited."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite searches through Wagtail's own index")
    story = il2_story(news_index, title="Immunothérapie : résultats de l’essai")
    first, indexed = story_search_document(story)
    assert "immunothérapi" in first
    assert first == indexed
    story.title = "Proton therapy arrives in Richmond"
    story.save_revision().publish()
    story.save_revision().publish()  # saved twice, as editors do
    edited, indexed = story_search_document(story)
    assert "richmond" in edited and edited != first
    assert edited == indexed


def test_bulk_seeding_writes_the_tree_paths_wagtail_would(news_index):
    before = news_index.get_children().count()
    made = NewsArticlePageFactory(parent=news_index, title="Première")
    step = before + 1
    assert made.path == child_path(news_index, step)
    # Past one character's worth of steps, the digits carry as treebeard's do.
    assert child_path(news_index, 36 + 1) == news_index.path + "0011"
    assert Page.steplen == 4


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_one_bump_after_each_commit_however_many_rows_it_touched(news_index, monkeypatch):
    """Each change asks for the work after commit; it runs once per commit, and a transaction
    rolled back leaves the next one's work to run."""
    runs = []
    original = invalidation._after_commit
    monkeypatch.setattr(invalidation, "_after_commit", lambda: runs.append(1) or original())
    with transaction.atomic():
        for n in range(3):
            NewsArticlePageFactory(parent=news_index, title=f"Story {n}", slug=f"story-{n}")
    assert len(runs) == 1
    with pytest.raises(RuntimeError), transaction.atomic():
        NewsArticlePageFactory(parent=news_index, title="Never saved", slug="never-saved")
        raise RuntimeError
    assert len(runs) == 1
    before = generation()
    with transaction.atomic():
        NewsArticlePageFactory(parent=news_index, title="Saved", slug="saved")
    assert len(runs) == 2
    assert generation() != before
