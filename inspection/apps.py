from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionConfig(AppConfig):
    """网站检查: the national inspection (国办秘函〔2019〕19号) measured from inside —
    single-veto items, scored items, links and wording — so the county sees whether the
    portal would pass today and which township puts it at risk."""

    name = "inspection"
    verbose_name = _("网站检查")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # app registry: the scanning service imports the models, ready only now
        from .services import wording_scan

        wording_scan.connect()
