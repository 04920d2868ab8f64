"""The public letter form: plain HTML, no JavaScript, no CAPTCHA.

Floods are stopped by a hidden field people never fill, by rate limits per
address and per mobile (core.ratelimit, shared through the cache), and
adverts by the injected-content scanner's lexicon.
"""

from __future__ import annotations

import re

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from PIL import Image

from pages.models import ServiceCenterPage, ServiceGuidePage
from pages.services.centers import services_of
from scanner.detect import scan_text
from scanner.service import load_lexicon

from .models import Letter

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png"}
MIN_BODY = 5


def checked_image(upload) -> str:
    """The picture's content type, if it is a JPEG or PNG of an allowed size whose
    bytes say so (not its name: a PDF renamed .jpg is refused)."""
    if upload.size > settings.LETTER_IMAGE_MAX_BYTES:
        raise forms.ValidationError(
            _("图片太大：每张不超过 %(mb)s MB。")
            % {"mb": settings.LETTER_IMAGE_MAX_BYTES // (1024 * 1024)}
        )
    try:
        with Image.open(upload) as image:
            kind = image.format
            image.verify()  # the whole file, without decoding its pixels
    except (OSError, SyntaxError, Image.DecompressionBombError, ValueError):
        kind = None
    finally:
        upload.seek(0)
    if kind not in _IMAGE_TYPES:
        raise forms.ValidationError(_("只能上传JPG或PNG格式的图片。"))
    return _IMAGE_TYPES[kind]


class LetterForm(forms.ModelForm):
    # Hidden from people (visually and from screen readers); scripts fill it in.
    website = forms.CharField(required=False, label=_("网址（请留空）"))
    image_1 = forms.FileField(required=False, label=_("图片（选填）"))
    image_2 = forms.FileField(required=False, label=_("图片（选填）"))
    image_3 = forms.FileField(required=False, label=_("图片（选填）"))

    class Meta:
        model = Letter
        fields = ["kind", "guide", "subject", "body", "name", "mobile", "public"]
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

    def __init__(self, *args, unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._limit_guides(unit)
        # Needed for the reply (the model leaves them optional for error reports).
        self.fields["name"].required = self.fields["mobile"].required = True
        kind = self.fields["kind"]
        kind.choices = [c for c in kind.choices if c[0] != Letter.Kind.ERROR]
        self.image_types: dict[str, str] = {}

    def _limit_guides(self, unit) -> None:
        """The related service is one of the unit's live guides. A center lists its
        own; the county's form (every center's guides) keeps only one chosen
        beforehand, from a guide page's link."""
        field = self.fields["guide"]
        field.queryset = ServiceGuidePage.objects.none() if unit is None else services_of(unit)
        field.empty_label = _("（不涉及具体事项）")
        if not isinstance(unit, ServiceCenterPage):
            field.widget = forms.HiddenInput()

    def clean_mobile(self) -> str:
        return mobile_number(self.cleaned_data["mobile"])

    def clean_body(self) -> str:
        body = self.cleaned_data["body"].strip()
        if len(body) < MIN_BODY:
            raise forms.ValidationError(_("请把您要反映的事情写清楚（至少5个字）。"))
        return body

    def _clean_image(self, name: str):
        upload = self.cleaned_data.get(name)
        if upload:
            self.image_types[name] = checked_image(upload)
        return upload

    def clean_image_1(self):
        return self._clean_image("image_1")

    def clean_image_2(self):
        return self._clean_image("image_2")

    def clean_image_3(self):
        return self._clean_image("image_3")

    def images(self) -> list[tuple[object, str]]:
        """The valid uploads with their content types, in order."""
        return [
            (self.cleaned_data[name], kind)
            for name, kind in self.image_types.items()
            if self.cleaned_data.get(name)
        ]

    def clean(self):
        return honeypot_and_lexicon(super().clean(), ("subject", "body"))


class ErrorReportForm(forms.Form):
    """我为政府网站找错: what is wrong on which page; a contact only if wanted."""

    PROBLEMS = (
        ("typo", _("错别字")),
        ("link", _("链接错误")),
        ("outdated", _("内容过期")),
        ("unreachable", _("无法访问")),
        ("other", _("其他")),
    )
    url = forms.CharField(label=_("出错的网页"), max_length=300)
    problem = forms.ChoiceField(label=_("问题类型"), choices=PROBLEMS, widget=forms.RadioSelect)
    body = forms.CharField(
        label=_("问题描述"), max_length=1000, widget=forms.Textarea(attrs={"rows": 5})
    )
    name = forms.CharField(label=_("姓名（选填）"), max_length=30, required=False)
    mobile = forms.CharField(
        label=_("手机号码（选填）"), max_length=20, required=False,
        help_text=_("留下号码可以收到处理结果，不会公开"),
    )  # fmt: skip
    website = forms.CharField(required=False, label=_("网址（请留空）"))

    def clean_url(self) -> str:
        url = self.cleaned_data["url"].strip()
        if not url.startswith("/") or url.startswith("//"):
            raise forms.ValidationError(_("请填写本网站的网页地址。"))
        return url

    def clean_mobile(self) -> str:
        mobile = self.cleaned_data["mobile"]
        return mobile_number(mobile) if mobile.strip() else ""

    def clean_body(self) -> str:
        body = self.cleaned_data["body"].strip()
        if len(body) < MIN_BODY:
            raise forms.ValidationError(_("请把您要反映的事情写清楚（至少5个字）。"))
        return body

    def clean(self):
        return honeypot_and_lexicon(super().clean(), ("body",))


def mobile_number(text: str) -> str:
    """An 11-digit mainland mobile number, spaces and dashes dropped (every form here)."""
    mobile = re.sub(r"[\s-]", "", text)
    if not _MOBILE.match(mobile):
        raise forms.ValidationError(_("请填写11位手机号码，例如13812345678。"))
    return mobile


def honeypot_and_lexicon(cleaned: dict, fields: tuple[str, ...]) -> dict:
    """The honeypot and the lexicon, for every public form (here and the disclosure app's)."""
    if cleaned.get("website"):
        raise forms.ValidationError(_("提交未成功，请不要填写“网址”一栏。"))
    text = "\n".join(cleaned.get(f, "") for f in fields)
    if text.strip() and scan_text(text, None, load_lexicon()):
        raise forms.ValidationError(
            _("来信中含有广告或与政务无关的链接、联系方式，请删除后再提交。")
        )
    return cleaned
