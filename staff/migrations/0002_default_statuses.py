"""Seed the eight statuses every hall uses; the county may edit the list later."""

from django.db import migrations

STATUSES = (
    ("在岗", True, "green"),
    ("下村走访", False, "blue"),
    ("外出办事", False, "blue"),
    ("会议", False, "amber"),
    ("学习培训", False, "amber"),
    ("请假", False, "grey"),
    ("出差", False, "grey"),
    ("轮休", False, "grey"),
)


def seed(apps, schema_editor):
    status_model = apps.get_model("staff", "WhereaboutsStatus")
    for order, (name, present, colour) in enumerate(STATUSES):
        status_model.objects.get_or_create(
            name=name, defaults={"is_present": present, "colour": colour, "sort_order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("staff", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
