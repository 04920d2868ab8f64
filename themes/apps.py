from django.apps import AppConfig


class ThemesConfig(AppConfig):
    """All templates, static files and print CSS, and the county's visual identity."""

    name = "themes"
    verbose_name = "主题"
