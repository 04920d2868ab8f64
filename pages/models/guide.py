"""Service guide pages (办事指南): one service item with its 八公开, as fields.

Structured, not one rich-text blob: the disclosure board, the county-wide
item list, the print leaflets and the catalogue import/export are all built
from these fields, so they can never disagree with the guide.
"""

from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page

from modelcluster.fields import ParentalKey, ParentalManyToManyField

from core.sections import SectionKind
from pages.routing import nearest
from pages.services.guides import GuideFacts, describe_missing, format_limit, missing_disclosures
from pages.services.localized import StaysInLanguageMixin

from .guide_parts import GuideForm
from .mixins import PhoneField, ReviewDateMixin

ITEM_TYPE_CHOICES = [
    ("license", _("行政许可")),
    ("confirmation", _("行政确认")),
    ("payment", _("行政给付")),
    ("public", _("公共服务")),
    ("convenience", _("便民服务")),
    ("party", _("党务服务")),
    ("other", _("其他")),
]
HANDLING_MODE_CHOICES = [
    ("immediate", _("即办件")),
    ("promised", _("承诺件")),
    ("joint", _("联办件")),
    ("referred", _("上报件")),
    ("agency", _("代办件")),
]
LEVEL_CHOICES = [("township", _("乡镇办理")), ("village", _("村级代办"))]
AUDIENCE_CHOICES = [("individual", _("个人")), ("legal", _("法人")), ("both", _("个人和法人"))]


