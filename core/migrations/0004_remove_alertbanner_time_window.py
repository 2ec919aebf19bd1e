"""The old time window, carried over into go-live and expiry times by 0003, goes."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("core", "0003_existing_banners_become_revisions")]

    operations = [
        migrations.RemoveField(
            model_name="alertbanner",
            name="ends_at",
        ),
        migrations.RemoveField(
            model_name="alertbanner",
            name="is_active",
        ),
        migrations.RemoveField(
            model_name="alertbanner",
            name="starts_at",
        ),
    ]
