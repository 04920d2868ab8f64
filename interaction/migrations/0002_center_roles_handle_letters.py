"""Existing centers' editors and reviewers may handle their letters (new centers get
the permissions from editorial.services.roles.ensure_workspace)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ("view_letter", "change_letter")


def grant(apps, schema_editor):
    config = apps.get_app_config("interaction")
    config.models_module = True  # create_permissions skips apps without models
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    Workspace = apps.get_model("editorial", "CenterWorkspace")
    permissions = list(
        Permission.objects.filter(content_type__app_label="interaction", codename__in=CODENAMES)
    )
    for workspace in Workspace.objects.all():
        workspace.editor_group.permissions.add(*permissions)
        workspace.reviewer_group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("interaction", "0001_initial"),
        ("editorial", "0003_convert_group_approval_tasks"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
