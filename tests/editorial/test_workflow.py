"""The moderation workflow over HTTP: submit, review (approve / request changes),
gates that refuse approval with reasons, notifications, audit log, scheduling."""

import datetime as dt

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from wagtail.models import PageLogEntry

from core.gates import register_gate, unregister_gate
from tests.admin_forms import post_page_form
from tests.factories import make_guide, make_window


def _submit(town, page, changes=None):
    url = f"/admin/pages/{page.pk}/edit/"
    response = post_page_form(town.client("editor"), url, changes or {}, action="action-submit")
    assert response.status_code == 302, response.content.decode()[:2000]
    page.refresh_from_db()
    return page


def _action(town, page, action, **data):
    state = page.current_workflow_task_state
    url = f"/admin/pages/workflow/action/{page.pk}/{action}/{state.pk}/"
    return town.client("director").post(url, data)


def test_editor_submits_director_approves_and_it_goes_live(towns):
    a, _ = towns
    guide = make_guide(a.guides, make_window(a.center), publish_it=False, title="临时救助申请")
    mail.outbox.clear()
    _submit(a, guide)
    assert guide.workflow_in_progress and not guide.live
    # the director is told, by e-mail, that something awaits review
    assert any(a.director.email in m.to for m in mail.outbox)
    dashboard = a.client("director").get("/admin/").content.decode()
    assert "临时救助申请" in dashboard

    response = _action(a, guide, "approve")
    assert response.status_code == 302
    guide.refresh_from_db()
    assert guide.live and not guide.workflow_in_progress
    actions = set(PageLogEntry.objects.filter(page=guide).values_list("action", "user__username"))
    assert ("wagtail.workflow.start", "a-editor") in actions
    assert ("wagtail.workflow.approve", "a-director") in actions
    assert ("wagtail.publish", "a-director") in actions


def test_director_requests_changes_with_a_comment(towns):
    a, _ = towns
    guide = make_guide(a.guides, make_window(a.center), publish_it=False)
    _submit(a, guide)
    response = _action(a, guide, "reject", comment="材料清单请补充户口簿。")
    assert response.status_code == 302
    guide.refresh_from_db()
    assert not guide.live
    state = guide.workflow_states.get()
    assert state.status == "needs_changes"
    assert state.current_task_state.comment == "材料清单请补充户口簿。"


def test_other_centers_director_cannot_approve(towns):
    a, b = towns
    guide = make_guide(a.guides, make_window(a.center), publish_it=False)
    _submit(a, guide)
    state = guide.current_workflow_task_state
    url = f"/admin/pages/workflow/action/{guide.pk}/approve/{state.pk}/"
    response = b.client("director").post(url)
    assert response.status_code in (302, 403, 404)
    guide.refresh_from_db()
    assert not guide.live and guide.workflow_in_progress


def test_gates_refuse_approval_and_show_the_reasons(towns):
    """An incomplete guide reaching review (saved before the rule, or edited in
    between) is refused at approval with the 八公开 elements it lacks."""
    a, _ = towns
    guide = make_guide(a.guides, make_window(a.center), publish_it=False)
    _submit(a, guide)
    guide.conditions = ""
    guide.fee_free = False
    guide.save_revision(user=a.editor)
    response = _action(a, guide, "approve")
    assert response.status_code == 302
    follow = a.client("director").get(response["Location"])
    text = follow.content.decode()
    assert "未能通过审核" in text and "受理条件" in text
    guide.refresh_from_db()
    assert not guide.live and guide.workflow_in_progress


def test_registered_gate_blocks_approval(towns):
    """The hook the documents issue's injected-content scanner uses."""
    a, _ = towns
    guide = make_guide(a.guides, make_window(a.center), publish_it=False, title="正常标题")
    _submit(a, guide)

    def no_casino(page):
        return ["正文含有疑似被植入的赌博广告。"] if "博彩" in page.title else []

    register_gate(no_casino)
    try:
        guide.title = "正常标题 博彩"
        guide.save_revision(user=a.editor)
        _action(a, guide, "approve")
        guide.refresh_from_db()
        assert not guide.live
        guide.title = "正常标题"
        guide.save_revision(user=a.editor)
        _action(a, guide, "approve")
        guide.refresh_from_db()
        assert guide.live
    finally:
        unregister_gate(no_casino)


