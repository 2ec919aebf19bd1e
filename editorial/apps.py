from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = "Editorial workflow"

    def ready(self):
        from .media_permissions import install_media_permission_policies

        install_media_permission_policies()
