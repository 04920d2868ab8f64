"""The status form: a status, then one tap on when the person expects to be back."""

from django import forms
from django.utils.translation import gettext_lazy as _

from staff.models import WhereaboutsStatus
from staff.services.whereabouts import RETURN_CHOICES, ReturnTimeError, return_time


class StatusForm(forms.Form):
    status = forms.ModelChoiceField(
        WhereaboutsStatus.objects.active(),
        label=_("去向"),
        empty_label=None,
        error_messages={"required": _("请选择去向。"), "invalid_choice": _("所选去向不存在。")},
    )
    note = forms.CharField(label=_("说明（可不填）"), max_length=60, required=False)
    return_choice = forms.ChoiceField(
        label=_("预计返回"), choices=list(RETURN_CHOICES.items()), required=False
    )
    return_clock = forms.CharField(label=_("返回时间"), max_length=5, required=False)
    return_day = forms.CharField(label=_("返回日期"), max_length=10, required=False)

    def clean(self):
        data = super().clean()
        status = data.get("status")
        data["until"] = None
        if status is None or status.is_present:
            return data
        try:
            data["until"] = return_time(
                data.get("return_choice") or "none",
                data.get("return_clock", ""),
                data.get("return_day", ""),
            )
        except ReturnTimeError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return data
