"""Existing centers' editors and reviewers may handle their letters."""

from django.db import migrations

from interaction.permissions import grant_to_centers


def grant(apps, schema_editor):
    grant_to_centers(apps, ("view_letter", "change_letter"))


class Migration(migrations.Migration):
    dependencies = [
        ("interaction", "0001_initial"),
        ("editorial", "0003_convert_group_approval_tasks"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
