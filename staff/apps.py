from django.apps import AppConfig


class StaffConfig(AppConfig):
    """Staff directory, live whereabouts (去向公示牌), AB posts and the hall display."""

    name = "staff"
    verbose_name = "工作人员"
    default_auto_field = "django.db.models.BigAutoField"
