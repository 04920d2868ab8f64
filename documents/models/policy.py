"""Policy documents (政策文件) with the disclosure metadata citizens and inspectors expect.

The 索引号 is handed out once, the first time the page is saved with an
issuing organisation, and never changes afterwards (editing, moving and
re-publishing keep it); an imported document brings its own. Validity
(有效 / 已修订 / 已废止) is marked on the original, with a link to the
document that replaced it.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from modelcluster.fields import ParentalKey, ParentalManyToManyField

from core.forms import GatedPageForm
from core.sections import SectionKind
from documents.importing.titles import UNCONFIRMED_PREFIX
from pages.services.localized import StaysInLanguageMixin

from .organisations import next_index_number, note_existing_index_number

TOPIC_CHOICES = [
    ("civil-affairs", _("民政、扶贫、救灾")),
    ("labour", _("劳动、人事、社会保障")),
    ("health", _("卫生、体育、医疗保障")),
    ("agriculture", _("农业、林业、水利")),
    ("housing", _("城乡建设、住房")),
    ("education", _("教育、科技、文化")),
    ("public-security", _("公安、安全、司法")),
    ("government", _("综合政务")),
    ("other", _("其他")),
]
DOC_TYPE_CHOICES = [
    ("notice", _("通知")),
    ("opinion", _("意见")),
    ("measures", _("办法")),
    ("rules", _("规定")),
    ("plan", _("方案")),
    ("decision", _("决定")),
    ("reply", _("批复")),
    ("report", _("报告")),
    ("other", _("其他")),
]
DISCLOSURE_MODE_CHOICES = [("active", _("主动公开")), ("on-request", _("依申请公开"))]
# The 条例's 第二十条第（一）项 counts these two kinds in the annual report; the rest are 其他公文.
LEGAL_FORM_CHOICES = [
    ("", _("其他公文")),
    ("normative", _("行政规范性文件")),
    ("rules", _("规章")),
]
VALIDITY_CHOICES = [("valid", _("有效")), ("amended", _("已修订")), ("repealed", _("已废止"))]


def doc_type_from_title(title: str) -> str:
    """文种 from the title's last words, the way the catalogue groups documents."""
    for value, label in DOC_TYPE_CHOICES:
        if value != "other" and title.rstrip("》").endswith(str(label)):
            return value
    return "other"


