from django.apps import AppConfig


class ScannerConfig(AppConfig):
    """The injected-content scanner: a publishing gate on every page type."""

    name = "scanner"
    verbose_name = "植入内容检查"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # app registry: both import models, so they load once the models are ready
        from core.gates import register_gate

        from .service import injected_content_gate

        register_gate(injected_content_gate)
