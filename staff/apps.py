from django.apps import AppConfig
from django.db.models.signals import post_save

from wagtail.images import get_image_model


class StaffConfig(AppConfig):
    """Staff directory, live whereabouts (去向公示牌), AB posts and the hall display."""

    name = "staff"
    verbose_name = "工作人员"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # app registry: these import models, so they load once the models are ready
        from . import cache_dependencies, search_documents, sections
        from .images import prepare_on_save

        post_save.connect(
            prepare_on_save, sender=get_image_model(), dispatch_uid="staff-public-renditions"
        )
        sections.register()
        search_documents.register()
        cache_dependencies.register()
