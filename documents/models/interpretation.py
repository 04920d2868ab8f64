"""政策解读: an interpretation of a policy document, published beside it."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from core.forms import GatedPageForm
from core.sections import SectionKind
from pages.services.localized import StaysInLanguageMixin

from .policy import PolicyDocumentPage


class PolicyInterpretationPage(StaysInLanguageMixin, Page):
    """政策解读: published beside the document it explains, linked both ways."""

    document = models.ForeignKey(
        PolicyDocumentPage,
        verbose_name=_("解读的文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interpretation_pages",
    )
    publish_date = models.DateField(_("发布日期"), null=True, blank=True)
    interpreter = models.CharField(_("解读机构或解读人"), max_length=80, blank=True)
    body = RichTextField(_("正文"), features=["h2", "h3", "bold", "ol", "ul", "link"])

    parent_page_types = ["pages.SectionPage", "portal_documents.PolicyDocumentPage"]
    subpage_types: list[str] = []
    template = "documents/policy_interpretation_page.html"
    base_form_class = GatedPageForm

    content_panels = Page.content_panels + [
        FieldPanel("document"),
        FieldRowPanel([FieldPanel("publish_date"), FieldPanel("interpreter")]),
        FieldPanel("body"),
    ]

    @classmethod
    def can_create_at(cls, parent):
        """Beside the documents: in a 政策文件 section or under the document itself,
        never in a section of guides or notices."""
        if not super().can_create_at(parent):
            return False
        kind = getattr(parent.specific, "kind", None)
        return kind is None or kind == SectionKind.DOCUMENTS

    class Meta:
        verbose_name = _("政策解读")
        verbose_name_plural = _("政策解读")
