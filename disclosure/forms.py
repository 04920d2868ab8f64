"""The application form (第二十九条), online and for paper applications entered by staff.

Plain HTML, no JavaScript. Identity fields are checked as what they are (an
ID card number by its check digit, a 统一社会信用代码 by its form), markup and
overlong text are refused with a message, and nothing is stored until all of
it is right.
"""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from interaction.forms import honeypot_and_lexicon

from .models import ApplicantType, DisclosureRequest

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID_CARD = re.compile(r"^\d{17}[\dX]$")
_CREDIT_CODE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")
_PHONE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$")
_MARKUP = re.compile(r"[<>{}]")
IDENTITY_FIELDS = ("name", "id_number", "contact_name", "address")


def id_card_ok(number: str) -> bool:
    """An 18-digit resident ID card number whose check digit (GB 11643) is right."""
    if not _ID_CARD.match(number):
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == number[17]


class ApplicationForm(forms.ModelForm):
    website = forms.CharField(required=False, label=_("网址（请留空）"))

    class Meta:
        model = DisclosureRequest
        fields = [
            "applicant_type", "name", "id_type", "id_number", "contact_name", "phone", "email",
            "address", "postcode", "description", "document_number", "purpose", "supply_form",
            "delivery",
        ]  # fmt: skip
        widgets = {
            "applicant_type": forms.RadioSelect,
            "supply_form": forms.RadioSelect,
            "delivery": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 6}),
            "phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
        }
        help_texts = {
            "name": _("自然人填姓名；法人或其他组织填单位全称"),
            "phone": _("仅用于办理和答复您的申请，不会公开"),
        }

    def __init__(self, *args, staff: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applicant_type"].choices = ApplicantType.choices
        self.fields["id_type"].required = False
        if staff:  # a paper application: the officer types what it says
            del self.fields["website"]

    def _text(self, name: str) -> str:
        value = self.cleaned_data.get(name, "").strip()
        if _MARKUP.search(value):
            raise forms.ValidationError(_("请不要填写“<”“>”等符号。"))
        return value

    def clean_name(self) -> str:
        return self._text("name")

    def clean_contact_name(self) -> str:
        return self._text("contact_name")

    def clean_address(self) -> str:
        return self._text("address")

    def clean_phone(self) -> str:
        phone = re.sub(r"\s", "", self.cleaned_data["phone"])
        if not _PHONE.match(phone):
            raise forms.ValidationError(
                _("请填写手机号码或带区号的固定电话，例如13812345678或0851-12345678。")
            )
        return phone

    def clean_postcode(self) -> str:
        code = self.cleaned_data.get("postcode", "").strip()
        if code and not re.fullmatch(r"\d{6}", code):
            raise forms.ValidationError(_("邮政编码是6位数字。"))
        return code

    def clean_description(self) -> str:
        text = self.cleaned_data["description"].strip()
        if len(text) < 4:
            raise forms.ValidationError(_("请写明所需政府信息的名称、文号或者便于查询的描述。"))
        return text

    def clean(self):
        cleaned = super().clean()
        honeypot_and_lexicon(cleaned, ("description", "purpose"))
        kind = cleaned.get("applicant_type")
        number = re.sub(r"\s", "", cleaned.get("id_number", "")).upper()
        if not number or not kind:
            return cleaned
        if _MARKUP.search(number):
            self.add_error("id_number", _("请不要填写“<”“>”等符号。"))
        elif kind == ApplicantType.PERSON:
            id_type = cleaned.get("id_type") or DisclosureRequest.IdType.ID_CARD
            cleaned["id_type"] = id_type
            if id_type == DisclosureRequest.IdType.ID_CARD and not id_card_ok(number):
                self.add_error("id_number", _("身份证号码不正确，请核对18位号码。"))
        else:
            cleaned["id_type"] = ""
            if not _CREDIT_CODE.match(number):
                self.add_error("id_number", _("统一社会信用代码不正确，请核对18位代码。"))
        cleaned["id_number"] = number
        return cleaned
