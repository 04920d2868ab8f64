from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Chinese full-text search behind one small interface (search.backends.base)."""

    name = "search"
    label = "portal_search"
    verbose_name = "全文检索"

    def ready(self):
        # app registry: signals imports the models, so it loads once they are ready
        from . import cache_dependencies, signals  # noqa: F401  (signals: index handlers)

        cache_dependencies.register()
