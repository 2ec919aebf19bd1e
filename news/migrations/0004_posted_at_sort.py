from django.db import migrations, models
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce


def fill_posted_at_sort(apps, schema_editor):
    """Existing stories get the date readers already see: the override, else first publication."""
    Page = apps.get_model("wagtailcore", "Page")
    NewsArticlePage = apps.get_model("news", "NewsArticlePage")
    first_published = Page.objects.filter(pk=OuterRef("pk")).values("first_published_at")[:1]
    NewsArticlePage.objects.update(
        posted_at_sort=Coalesce("posted_at_override", Subquery(first_published))
    )


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0003_related_stories"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [
        migrations.AddField(
            model_name="newsarticlepage",
            name="posted_at_sort",
            field=models.DateTimeField(editable=False, null=True),
        ),
        migrations.RunPython(fill_posted_at_sort, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="newsarticlepage",
            index=models.Index(
                fields=["-posted_at_sort", "-page_ptr"], name="news_article_posted_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="newsarticlepage",
            index=models.Index(
                fields=["category", "-posted_at_sort", "-page_ptr"],
                name="news_article_category_idx",
            ),
        ),
    ]
