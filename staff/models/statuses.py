"""The whereabouts statuses (在岗, 下村走访, 会议 …): a list the county can edit."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel

# The present status every new center starts from (seeded by migration 0002).
PRESENT_STATUS_NAME = "在岗"

COLOUR_CHOICES = [
    ("green", _("绿色（在岗）")),
    ("blue", _("蓝色（外出工作）")),
    ("amber", _("橙色（会议、培训）")),
    ("grey", _("灰色（休假）")),
]


class WhereaboutsStatusQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class WhereaboutsStatus(models.Model):
    """One status on the board. `is_present` means the person can serve citizens now."""

    name = models.CharField(_("状态名称"), max_length=12, unique=True)
    is_present = models.BooleanField(
        _("在岗状态"),
        default=False,
        help_text=_("勾选表示处于该状态的人员可以接待群众（如“在岗”）"),
    )
    colour = models.CharField(_("显示颜色"), max_length=10, choices=COLOUR_CHOICES, default="blue")
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)
    active = models.BooleanField(_("启用"), default=True)

    objects = WhereaboutsStatusQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("is_present"),
        FieldPanel("colour"),
        FieldPanel("sort_order"),
        FieldPanel("active"),
    ]

    class Meta:
        verbose_name = _("去向状态")
        verbose_name_plural = _("去向状态")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.name
