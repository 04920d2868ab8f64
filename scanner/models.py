"""The injected-content scanner's data: the county's editable lexicon and the
reviewers' clearances (a clearance holds for exactly the text it was given for)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel

TERM_CATEGORIES = [
    ("gambling", _("赌博、博彩")),
    ("lottery", _("彩票")),
    ("app", _("应用下载、推广")),
    ("official-site", _("冒充“官网”")),
    ("adult", _("色情低俗")),
    ("finance", _("贷款、理财诈骗")),
    ("other", _("其他")),
]


class InjectionTerm(models.Model):
    term = models.CharField(_("词语"), max_length=60, unique=True)
    category = models.CharField(_("类别"), max_length=20, choices=TERM_CATEGORIES)
    weight = models.PositiveSmallIntegerField(
        _("权重"), default=3, help_text=_("1–5：单独出现即可判定的词填 5，需结合上下文的词填 1–2")
    )
    active = models.BooleanField(_("启用"), default=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    panels = [
        FieldPanel("term"),
        FieldPanel("category"),
        FieldPanel("weight"),
        FieldPanel("active"),
        FieldPanel("note"),
    ]

    class Meta:
        # Moved from the documents app: the table keeps its name (scanner/migrations/0001).
        db_table = "portal_documents_injectionterm"
        verbose_name = _("植入内容词库")
        verbose_name_plural = _("植入内容词库")
        ordering = ["category", "term"]

    def __str__(self):
        return self.term


class ScanClearance(models.Model):
    """A reviewer looked at the flagged spans of this text and found them legitimate."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="scan_clearances"
    )
    text_hash = models.CharField(max_length=64)
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    cleared_at = models.DateTimeField(auto_now_add=True)
    findings = models.JSONField(default=list)

    class Meta:
        db_table = "portal_documents_scanclearance"
        constraints = [
            models.UniqueConstraint(fields=["page", "text_hash"], name="one_clearance_per_text")
        ]

    def __str__(self):
        return f"{self.page_id} {self.text_hash[:8]}"
