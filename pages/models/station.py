"""Village / community service stations (村/社区便民服务站) and their agents.

Stations are small: a room, one or two village agents (代办员) who run errands
for villagers free of charge and go to the township center on fixed days.
Those days are stored as weekday numbers plus a market-day flag, so the site
can say "this Tuesday 张桂兰 is at the center".
"""

import datetime as dt

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from modelcluster.fields import ParentalKey

from pages.services.localized import StaysInLanguageMixin
from pages.services.market_days import WEEKDAY_NAMES, MarketDayRuleError, parse_numbers
from pages.validators import validate_station_name

from .guide import live_guides
from .mixins import OPENING_HOURS_HELP, ContactRequiredForm, PhoneField

STATION_KIND_CHOICES = [
    ("station", _("便民服务站")),
    ("room", _("便民服务室")),
    ("agency", _("代办站（点）")),
    ("point", _("便民服务点")),
]


class VillageStationPage(StaysInLanguageMixin, Page):
    official_name = models.CharField(
        _("站点全称"),
        max_length=80,
        validators=[validate_station_name],
        help_text=_("例如：青石县云溪镇红岩村便民服务站"),
    )
    village_name = models.CharField(_("村（社区）名称"), max_length=40, help_text=_("例如：红岩村"))
    station_kind = models.CharField(
        _("站点类型"), max_length=10, choices=STATION_KIND_CHOICES, default="station"
    )
    address = models.CharField(_("地址"), max_length=200)
    opening_hours = models.TextField(_("办公时间"), help_text=OPENING_HOURS_HELP)
    phone = PhoneField(_("联系电话"))
    intro = RichTextField(_("站点简介"), blank=True, features=["bold", "link", "ul"])

    publish_required_fields = ("official_name", "village_name", "address", "opening_hours", "phone")
    base_form_class = ContactRequiredForm

    parent_page_types = ["pages.ServiceCenterPage"]
    subpage_types = ["pages.ServiceGuidePage"]
    template = "pages/village_station_page.html"

    content_panels = Page.content_panels + [
        FieldPanel("official_name"),
        FieldRowPanel([FieldPanel("village_name"), FieldPanel("station_kind")]),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("opening_hours"), FieldPanel("phone")],
            heading=_("地址、办公时间与电话"),
        ),
        InlinePanel("agents", heading=_("代办员"), label=_("代办员")),
        FieldPanel("intro"),
    ]

    class Meta:
        verbose_name = _("村（社区）便民服务站")
        verbose_name_plural = _("村（社区）便民服务站")

    @property
    def center(self):
        """The township center the station belongs to (its parent page), in one query."""
        center_type = apps.get_model("pages", "ServiceCenterPage")  # up the tree: by label
        return center_type.objects.parent_of(self).first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["center"] = self.center
        context["agents"] = list(self.agents.all())
        context["agent_guides"] = list(live_guides(self))
        return context


class VillageAgent(Orderable):
    """A village agent (代办员): runs errands for villagers and goes to the center on set days."""

    station = ParentalKey(VillageStationPage, related_name="agents", on_delete=models.CASCADE)
    name = models.CharField(_("姓名"), max_length=40)
    phone = PhoneField(_("联系电话"), help_text=_("代办员同意公开的电话"))
    center_weekdays = models.CharField(
        _("到中心的星期"),
        max_length=20,
        blank=True,
        help_text=_("填 1–7（7 为周日），如 1,4 表示每周一、周四到镇便民服务中心"),
    )
    on_market_days = models.BooleanField(_("逢场日到中心"), default=False)
    duties = models.CharField(
        _("代办范围"), max_length=200, blank=True, help_text=_("例如：社保、医保、户籍证明代办")
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("phone")]),
        FieldRowPanel([FieldPanel("center_weekdays"), FieldPanel("on_market_days")]),
        FieldPanel("duties"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("代办员")
        verbose_name_plural = _("代办员")

    def clean(self):
        super().clean()
        try:
            days = parse_numbers(self.center_weekdays or "")
        except MarketDayRuleError as exc:
            raise ValidationError({"center_weekdays": str(exc)}) from exc
        if not days <= set(range(1, 8)):
            raise ValidationError({"center_weekdays": _("星期只能填写 1（周一）到 7（周日）")})

    @property
    def weekdays(self) -> list[int]:
        try:
            return sorted(n for n in parse_numbers(self.center_weekdays or "") if 1 <= n <= 7)
        except MarketDayRuleError:
            return []

    def is_at_center(self, day: dt.date, market_day: bool = False) -> bool:
        """Whether the agent is due at the township center on `day`."""
        return day.isoweekday() in self.weekdays or (self.on_market_days and market_day)

    def center_days_text(self) -> str:
        """ "每周一、四，逢场日" as printed on the station's board."""
        parts = []
        if self.weekdays:
            days = gettext("、").join(str(WEEKDAY_NAMES[n - 1]) for n in self.weekdays)
            parts.append(gettext("每周%(days)s") % {"days": days})
        if self.on_market_days:
            parts.append(gettext("逢场日"))
        return gettext("，").join(parts) if parts else gettext("按需预约")
