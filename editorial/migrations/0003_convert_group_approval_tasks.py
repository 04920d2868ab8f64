"""Every existing group approval task becomes a gated one, in place.

Until now the gates were applied to every approval by a view standing in for
Wagtail's workflow action URL, whatever the task; converting every
GroupApprovalTask (the centers' own and Wagtail's default "Moderators
approval") keeps that. The task keeps its id, name, groups, workflows and
in-progress reviews: only its type (content type and child row) changes.
"""

from django.db import migrations


def _convert(apps, source: tuple[str, str], target: tuple[str, str]) -> int:
    content_type_model = apps.get_model("contenttypes", "ContentType")
    task_model = apps.get_model("wagtailcore", "Task")
    source_model = apps.get_model(*source)
    target_model = apps.get_model(*target)
    content_type, _ = content_type_model.objects.get_or_create(
        app_label=target_model._meta.app_label, model=target_model._meta.model_name
    )
    converted = 0
    for old in source_model.objects.all():
        task_id = old.pk  # delete() below clears old.pk
        group_ids = list(old.groups.values_list("pk", flat=True))
        new = target_model(task_ptr_id=task_id)
        new.save_base(raw=True)  # the child row only: the Task row stays as it is
        new.groups.set(group_ids)
        old.delete(keep_parents=True)
        task_model.objects.filter(pk=task_id).update(content_type=content_type)
        converted += 1
    return converted


def gate_group_approval_tasks(apps, schema_editor):
    _convert(apps, ("wagtailcore", "GroupApprovalTask"), ("editorial", "GatedGroupApprovalTask"))


def ungate_group_approval_tasks(apps, schema_editor):
    _convert(apps, ("editorial", "GatedGroupApprovalTask"), ("wagtailcore", "GroupApprovalTask"))


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("editorial", "0002_gated_group_approval_task"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(gate_group_approval_tasks, ungate_group_approval_tasks),
    ]