class PolicyDocumentPage(StaysInLanguageMixin, Page):
    document_number = models.CharField(
        _("文号"), max_length=60, blank=True, help_text=_("例如：青府办发〔2026〕12号")
    )
    organisations = ParentalManyToManyField(
        "portal_documents.IssuingOrganisation", verbose_name=_("发布机构"), blank=True
    )
    written_date = models.DateField(_("成文日期"), null=True, blank=True)
    publish_date = models.DateField(_("发布日期"), null=True, blank=True)
    index_number = models.CharField(
        _("索引号"),
        max_length=60,
        blank=True,
        db_index=True,
        help_text=_("首次保存时自动生成，之后不再改变；导入的文件保留原索引号"),
    )
    topic = models.CharField(_("主题分类"), max_length=20, choices=TOPIC_CHOICES, default="other")
    doc_type = models.CharField(_("文种"), max_length=20, choices=DOC_TYPE_CHOICES, blank=True)
    keywords = models.CharField(_("主题词"), max_length=200, blank=True)
    disclosure_mode = models.CharField(
        _("公开方式"), max_length=20, choices=DISCLOSURE_MODE_CHOICES, default="active"
    )
    disclosure_period = models.CharField(_("公开时限"), max_length=40, default="长期公开")
    audience = models.CharField(_("服务对象"), max_length=80, blank=True, default="公众")
    addressees = models.CharField(_("主送"), max_length=300, blank=True)
    legal_form = models.CharField(
        _("文件性质"), max_length=10, choices=LEGAL_FORM_CHOICES, blank=True, default="",
        help_text=_("行政规范性文件须经合法性审核、统一登记编号；规章仅设区的市以上政府制定"),
    )  # fmt: skip
    validity = models.CharField(
        _("有效性"), max_length=10, choices=VALIDITY_CHOICES, default="valid"
    )
    validity_date = models.DateField(_("修订或废止日期"), null=True, blank=True)
    replaced_by = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("替代文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = RichTextField(_("正文"), features=["h2", "h3", "h4", "bold", "ol", "ul", "link"])
    source_text_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)

    parent_page_types = ["pages.SectionPage"]
    subpage_types = ["portal_documents.PolicyInterpretationPage"]
    template = "documents/policy_document_page.html"
    base_form_class = GatedPageForm

    content_panels = Page.content_panels + [
        FieldRowPanel(
            [FieldPanel("document_number"), FieldPanel("doc_type"), FieldPanel("legal_form")]
        ),
        FieldPanel("organisations"),
        FieldRowPanel([FieldPanel("written_date"), FieldPanel("publish_date")]),
        FieldPanel("addressees"),
        FieldPanel("body"),
        InlinePanel("attachments", heading=_("附件"), label=_("附件")),
        InlinePanel("related", heading=_("相关文件"), label=_("相关文件")),
    ]
    settings_panels = Page.settings_panels + [
        MultiFieldPanel(
            [
                FieldPanel("index_number", read_only=True),
                FieldRowPanel([FieldPanel("topic"), FieldPanel("keywords")]),
                FieldRowPanel([FieldPanel("disclosure_mode"), FieldPanel("disclosure_period")]),
                FieldPanel("audience"),
            ],
            heading=_("公开属性"),
        ),
        MultiFieldPanel(
            [FieldPanel("validity"), FieldPanel("validity_date"), FieldPanel("replaced_by")],
            heading=_("有效性"),
        ),
    ]

    class Meta:
        verbose_name = _("政策文件")
        verbose_name_plural = _("政策文件")
        constraints = [
            models.UniqueConstraint(
                fields=["index_number"],
                condition=~models.Q(index_number=""),
                name="unique_index_number",
            )
        ]

    @classmethod
    def can_create_at(cls, parent):
        return (
            super().can_create_at(parent)
            and getattr(parent.specific, "kind", "") == SectionKind.DOCUMENTS
        )

    def clean(self):
        super().clean()
        if self.validity != "valid" and not self.validity_date:
            raise ValidationError({"validity_date": _("已修订或已废止的文件须填写日期。")})
        if self.written_date and self.publish_date and self.publish_date < self.written_date:
            raise ValidationError({"publish_date": _("发布日期不能早于成文日期。")})

    def save(self, *args, **kwargs):
        if not self.doc_type:
            self.doc_type = doc_type_from_title(self.title or "")
        stored = ""
        if self.pk:
            stored = (
                type(self).objects.filter(pk=self.pk).values_list("index_number", flat=True).first()
                or ""
            )
        if stored:
            # The database wins: publishing an older revision never changes the number.
            self.index_number = stored
        super().save(*args, **kwargs)
        if not stored:
            self._settle_index_number()

    def _settle_index_number(self) -> None:
        """First number for this page: keep an imported one (and move the serial past
        it), or hand out the next one once the page has an organisation."""
        organisation = self.organisations.first()
        if organisation is None:
            return
        if self.index_number:
            note_existing_index_number(organisation, self.index_number)
            type(self).objects.filter(pk=self.pk).update(index_number=self.index_number)
            return
        year = (self.written_date or self.publish_date or timezone.localdate()).year
        self.index_number = next_index_number(organisation, year)
        type(self).objects.filter(pk=self.pk).update(index_number=self.index_number)

    def publishing_problems(self) -> list[str]:
        """An imported draft whose title the importer only guessed waits for the editor."""
        if self.title.startswith(UNCONFIRMED_PREFIX):
            return [
                str(_("标题待确认：导入时未能确定标题，请核对标题并删去“%(mark)s”后再发布"))
                % {"mark": UNCONFIRMED_PREFIX}
            ]
        return []

    @property
    def organisation_names(self) -> str:
        return "、".join(o.name for o in self.organisations.all())

    def interpretations(self):
        return self.interpretation_pages.live().public()


class PolicyAttachment(Orderable):
    page = ParentalKey(PolicyDocumentPage, related_name="attachments", on_delete=models.CASCADE)
    title = models.CharField(_("附件名称"), max_length=200)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("title"), FieldPanel("document")]

    @property
    def file_type(self) -> str:
        return self.document.file_extension.upper() if self.document else ""

    @property
    def file_size(self) -> int | None:
        return self.document.get_file_size() if self.document else None


class RelatedDocument(Orderable):
    page = ParentalKey(PolicyDocumentPage, related_name="related", on_delete=models.CASCADE)
    target = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("相关文件"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("target")]
