"""A member of a center's staff, with the whereabouts the board shows.

The current status lives on the member (one row to read for the board); its
history lives in StatusChange. Only the fields listed in PUBLIC_FIELDS ever
leave the server; the mobile number only when the person has agreed.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from pages.models.mixins import PhoneField


class StaffMember(index.Indexed, models.Model):
    center = models.ForeignKey(
        "pages.ServiceCenterPage",
        verbose_name=_("所属中心"),
        on_delete=models.CASCADE,
        related_name="staff_members",
    )
    name = models.CharField(_("姓名"), max_length=20)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("照片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("免冠工作照，竖版，用于去向公示牌和工作牌"),
    )
    title = models.CharField(_("职务"), max_length=40, blank=True, help_text=_("例如：窗口负责人"))
    work_number = models.CharField(_("工号"), max_length=20, blank=True)
    department = models.ForeignKey(
        "pages.Department",
        verbose_name=_("所属部门"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff_members",
    )
    window = models.ForeignKey(
        "pages.ServiceWindow",
        verbose_name=_("所在窗口"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff_members",
    )
    office_phone = PhoneField(_("办公电话"), blank=True)
    mobile = PhoneField(_("手机号码"), blank=True, help_text=_("仅在本人同意公开时才对外显示"))
    mobile_public = models.BooleanField(_("本人同意公开手机号码"), default=False)
    ab_partner = models.ForeignKey(
        "self",
        verbose_name=_("B角（AB岗搭档）"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ab_backed",
        help_text=_("本人不在岗时由谁代为办理"),
    )
    is_leadership = models.BooleanField(
        _("中心领导"), default=False, help_text=_("显示在领导组织机构页面")
    )
    can_manage_board = models.BooleanField(
        _("可为本中心所有人员设置去向"),
        default=False,
        help_text=_("中心主任、常务副主任等"),
    )
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)
    active = models.BooleanField(_("在职"), default=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登录账号"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff_profile",
        help_text=_("关联后本人可用手机登录更新自己的去向"),
    )

    status = models.ForeignKey(
        "staff.WhereaboutsStatus",
        verbose_name=_("当前状态"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status_note = models.CharField(_("去向说明"), max_length=60, blank=True)
    status_until = models.DateTimeField(_("预计返回时间"), null=True, blank=True)
    status_since = models.DateTimeField(_("状态更新时间"), null=True, blank=True)

    panels = [
        FieldPanel("center"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("work_number")]),
        FieldPanel("photo"),
        FieldRowPanel([FieldPanel("title"), FieldPanel("is_leadership")]),
        FieldRowPanel([FieldPanel("department"), FieldPanel("window")]),
        MultiFieldPanel(
            [FieldPanel("office_phone"), FieldPanel("mobile"), FieldPanel("mobile_public")],
            heading=_("联系电话"),
        ),
        FieldPanel("ab_partner"),
        MultiFieldPanel(
            [FieldPanel("user"), FieldPanel("can_manage_board"), FieldPanel("active")],
            heading=_("账号与权限"),
        ),
        FieldPanel("sort_order"),
    ]
    # The admin scopes records to the editor's center and filters the listing by center
    # and leadership, so searching needs them as filter fields.
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("center"),
        index.FilterField("is_leadership"),
    ]

    class Meta:
        verbose_name = _("工作人员")
        verbose_name_plural = _("工作人员")
        ordering = ["center", "sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["center", "work_number"],
                condition=~models.Q(work_number=""),
                name="unique_work_number_per_center",
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        """Window, department and B-post partner must all belong to the same center."""
        super().clean()
        errors = {}
        if self.window_id and self.window.unit_id != self.center_id:
            errors["window"] = _("所选窗口不属于本中心。")
        if self.department_id and self.department.center_id != self.center_id:
            errors["department"] = _("所选部门不属于本中心。")
        if self.ab_partner_id:
            if self.pk and self.ab_partner_id == self.pk:
                errors["ab_partner"] = _("B角不能是本人。")
            elif self.ab_partner.center_id != self.center_id:
                errors["ab_partner"] = _("B角必须是本中心的工作人员。")
        if self.mobile_public and not self.mobile:
            errors["mobile_public"] = _("未填写手机号码，无法公开。")
        if errors:
            raise ValidationError(errors)

    @property
    def public_mobile(self) -> str:
        return self.mobile if self.mobile_public else ""

    @property
    def partner(self):
        """The named B post, or failing that whoever names this person as their B post."""
        if self.ab_partner_id:
            return self.ab_partner
        return self.ab_backed.filter(active=True).order_by("sort_order", "pk").first()
