"""Existing centers' editors and reviewers see their ratings and follow their bad ones up."""

from django.db import migrations

from interaction.permissions import grant_to_centers


def grant(apps, schema_editor):
    grant_to_centers(apps, ("view_rating", "view_followup", "change_followup"))


class Migration(migrations.Migration):
    dependencies = [("interaction", "0004_ratings")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
