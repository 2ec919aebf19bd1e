from django.db import migrations

# On PostgreSQL each story row carries a copy of its search document (Wagtail's title || body
# index entry), kept by a trigger on the search index. With the words beside the posted date,
# "the newest stories matching these words" is one index walk or one bitmap scan, whichever the
# planner finds cheaper, instead of a join across every match. SQLite searches through Wagtail.

FORWARD = """
ALTER TABLE news_newsarticlepage ADD COLUMN IF NOT EXISTS search_document tsvector;

CREATE OR REPLACE FUNCTION news_copy_search_document() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    story_type integer := (
        SELECT id FROM django_content_type WHERE app_label = 'news' AND model = 'newsarticlepage'
    );
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.content_type_id = story_type THEN
            UPDATE news_newsarticlepage SET search_document = NULL
            WHERE page_ptr_id = OLD.object_id::integer;
        END IF;
    ELSIF NEW.content_type_id = story_type THEN
        UPDATE news_newsarticlepage SET search_document = NEW.title || NEW.body
        WHERE page_ptr_id = NEW.object_id::integer;
    END IF;
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS news_copy_search_document ON wagtailsearch_indexentry;
-- Only changes of the words: Wagtail rewrites every entry's title_norm after each indexing.
CREATE TRIGGER news_copy_search_document
AFTER INSERT OR DELETE OR UPDATE OF title, body ON wagtailsearch_indexentry
FOR EACH ROW EXECUTE FUNCTION news_copy_search_document();

UPDATE news_newsarticlepage AS story SET search_document = entry.title || entry.body
FROM wagtailsearch_indexentry AS entry
JOIN django_content_type AS type ON type.id = entry.content_type_id
WHERE type.app_label = 'news' AND type.model = 'newsarticlepage'
    AND entry.object_id = story.page_ptr_id::text;

CREATE INDEX IF NOT EXISTS news_article_search_idx
ON news_newsarticlepage USING GIN (search_document);

ANALYZE news_newsarticlepage;
"""

BACKWARD = """
DROP TRIGGER IF EXISTS news_copy_search_document ON wagtailsearch_indexentry;
DROP FUNCTION IF EXISTS news_copy_search_document();
ALTER TABLE news_newsarticlepage DROP COLUMN IF EXISTS search_document;
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("news", "0005_search_document_index")]

    operations = [migrations.RunPython(forward, backward)]
