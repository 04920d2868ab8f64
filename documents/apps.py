from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    """Policy documents (政策文件): disclosure metadata, 索引号, importers, the
    catalogue and feeds, and the official GB/T 9704 format."""

    name = "documents"
    label = "portal_documents"
    verbose_name = "政策文件"

    def ready(self):
        # app registry: these import the models, so they load once the models are ready
        from . import cache_dependencies, search_documents, sections

        sections.register()
        cache_dependencies.register()
        search_documents.register()
