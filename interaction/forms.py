"""The public letter form: plain HTML, no JavaScript, no CAPTCHA.

Floods are stopped by a hidden field people never fill, by rate limits per
address and per mobile (core.ratelimit, shared through the cache), and
adverts by the injected-content scanner's lexicon.
"""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from scanner.detect import scan_text
from scanner.service import load_lexicon

from .models import Letter

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
MIN_BODY = 5


class LetterForm(forms.ModelForm):
    # Hidden from people (visually and from screen readers); scripts fill it in.
    website = forms.CharField(required=False, label=_("网址（请留空）"))

    class Meta:
        model = Letter
        fields = ["kind", "subject", "body", "name", "mobile", "public"]
        widgets = {
            "kind": forms.RadioSelect,
            "body": forms.Textarea(attrs={"rows": 8}),
            "mobile": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "tel"}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
        }
        help_texts = {
            "mobile": _("仅用于答复您，不会公开"),
            "public": _("答复后连同来信一起公开，姓名和电话不公开"),
        }

    def clean_mobile(self) -> str:
        mobile = re.sub(r"[\s-]", "", self.cleaned_data["mobile"])
        if not _MOBILE.match(mobile):
            raise forms.ValidationError(_("请填写11位手机号码，例如13812345678。"))
        return mobile

    def clean_body(self) -> str:
        body = self.cleaned_data["body"].strip()
        if len(body) < MIN_BODY:
            raise forms.ValidationError(_("请把您要反映的事情写清楚（至少5个字）。"))
        return body

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(_("提交未成功，请不要填写“网址”一栏。"))
        text = "\n".join(cleaned.get(f, "") for f in ("subject", "body"))
        if text.strip() and scan_text(text, None, load_lexicon()):
            raise forms.ValidationError(
                _("来信中含有广告或与政务无关的链接、联系方式，请删除后再提交。")
            )
        return cleaned
