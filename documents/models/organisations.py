"""Issuing organisations (发布机构) and the 索引号 serials they hand out.

The index number (索引号) of the disclosure catalogue is the organisation's
code, the year and a five-digit serial per organisation and year, e.g.
"QSX001/2026-00012". The serial comes from one counter row per
(organisation, year), taken under a row lock, so two editors publishing at
the same moment never get the same number.
"""

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class IssuingOrganisation(index.Indexed, models.Model):
    name = models.CharField(_("机构名称"), max_length=80, unique=True)
    short_name = models.CharField(
        _("发文简称"), max_length=20, blank=True, help_text=_("文号中的简称，例如：青府办")
    )
    code = models.CharField(
        _("机构代码"),
        max_length=30,
        unique=True,
        help_text=_("索引号前缀，例如统一社会信用代码或目录编码：QSX001"),
    )

    panels = [FieldPanel("name"), FieldPanel("short_name"), FieldPanel("code")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("发布机构")
        verbose_name_plural = _("发布机构")
        ordering = ["name"]

    def __str__(self):
        return self.name


class IndexSerial(models.Model):
    """The last serial handed out for one organisation and year."""

    organisation = models.ForeignKey(IssuingOrganisation, on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="one_serial_per_org_year")
        ]

    def __str__(self):
        return f"{self.organisation_id}/{self.year}: {self.last}"


def next_index_number(organisation: IssuingOrganisation, year: int) -> str:
    """Hand out the next 索引号 for `organisation` in `year` (atomic, never reused)."""
    with transaction.atomic():
        IndexSerial.objects.get_or_create(organisation=organisation, year=year)
        serial = IndexSerial.objects.select_for_update().get(organisation=organisation, year=year)
        serial.last += 1
        serial.save(update_fields=["last"])
    return f"{organisation.code}/{year:04d}-{serial.last:05d}"


def note_existing_index_number(organisation: IssuingOrganisation, number: str) -> None:
    """An imported document keeps its number; later serials must not collide with it."""
    prefix = f"{organisation.code}/"
    if not number.startswith(prefix):
        return
    try:
        year_text, serial_text = number[len(prefix) :].split("-", 1)
        year, serial = int(year_text), int(serial_text)
    except ValueError:
        return
    with transaction.atomic():
        IndexSerial.objects.get_or_create(organisation=organisation, year=year)
        row = IndexSerial.objects.select_for_update().get(organisation=organisation, year=year)
        if serial > row.last:
            row.last = serial
            row.save(update_fields=["last"])
