"""HallRule went to printing, the scanner's models to scanner: state only."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("printing", "0001_initial"),
        ("scanner", "0001_initial"),
        ("portal_documents", "0004_unique_index_number"),
    ]

    operations = [
        # The table already exists (created by the documents app, whose name it keeps).
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="hallrule",
                    name="center",
                ),
                migrations.DeleteModel(
                    name="InjectionTerm",
                ),
                migrations.RemoveField(
                    model_name="scanclearance",
                    name="cleared_by",
                ),
                migrations.RemoveField(
                    model_name="scanclearance",
                    name="page",
                ),
                migrations.DeleteModel(
                    name="HallRule",
                ),
                migrations.DeleteModel(
                    name="ScanClearance",
                ),
            ],
            database_operations=[],
        ),
    ]
