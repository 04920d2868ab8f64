"""The 信息公开 officers of each unit: the only staff who see its requests.

Every center gets its officer group with its workspace (registered into
editorial.services.roles as a workspace extension); the county's own group
comes with the county's column. A group is a plain Django group, so the
county administrator adds people to it as to the editor and reviewer groups.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from wagtail.models import Page

from editorial.services.roles import source_center, unique_group_name, user_cache

from ..models import DisclosureOffice

OFFICER_PERMISSIONS = (
    ("wagtailadmin", "access_admin"),
    ("disclosure", "add_disclosurerequest"),
    ("disclosure", "change_disclosurerequest"),
    ("disclosure", "view_disclosurerequest"),
)


@transaction.atomic
def ensure_office(unit: Page) -> DisclosureOffice:
    """The unit's officer group, created once (idempotent), with its permissions."""
    unit = source_center(unit)
    office = DisclosureOffice.objects.select_related("group").filter(unit=unit).first()
    if office is None:
        group = Group.objects.create(name=unique_group_name(f"{unit.title}·信息公开"))
        office = DisclosureOffice.objects.create(unit=unit, group=group)
    office.group.permissions.add(
        *(
            Permission.objects.get(content_type__app_label=app, codename=codename)
            for app, codename in OFFICER_PERMISSIONS
        )
    )
    return office


def extend_workspace(center, workspace) -> None:
    ensure_office(center)


def unit_ids_for(user) -> set[int]:
    """Source-locale ids of the units whose requests the user handles."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cache = user_cache(user, "_disclosure_units")
    if "ids" not in cache:
        cache["ids"] = set(
            DisclosureOffice.objects.filter(group__user=user).values_list("unit_id", flat=True)
        )
    return cache["ids"]


def handles(user, unit_id: int) -> bool:
    return bool(getattr(user, "is_superuser", False)) or unit_id in unit_ids_for(user)


def scope(queryset, user):
    """The requests of the units the user handles (a superuser: every unit's). Not the
    county administrators': an applicant's identity is for the officers alone."""
    if getattr(user, "is_superuser", False):
        return queryset
    return queryset.filter(center_id__in=unit_ids_for(user))


def units_for(user):
    """The unit pages the user may enter a paper application for."""
    if getattr(user, "is_superuser", False):
        return Page.objects.filter(pk__in=DisclosureOffice.objects.values("unit_id"))
    return Page.objects.filter(pk__in=unit_ids_for(user))
