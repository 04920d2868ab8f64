"""The standard catalogue's model permissions, held by every center's editors and
reviewers (which rows they reach is narrowed to their unit by editorial.scoping)."""

from __future__ import annotations

from django.contrib.auth.management import create_permissions

CATALOGUE_CODENAMES = (
    "add_cataloguearea",
    "change_cataloguearea",
    "delete_cataloguearea",
    "view_cataloguearea",
    "add_catalogueentry",
    "change_catalogueentry",
    "delete_catalogueentry",
    "view_catalogueentry",
)
CATALOGUE_PERMISSIONS = tuple(f"disclosure.{codename}" for codename in CATALOGUE_CODENAMES)
COUNTY_ADMIN_GROUP = "县级管理员"  # editorial.services.roles.COUNTY_ADMIN_GROUP


def grant_to_centers(apps, codenames: tuple[str, ...]) -> None:
    """For data migrations (`apps` is the historical registry): existing centers' roles
    and the county administrators; new centers get them from ensure_workspace."""
    config = apps.get_app_config("disclosure")
    config.models_module = True  # create_permissions skips apps without models
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    Workspace = apps.get_model("editorial", "CenterWorkspace")
    permissions = list(
        Permission.objects.filter(content_type__app_label="disclosure", codename__in=codenames)
    )
    for workspace in Workspace.objects.all():
        workspace.editor_group.permissions.add(*permissions)
        workspace.reviewer_group.permissions.add(*permissions)
    for group in Group.objects.filter(name=COUNTY_ADMIN_GROUP):
        group.permissions.add(*permissions)
