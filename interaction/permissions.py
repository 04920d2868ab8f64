"""Granting this app's model permissions to the center roles that exist already
(new centers get them from editorial.services.roles.ensure_workspace)."""

from __future__ import annotations

from django.contrib.auth.management import create_permissions


def grant_to_centers(apps, codenames: tuple[str, ...]) -> None:
    """For data migrations: `apps` is the migration's historical registry."""
    config = apps.get_app_config("interaction")
    config.models_module = True  # create_permissions skips apps without models
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    Workspace = apps.get_model("editorial", "CenterWorkspace")
    permissions = list(
        Permission.objects.filter(content_type__app_label="interaction", codename__in=codenames)
    )
    for workspace in Workspace.objects.all():
        workspace.editor_group.permissions.add(*permissions)
        workspace.reviewer_group.permissions.add(*permissions)
