"""The working-day calendar's local knowledge: days the State Council's holiday
notice moves that the bundled calendar (chinesecalendar) does not know yet."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel


class CalendarOverride(models.Model):
    """One day declared a holiday or a working day, over the built-in calendar.

    For a year chinesecalendar does not cover, the calendar falls back to
    weekends plus these rows; for a covered year a row still wins (a late or
    local change)."""

    date = models.DateField(_("日期"), unique=True)
    is_working_day = models.BooleanField(
        _("上班"),
        default=False,
        help_text=_("勾选：这一天上班（如周末调休补班）；不勾选：这一天放假（如法定节假日）"),
    )
    note = models.CharField(
        _("说明"), max_length=100, blank=True, help_text=_("例如“2027年春节”“国庆节调休上班”")
    )

    panels = [FieldPanel("date"), FieldPanel("is_working_day"), FieldPanel("note")]

    class Meta:
        verbose_name = _("节假日与调休")
        verbose_name_plural = _("节假日与调休")
        ordering = ["date"]

    def __str__(self):
        kind = _("上班") if self.is_working_day else _("放假")
        return f"{self.date:%Y-%m-%d} {kind}" + (f"（{self.note}）" if self.note else "")