def test_scheduled_publish_goes_live_when_due(towns):
    a, _ = towns
    guide = make_guide(a.guides, make_window(a.center), publish_it=False, title="定时发布指南")
    guide.go_live_at = timezone.now() + dt.timedelta(hours=1)
    guide.save_revision(user=a.director).publish()
    guide.refresh_from_db()
    assert not guide.live
    # an hour later: the approved time has come
    past = timezone.now() - dt.timedelta(minutes=1)
    revision = guide.scheduled_revision
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    call_command("publish_scheduled", verbosity=0)
    guide.refresh_from_db()
    assert guide.live


def test_notices_expire_on_their_end_date(towns):
    from pages.models import NoticePage, SectionPage

    a, _ = towns
    section = SectionPage.objects.child_of(a.center).get(kind="notices")
    today = timezone.localdate()
    notice = NoticePage(
        title="低保对象公示",
        slug="dibao",
        notice_start=today - dt.timedelta(days=9),
        notice_end=today - dt.timedelta(days=2),
        body="<p>名单</p>",
    )
    kept = NoticePage(
        title="通知存档",
        slug="kept",
        kind="notice",
        notice_start=today - dt.timedelta(days=9),
        notice_end=today - dt.timedelta(days=2),
        expire_on_end=False,
        body="<p>通知</p>",
    )
    for page in (notice, kept):
        section.add_child(instance=page)
        page.save_revision().publish()
    notice.refresh_from_db()
    assert notice.expire_at.astimezone(timezone.get_current_timezone()).date() == (
        today - dt.timedelta(days=1)
    )
    call_command("publish_scheduled", verbosity=0)
    notice.refresh_from_db()
    kept.refresh_from_db()
    assert not notice.live and notice.expired
    assert kept.live


def test_the_audit_log_shows_who_did_what_to_the_centers_own_people(towns):
    a, b = towns
    guide = make_guide(a.guides, make_window(a.center), publish_it=False, title="审计日志指南")
    _submit(a, guide)
    _action(a, guide, "approve")
    history = a.client("editor").get(f"/admin/pages/{guide.pk}/history/").content.decode()
    assert "a-editor" in history and "a-director" in history
    assert b.client("editor").get(f"/admin/pages/{guide.pk}/history/").status_code in (302, 403)
    # 报表 → 站点历史: each director reads their own center's entries only
    site_history = a.client("director").get("/admin/reports/site-history/").content.decode()
    assert "审计日志指南" in site_history
    other = b.client("director").get("/admin/reports/site-history/").content.decode()
    assert "审计日志指南" not in other


def test_registered_gates_also_stop_a_direct_publish_from_the_editor(towns):
    """A director may publish without the workflow; the gates check what they typed."""
    from pages.models import NoticePage, SectionPage

    a, _ = towns
    section = SectionPage.objects.child_of(a.center).get(kind="notices")
    today = timezone.localdate()
    notice = NoticePage(
        title="春耕通知",
        slug="spring",
        kind="notice",
        notice_start=today,
        notice_end=today,
        body="<p>正文</p>",
        live=False,
    )
    section.add_child(instance=notice)
    notice.save_revision()

    def no_casino(page):
        return ["正文含有疑似被植入的赌博广告。"] if "博彩" in page.title else []

    register_gate(no_casino)
    try:
        url = f"/admin/pages/{notice.pk}/edit/"
        response = post_page_form(a.client("director"), url, {"title": "春耕通知 博彩"})
        assert response.status_code == 200
        assert "正文含有疑似被植入的赌博广告" in response.content.decode()
        notice.refresh_from_db()
        assert not notice.live
        response = post_page_form(a.client("director"), url, {"title": "春耕通知"})
        assert response.status_code == 302
        notice.refresh_from_db()
        assert notice.live
    finally:
        unregister_gate(no_casino)
