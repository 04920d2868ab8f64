"""Signal handlers for the page tree."""

from django.dispatch import receiver

from wagtail.models import Locale
from wagtail.signals import page_published

from pages.models import ServiceCenterPage
from pages.services.sections import ensure_center_sections


@receiver(page_published, sender=ServiceCenterPage)
def give_new_center_its_sections(sender, instance, **kwargs):
    """A center published for the first time gets its standard sections.

    Only on the first publish, so a section an editor deliberately removed
    stays removed; and only in the default (source) locale, because
    translations get translated sections through wagtail-localize.
    """
    first_publish = instance.first_published_at == instance.last_published_at
    if first_publish and instance.locale_id == Locale.get_default().pk:
        ensure_center_sections(instance)
