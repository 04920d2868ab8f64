"""The county's starting wording lexicon (inspection/seed.py); entries already there stay."""

from django.db import migrations

from inspection.seed import seed


def create_entries(apps, schema_editor):
    seed(apps.get_model("inspection", "Formulation"))


class Migration(migrations.Migration):
    dependencies = [("inspection", "0001_initial")]

    operations = [
        # Reversing keeps the entries: administrators may have edited them since.
        migrations.RunPython(create_entries, migrations.RunPython.noop),
    ]
