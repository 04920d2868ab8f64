from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    """Per-center roles, the approval workflow, publishing gates, translations
    and the freshness dashboard: how a county's many townships share one admin."""

    name = "editorial"
    verbose_name = _("编辑与审核")

    def ready(self):
        # app registry: signals imports the models, so it loads once they are ready
        from . import signals  # noqa: F401