class ServiceGuidePage(StaysInLanguageMixin, ReviewDateMixin, Page):
    item_code = models.CharField(_("事项编码"), max_length=60, blank=True, db_index=True)
    item_type = models.CharField(_("事项类型"), max_length=20, choices=ITEM_TYPE_CHOICES)
    handling_mode = models.CharField(
        _("办件类型"), max_length=20, choices=HANDLING_MODE_CHOICES, default="promised"
    )
    level = models.CharField(
        _("办理层级"), max_length=20, choices=LEVEL_CHOICES, default="township"
    )
    window = models.ForeignKey(
        "pages.ServiceWindow",
        verbose_name=_("办理窗口"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="guides",
    )
    department = models.ForeignKey(
        "pages.Department",
        verbose_name=_("实施部门"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="guides",
    )
    audience = models.CharField(
        _("服务对象"), max_length=20, choices=AUDIENCE_CHOICES, default="individual"
    )
    themes = ParentalManyToManyField(
        "pages.LifeEvent", verbose_name=_("人生事件主题"), blank=True, related_name="guides"
    )
    conditions = models.TextField(_("受理条件"), blank=True)
    statutory_limit_days = models.PositiveSmallIntegerField(
        _("法定时限（工作日）"), null=True, blank=True
    )
    promised_limit_days = models.PositiveSmallIntegerField(
        _("承诺时限（工作日）"), null=True, blank=True, help_text=_("0 表示即办（当场办结）")
    )
    fee_free = models.BooleanField(_("不收费"), default=True)
    fee_amount = models.CharField(_("收费标准"), max_length=200, blank=True)
    fee_basis = models.TextField(_("收费依据"), blank=True)
    consultation_phone = PhoneField(
        _("咨询电话"), blank=True, help_text=_("不填则使用中心咨询电话")
    )
    complaint_phone = PhoneField(_("投诉电话"), blank=True, help_text=_("不填则使用中心投诉电话"))
    visits = models.PositiveSmallIntegerField(
        _("到现场次数"), default=1, help_text=_("0 表示零跑动，1 表示最多跑一次")
    )
    online_channel = models.CharField(_("网上办理渠道"), max_length=200, blank=True)

    parent_page_types = ["pages.SectionPage", "pages.VillageStationPage"]
    subpage_types: list[str] = []
    template = "pages/service_guide_page.html"
    base_form_class = GuideForm

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("item_code"), FieldPanel("item_type")]),
        FieldRowPanel([FieldPanel("handling_mode"), FieldPanel("level"), FieldPanel("audience")]),
        FieldRowPanel([FieldPanel("window"), FieldPanel("department")]),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        InlinePanel("legal_bases", heading=_("办理依据"), label=_("依据")),
        FieldPanel("conditions"),
        InlinePanel("materials", heading=_("申报材料"), label=_("材料")),
        InlinePanel("steps", heading=_("办理程序"), label=_("步骤")),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("statutory_limit_days"), FieldPanel("promised_limit_days")]
                ),
                FieldPanel("visits"),
                FieldPanel("online_channel"),
            ],
            heading=_("时限与跑动次数"),
        ),
        MultiFieldPanel(
            [FieldPanel("fee_free"), FieldPanel("fee_amount"), FieldPanel("fee_basis")],
            heading=_("收费"),
        ),
        FieldRowPanel([FieldPanel("consultation_phone"), FieldPanel("complaint_phone")]),
        InlinePanel("faqs", heading=_("常见问题"), label=_("问题")),
    ]
    settings_panels = Page.settings_panels + [FieldPanel("review_by")]

    # Shown on every guide page: loaded with the guide when it is routed.
    routed_with = ("window", "department")

    class Meta:
        verbose_name = _("办事指南")
        verbose_name_plural = _("办事指南")

    @classmethod
    def can_create_at(cls, parent):
        """Guides live in a center's 办事指南 section or directly under a village station."""
        if not super().can_create_at(parent):
            return False
        specific = parent.specific
        return getattr(specific, "kind", SectionKind.GUIDES) == SectionKind.GUIDES

    # -- derived values used by templates, the board and the exporter ------------

    def unit(self):
        """The center or station whose guide this is (nearest one up the tree)."""
        # Up the tree: the types are named by label (see pages.models).
        station_type = apps.get_model("pages", "VillageStationPage")
        center_type = apps.get_model("pages", "ServiceCenterPage")
        return nearest(self, station_type, center_type)

    def effective_phones(self, unit=None) -> tuple[str, str]:
        unit = unit or self.unit()
        consultation = (
            self.consultation_phone
            or getattr(unit, "consultation_phone", "")
            or (getattr(unit, "phone", ""))
        )
        complaint = self.complaint_phone or getattr(unit, "complaint_phone", "")
        if not complaint and unit is not None and hasattr(unit, "center"):
            complaint = getattr(unit.center, "complaint_phone", "")
        return consultation, complaint

    @property
    def promised_limit_text(self) -> str:
        return format_limit(self.promised_limit_days)

    @property
    def statutory_limit_text(self) -> str:
        return format_limit(self.statutory_limit_days)

    @property
    def fee_text(self) -> str:
        return gettext("不收费") if self.fee_free else self.fee_amount

    @property
    def online_channel_url(self) -> str:
        """The 网上办理 channel when it is a web address (then the page links it)."""
        channel = (self.online_channel or "").strip()
        try:
            URLValidator(schemes=["http", "https"])(channel)
        except ValidationError:
            return ""
        return channel

    @property
    def visits_text(self) -> str:
        if self.visits in (0, 1):
            return gettext("零跑动") if self.visits == 0 else gettext("最多跑一次")
        return gettext("需到现场 %(n)s 次") % {"n": self.visits}

    def facts(self, unit=None) -> GuideFacts:
        consultation, complaint = self.effective_phones(unit)
        return GuideFacts(
            name=self.title or "",
            legal_basis_count=len(self.legal_bases.all()),
            conditions=self.conditions or "",
            material_count=len(self.materials.all()),
            step_count=len(self.steps.all()),
            promised_limit_days=self.promised_limit_days,
            fee_free=self.fee_free,
            fee_amount=self.fee_amount or "",
            fee_basis=self.fee_basis or "",
            consultation_phone=consultation,
            complaint_phone=complaint,
        )

    def missing_disclosures(self) -> list[str]:
        return missing_disclosures(self.facts())

    def describe_missing(self) -> str:
        return describe_missing(self.missing_disclosures())

    def publishing_problems(self) -> list[str]:
        """The approval gate (core.gates): a guide goes public only with all 八公开."""
        missing = self.missing_disclosures()
        return [describe_missing(missing)] if missing else []

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        unit = self.unit()
        context["unit"] = unit
        context["consultation_phone"], context["complaint_phone"] = self.effective_phones(unit)
        context["materials"] = list(self.materials.select_related("blank_form", "sample_form"))
        context["structured_data"] = self.structured_data(request, unit)
        return context

    def structured_data(self, request=None, unit=None) -> dict:
        """schema.org GovernmentService for search engines and assistants."""
        data = {
            "@context": "https://schema.org",
            "@type": "GovernmentService",
            "name": self.title,
            "serviceType": self.get_item_type_display(),
            "url": self.get_full_url(request),
            "audience": {"@type": "Audience", "audienceType": self.get_audience_display()},
        }
        if unit is not None:
            data["provider"] = {
                "@type": "GovernmentOffice",
                "name": unit.official_name,
                "address": unit.address,
            }
            data["serviceLocation"] = data["provider"]
        return data


