from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    """政府信息公开: the statutory column, requests and their clock, annual reports and
    the grassroots standard catalogue, for the county and every center."""

    name = "disclosure"
    verbose_name = _("政府信息公开")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Every center's workspace gets its 信息公开 officers.
        from editorial.services.roles import workspace_extension

        from .services.officers import extend_workspace

        workspace_extension(extend_workspace)
        # The standard catalogue: every center's editors and reviewers keep their unit's.
        from editorial.services.roles import center_permission

        from .permissions import CATALOGUE_PERMISSIONS

        center_permission(*CATALOGUE_PERMISSIONS)
        # The column (kind open-government): its listing and its first pages.
        from . import sections

        sections.register()
        # The annual report's PDF, which the report page routes to.
        from core.sections import register_page_view

        from .report_pdf import report_response

        register_page_view("disclosure.annual_report", "pdf", report_response)
