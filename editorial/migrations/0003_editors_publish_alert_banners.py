"""Alert banners have drafts, review and scheduling: staff may draft and submit them, editors
publish, lock and unlock them, and the editorial review workflow covers them. Re-applies
editorial/roles.py."""

from django.db import migrations

from editorial.roles import install_editorial_roles


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0002_staff_look_after_their_own_media"),
        ("core", "0004_remove_alertbanner_time_window"),
    ]

    operations = [migrations.RunPython(install_editorial_roles, migrations.RunPython.noop)]
