"""The approval gate as a Wagtail task type: what the centers' workflows use, how a
refusal reaches the reviewer, and the migration that turned the old plain tasks into it."""

import importlib

from django.apps import apps
from django.urls import resolve

from wagtail.models import GroupApprovalTask, Task

from editorial.approval import refused_approval_url
from editorial.models import GatedGroupApprovalTask
from tests.editorial.test_workflow import _submit
from tests.factories import make_guide, make_window

conversion = importlib.import_module("editorial.migrations.0003_convert_group_approval_tasks")


def _incomplete_guide_in_review(town):
    guide = make_guide(town.guides, make_window(town.center), publish_it=False)
    _submit(town, guide)
    guide.conditions = ""
    guide.fee_free = False
    guide.save_revision(user=town.editor)
    return guide


def test_a_new_centers_workflow_approves_through_the_gated_task(towns):
    a, _ = towns
    (task,) = [wt.task.specific for wt in a.workspace.workflow.workflow_tasks.all()]
    assert type(task) is GatedGroupApprovalTask
    assert list(task.groups.all()) == [a.workspace.reviewer_group]


def test_wagtails_own_workflow_action_url_is_no_longer_shadowed(towns):
    a, _ = towns
    guide = make_guide(a.guides, make_window(a.center), publish_it=False)
    _submit(a, guide)
    state = guide.current_workflow_task_state
    match = resolve(f"/admin/pages/workflow/action/{guide.pk}/approve/{state.pk}/")
    assert match.view_name == "wagtailadmin_pages:workflow_action"


def test_a_refusal_from_the_dashboard_modal_lands_on_the_reasons(towns):
    """The dashboard approves over XMLHttpRequest and follows the JSON's redirect."""
    a, _ = towns
    guide = _incomplete_guide_in_review(a)
    state = guide.current_workflow_task_state
    url = f"/admin/pages/workflow/action/{guide.pk}/approve/{state.pk}/"
    response = a.client("director").post(
        url, {"comment": "同意"}, headers={"x-requested-with": "XMLHttpRequest"}
    )
    assert response.status_code == 200
    assert response.json()["step"] == "success"
    redirect = response.json()["redirect"]
    assert redirect == refused_approval_url(guide)
    text = a.client("director").get(redirect).content.decode()
    assert "未能通过审核" in text and "受理条件" in text
    guide.refresh_from_db()
    assert not guide.live and guide.workflow_in_progress


def test_the_refusal_address_shows_nothing_once_the_page_passes(towns):
    a, _ = towns
    guide = make_guide(a.guides, make_window(a.center), publish_it=False)
    _submit(a, guide)
    text = a.client("director").get(refused_approval_url(guide)).content.decode()
    assert "未能通过审核" not in text


def test_the_migration_turns_plain_group_approval_tasks_into_gated_ones_in_place(towns):
    """A task with a review in progress keeps its id, groups, workflow and review."""
    a, _ = towns
    (task_id,) = a.workspace.workflow.workflow_tasks.values_list("task_id", flat=True)
    conversion.ungate_group_approval_tasks(apps, None)
    assert type(Task.objects.get(pk=task_id).specific) is GroupApprovalTask
    guide = _incomplete_guide_in_review(a)
    state = guide.current_workflow_task_state

    conversion.gate_group_approval_tasks(apps, None)

    assert not GroupApprovalTask.objects.exists()
    task = Task.objects.get(pk=task_id).specific
    assert type(task) is GatedGroupApprovalTask
    assert list(task.groups.all()) == [a.workspace.reviewer_group]
    assert list(a.workspace.workflow.workflow_tasks.values_list("task_id", flat=True)) == [task_id]
    guide.refresh_from_db()
    assert guide.current_workflow_task_state.pk == state.pk
    assert guide.current_workflow_task == task
    url = f"/admin/pages/workflow/action/{guide.pk}/approve/{state.pk}/"
    response = a.client("director").post(url)
    assert response["Location"] == refused_approval_url(guide)
    guide.refresh_from_db()
    assert not guide.live and guide.workflow_in_progress
