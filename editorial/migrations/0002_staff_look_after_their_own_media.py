"""Staff keep add and choose on images and documents, no longer change: Wagtail's collection
ownership then limits them to their own uploads. Re-applies editorial/roles.py."""

from django.db import migrations

from editorial.roles import install_editorial_roles


class Migration(migrations.Migration):
    dependencies = [("editorial", "0001_roles_and_workflow")]

    operations = [migrations.RunPython(install_editorial_roles, migrations.RunPython.noop)]
