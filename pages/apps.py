from django.apps import AppConfig


class PagesConfig(AppConfig):
    """The page tree: county home → township centers → village stations."""

    name = "pages"
    verbose_name = "页面"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # app registry: these import the models, so they load once the models are ready
        from . import cache_dependencies, search_documents, sections, signals  # noqa: F401

        sections.register()
        cache_dependencies.register()
        search_documents.register()
