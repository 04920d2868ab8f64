from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    """Policy documents (政策文件): disclosure metadata, importers, the
    injected-content scanner and printable output (signage, forms, GB/T 9704)."""

    name = "documents"
    label = "portal_documents"
    verbose_name = "政策文件"

    def ready(self):
        """The injected-content scanner guards every publish of every page type."""
        from editorial.gates import register_gate

        from .scanner.service import injected_content_gate

        register_gate(injected_content_gate)