class GuideLegalBasis(Orderable):
    guide = ParentalKey(ServiceGuidePage, related_name="legal_bases", on_delete=models.CASCADE)
    law = models.CharField(_("法律法规名称"), max_length=200)
    articles = models.CharField(
        _("条款"), max_length=200, blank=True, help_text=_("例如：第十二条")
    )

    panels = [FieldRowPanel([FieldPanel("law"), FieldPanel("articles")])]

    def __str__(self):
        return f"《{self.law}》{self.articles}"


MATERIAL_ORIGINAL_CHOICES = [
    ("original", _("原件")),
    ("copy", _("复印件")),
    ("both", _("原件和复印件")),
]
MATERIAL_MEDIUM_CHOICES = [
    ("paper", _("纸质")),
    ("electronic", _("电子")),
    ("both", _("纸质或电子")),
]


class GuideMaterial(Orderable):
    """One line of the materials table: what to bring, in what form, from where."""

    guide = ParentalKey(ServiceGuidePage, related_name="materials", on_delete=models.CASCADE)
    name = models.CharField(_("材料名称"), max_length=200)
    original_or_copy = models.CharField(
        _("原件/复印件"), max_length=10, choices=MATERIAL_ORIGINAL_CHOICES, default="original"
    )
    copies = models.PositiveSmallIntegerField(_("份数"), default=1)
    medium = models.CharField(
        _("载体"), max_length=10, choices=MATERIAL_MEDIUM_CHOICES, default="paper"
    )
    required = models.BooleanField(_("必须提交"), default=True)
    condition = models.CharField(
        _("提交情形"), max_length=200, blank=True, help_text=_("非必须材料：在什么情况下提交")
    )
    source = models.CharField(
        _("来源渠道"), max_length=200, blank=True, help_text=_("例如：申请人自备")
    )
    blank_form = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("空白表格"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sample_form = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("示范文本"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    @property
    def form_promised_but_missing(self) -> bool:
        """来源 says the form can be downloaded but none is attached: say where to get it."""
        return "下载" in (self.source or "") and not (self.blank_form_id or self.sample_form_id)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("original_or_copy"), FieldPanel("copies"), FieldPanel("medium")]),
        FieldRowPanel([FieldPanel("required"), FieldPanel("condition")]),
        FieldPanel("source"),
        FieldRowPanel([FieldPanel("blank_form"), FieldPanel("sample_form")]),
    ]


class GuideStep(Orderable):
    guide = ParentalKey(ServiceGuidePage, related_name="steps", on_delete=models.CASCADE)
    title = models.CharField(_("步骤"), max_length=60, help_text=_("例如：受理"))
    description = models.TextField(_("说明"), blank=True)

    panels = [FieldPanel("title"), FieldPanel("description")]


class GuideFAQ(Orderable):
    guide = ParentalKey(ServiceGuidePage, related_name="faqs", on_delete=models.CASCADE)
    question = models.CharField(_("问题"), max_length=200)
    answer = models.TextField(_("解答"))

    panels = [FieldPanel("question"), FieldPanel("answer")]


def live_guides(scope: Page):
    """Published, public guides under `scope`, with what lists and boards show.

    Beside the model, so that a station lists its guides without importing the
    listings (pages.services.listings), which import every page type."""
    return (
        ServiceGuidePage.objects.live()
        .public()
        .descendant_of(scope)
        .select_related("window", "department")
        .prefetch_related(
            "themes",
            Prefetch("steps", queryset=GuideStep.objects.order_by("sort_order")),
            "legal_bases",
        )
        .order_by("window__number", "path")
    )
