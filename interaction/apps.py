from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InteractionConfig(AppConfig):
    """Citizens writing to their center (咨询/投诉/建议/求助) and the answers."""

    name = "interaction"
    verbose_name = _("互动交流")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Both center roles handle their center's letters (rows scoped in the admin).
        from editorial.services.roles import center_permission

        center_permission(
            "interaction.view_letter",
            "interaction.change_letter",
            "interaction.view_rating",
            "interaction.view_followup",
            "interaction.change_followup",
        )
        # The letters' panel on the freshness dashboard too (the admin home has it by hook).
        from editorial.dashboard import register_dashboard_panel

        from .panels import panel_for

        register_dashboard_panel(panel_for)
        # Published letters are found by the site search (masked).
        from . import search_documents

        search_documents.register()
