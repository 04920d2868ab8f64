"""Township convenience service center (乡镇/街道便民服务中心) pages.

A center is the unit of everything else: its guides, documents, notices and
staff live beneath it, and its contact data is what the hall puts on the
wall. The market-day rule is stored as two fields the site computes with
(see pages.services.market_days), not as prose.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from pages.services.localized import StaysInLanguageMixin, localized, source_of
from pages.services.market_days import MarketDayCalendar, MarketDayRule, MarketDayRuleError
from pages.validators import validate_center_name

from .mixins import OPENING_HOURS_HELP, ContactRequiredForm, PhoneField
from .sections import SectionPage
from .station import VillageStationPage

MARKET_DAY_CHOICES = [
    (MarketDayCalendar.NONE.value, _("无逢场日")),
    (MarketDayCalendar.SOLAR_DIGITS.value, _("按公历日期尾数（如逢一、四、七）")),
    (MarketDayCalendar.LUNAR_DIGITS.value, _("按农历日期尾数（如农历逢三、六、九）")),
    (MarketDayCalendar.WEEKDAYS.value, _("按星期（如每周二、五）")),
]


class ServiceCenterPage(StaysInLanguageMixin, Page):
    official_name = models.CharField(
        _("中心全称"),
        max_length=80,
        help_text=_("规范名称，例如：青石县云溪镇便民服务中心"),
    )
    township_name = models.CharField(
        _("乡镇（街道）名称"), max_length=40, help_text=_("例如：云溪镇")
    )
    address = models.CharField(_("地址"), max_length=200)
    location_note = models.CharField(
        _("交通与位置说明"),
        max_length=200,
        blank=True,
        help_text=_("例如：镇政府大院一楼，乘 3 路公交到云溪镇站下车"),
    )
    latitude = models.DecimalField(
        _("纬度"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("经度"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    opening_hours = models.TextField(_("办公时间"), help_text=OPENING_HOURS_HELP)
    consultation_phone = PhoneField(_("咨询电话"))
    complaint_phone = PhoneField(_("监督投诉电话"))
    director_name = models.CharField(_("中心主任"), max_length=40)
    director_title = models.CharField(
        _("主任职务"), max_length=60, blank=True, help_text=_("例如：镇党委委员、副镇长")
    )
    market_day_calendar = models.CharField(
        _("逢场日规则"),
        max_length=10,
        choices=MARKET_DAY_CHOICES,
        default=MarketDayCalendar.NONE.value,
    )
    market_day_numbers = models.CharField(
        _("逢场的日子"),
        max_length=40,
        blank=True,
        help_text=_("日期尾数填 0–9（0 表示逢十），如 1,4,7；按星期填 1–7（7 为周日），如 2,5"),
    )
    intro = RichTextField(_("中心简介"), blank=True, features=["bold", "italic", "link", "ul"])

    publish_required_fields = (
        "official_name",
        "township_name",
        "address",
        "opening_hours",
        "consultation_phone",
        "complaint_phone",
        "director_name",
    )
    base_form_class = ContactRequiredForm

    parent_page_types = ["pages.CountyHomePage"]
    subpage_types = ["pages.VillageStationPage", "pages.SectionPage"]
    template = "pages/service_center_page.html"

    content_panels = Page.content_panels + [
        FieldPanel("official_name"),
        FieldPanel("township_name"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("location_note"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("位置"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("opening_hours"),
                FieldRowPanel([FieldPanel("consultation_phone"), FieldPanel("complaint_phone")]),
                FieldRowPanel([FieldPanel("director_name"), FieldPanel("director_title")]),
            ],
            heading=_("办公时间与联系方式"),
        ),
        MultiFieldPanel(
            [FieldPanel("market_day_calendar"), FieldPanel("market_day_numbers")],
            heading=_("逢场日"),
        ),
        FieldPanel("intro"),
    ]

    class Meta:
        verbose_name = _("便民服务中心")
        verbose_name_plural = _("便民服务中心")

    def clean(self):
        super().clean()
        errors = {}
        # The standard form is a Chinese rule; a translation names the center in its language.
        if self.official_name and (self.locale_id is None or self.locale.is_default):
            try:
                validate_center_name(self.official_name)
            except ValidationError as exc:
                errors["official_name"] = exc.messages
        try:
            MarketDayRule.from_fields(self.market_day_calendar, self.market_day_numbers)
        except MarketDayRuleError as exc:
            errors["market_day_numbers"] = [str(exc)]
        if errors:
            raise ValidationError(errors)

    @cached_property
    def market_day_rule(self) -> MarketDayRule:
        try:
            return MarketDayRule.from_fields(self.market_day_calendar, self.market_day_numbers)
        except MarketDayRuleError:
            return MarketDayRule(MarketDayCalendar.NONE)

    def is_market_day(self, day: dt.date | None = None) -> bool:
        return self.market_day_rule.is_market_day(day or timezone.localdate())

    def upcoming_market_days(self, count: int = 3) -> list[dt.date]:
        return self.market_day_rule.next_market_days(timezone.localdate(), count)

    @property
    def map_url(self) -> str:
        """A link to a public map for citizens' phones; empty without coordinates."""
        if self.latitude is None or self.longitude is None:
            return ""
        query = urlencode(
            {"position": f"{self.longitude},{self.latitude}", "name": self.official_name}
        )
        return f"https://uri.amap.com/marker?{query}"

    def structured_data(self, request=None) -> dict:
        """schema.org GovernmentOffice, so that map and search apps show the hall correctly."""
        data = {
            "@context": "https://schema.org",
            "@type": "GovernmentOffice",
            "name": self.official_name,
            "address": {"@type": "PostalAddress", "streetAddress": self.address},
            "telephone": self.consultation_phone,
            "url": self.get_full_url(request),
            "description": " ".join(self.opening_hours.split()),
        }
        if self.latitude is not None and self.longitude is not None:
            data["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(self.latitude),
                "longitude": float(self.longitude),
            }
        return data

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        source = source_of(self)
        stations = list(
            VillageStationPage.objects.live().public().child_of(source).order_by("path")
        )
        sections = list(SectionPage.objects.live().public().child_of(source).order_by("path"))
        if source.pk != self.pk:  # a translation lists everything, translated where it can
            stations, sections = (
                localized(stations, self.locale_id),
                localized(sections, self.locale_id),
            )
        context["stations"] = stations
        context["sections"] = sections
        context["today_is_market_day"] = self.is_market_day()
        context["upcoming_market_days"] = self.upcoming_market_days()
        context["structured_data"] = self.structured_data(request)
        return context
