from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    """Policy documents (政策文件): disclosure metadata, importers, printable output.

    Empty until the policy-documents issue lands; installed now so that the
    layout, migrations and settings are stable for everyone building on it.
    """

    name = "documents"
    label = "portal_documents"
    verbose_name = "政策文件"
