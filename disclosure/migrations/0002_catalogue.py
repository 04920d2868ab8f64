"""Existing centers' editors and reviewers (and the county administrators) keep their
unit's standard catalogue: its areas and its entries."""

from django.db import migrations

from disclosure.permissions import CATALOGUE_CODENAMES, grant_to_centers


def grant(apps, schema_editor):
    grant_to_centers(apps, CATALOGUE_CODENAMES)


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0001_initial"),
        ("editorial", "0003_convert_group_approval_tasks"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
