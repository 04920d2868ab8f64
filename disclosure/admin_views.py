"""The officers' handling page of one request: the clock, the history, and each step
the law allows next (补正, 征求第三方意见, 恢复计时, 延期, 答复), through services.requests."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.workdays import WorkingCalendar

from .models import DisclosureRequest, RequestPause
from .outcomes import OUTCOME_CHOICES
from .services import officers
from .services import requests as cases
from .services.clock import MAX_EXTENSION_DAYS


def _date_field(label):
    # An <input type=date> takes only ISO dates, whatever the locale formats.
    return forms.DateField(
        label=label, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class PauseForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("暂停原因"), choices=RequestPause.Kind.choices)
    on = _date_field(gettext_lazy("告知申请人或第三方的日期"))
    note = forms.CharField(label=gettext_lazy("说明"), max_length=300, required=False)


class ResumeForm(forms.Form):
    on = _date_field(gettext_lazy("收到补正材料或第三方意见的日期"))
    note = forms.CharField(label=gettext_lazy("说明"), max_length=300, required=False)


class ExtendForm(forms.Form):
    days = forms.IntegerField(
        label=gettext_lazy("延长（工作日）"), min_value=1, max_value=MAX_EXTENSION_DAYS,
        error_messages={"max_value": gettext_lazy("延长的期限最长不超过20个工作日。")},
    )  # fmt: skip
    reason = forms.CharField(label=gettext_lazy("延期理由"), max_length=300)
    approved_by = forms.CharField(label=gettext_lazy("批准人（机关负责人）"), max_length=40)
    on = _date_field(gettext_lazy("告知申请人的日期"))


class ReplyForm(forms.Form):
    outcome = forms.ChoiceField(label=gettext_lazy("办理结果"), choices=OUTCOME_CHOICES)
    text = forms.CharField(
        label=gettext_lazy("答复内容"), max_length=4000, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("写明公开的信息及获取方式，或不予公开、无法提供的理由"),
    )  # fmt: skip
    on = _date_field(gettext_lazy("答复日期"))
    fee = forms.DecimalField(
        label=gettext_lazy("信息处理费（元）"), min_value=0, max_digits=8, decimal_places=2,
        initial=0, required=False,
    )  # fmt: skip
    fee_note = forms.CharField(label=gettext_lazy("收费说明"), max_length=200, required=False)


STEPS = {"pause": PauseForm, "resume": ResumeForm, "extend": ExtendForm, "reply": ReplyForm}
TITLES = {
    "pause": gettext_lazy("暂停计时（补正 / 征求第三方意见）"),
    "resume": gettext_lazy("恢复计时"),
    "extend": gettext_lazy("延长答复期限"),
    "reply": gettext_lazy("答复"),
}


def next_steps(case, paused: bool) -> list[str]:
    """What may happen next: nothing once answered; while paused only the resumption."""
    if case.replied_on:
        return []
    if paused:
        return ["resume"]
    return ["pause", *([] if case.extension_days else ["extend"]), "reply"]


def _case(request, pk: int) -> DisclosureRequest:
    case = get_object_or_404(DisclosureRequest.objects.select_related("center"), pk=pk)
    if not officers.handles(request.user, case.center_id):
        raise Http404  # another unit's request is not there at all
    return case


def _take(step: str, case, user, data: dict) -> None:
    if step == "pause":
        cases.pause(case, user, data["kind"], data["on"], data["note"])
    elif step == "resume":
        cases.resume(case, user, data["on"], data["note"])
    elif step == "extend":
        cases.extend(
            case, user, days=data["days"], reason=data["reason"],
            approved_by=data["approved_by"], on=data["on"],
        )  # fmt: skip
    else:
        cases.reply(
            case, user, outcome=data["outcome"], text=data["text"], on=data["on"],
            fee=data["fee"] or 0, fee_note=data["fee_note"],
        )  # fmt: skip


def handle(request, pk: int):
    case = _case(request, pk)
    today = timezone.localdate()
    bound = {name: form(initial={"on": today}, prefix=name) for name, form in STEPS.items()}
    if request.method == "POST":
        step = request.POST.get("step", "")
        if step not in STEPS:
            raise Http404
        form = STEPS[step](request.POST, prefix=step)
        bound[step] = form
        if form.is_valid():
            try:
                _take(step, case, request.user, form.cleaned_data)
            except cases.RequestError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("已保存。"))
                return redirect("disclosure_request_handle", case.pk)
    paused = case.pauses.filter(ended_on__isnull=True).exists()
    days_left = case.days_left(today, WorkingCalendar())
    context = {
        "case": case,
        "steps": [(name, TITLES[name], bound[name]) for name in next_steps(case, paused)],
        "pauses": case.pauses.all(),
        "events": case.events.select_related("user"),
        "days_left": days_left,
        "overdue_days": -days_left if days_left is not None and days_left < 0 else 0,
    }
    return TemplateResponse(request, "disclosure/admin/handle.html", context)


def reply_letter(request, pk: int):
    """The stored 告知书, for the unit's officers only."""
    case = _case(request, pk)
    if not case.reply_pdf:
        raise Http404
    response = FileResponse(case.reply_pdf.open("rb"), content_type="application/pdf")
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = f'inline; filename="{case.code}.pdf"'
    return response
