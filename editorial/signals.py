"""A center page created (in any locale) gets its workspace at once."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from pages.models import ServiceCenterPage

from .services.roles import ensure_workspace


@receiver(post_save, sender=ServiceCenterPage)
def give_new_center_its_roles(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        ensure_workspace(instance)
