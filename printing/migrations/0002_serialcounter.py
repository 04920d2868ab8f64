import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("printing", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="SerialCounter",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("year", models.PositiveSmallIntegerField(verbose_name="年度")),
                ("last", models.PositiveIntegerField(default=0, verbose_name="已用到的编号")),
                (
                    "center",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="serial_counters",
                        to="pages.servicecenterpage",
                        verbose_name="中心",
                    ),
                ),
            ],
            options={"verbose_name": "受理告知书编号", "verbose_name_plural": "受理告知书编号"},
        ),
        migrations.AddConstraint(
            model_name="serialcounter",
            constraint=models.UniqueConstraint(fields=("center", "year"), name="printing_serial_per_year"),
        ),
    ]
