from django.apps import AppConfig


class TextOnlyConfig(AppConfig):
    name = "textonly"
    verbose_name = "Text-only view"
