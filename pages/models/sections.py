"""Sections (栏目) of a center or of the county: guides, documents, notices, staff.

Every center gets the same sections when it is first published, so citizens
find the same things in the same place in every township; later issues give
each section its own child page types.
"""

from django.apps import apps
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from core.forms import GatedPageForm
from core.sections import CENTER_SECTIONS, SectionKind, section_view
from pages.blocks import BodyBlock
from pages.services.localized import StaysInLanguageMixin, in_default_locale

# Kept under their old names for the migrations and callers that use them.
SECTION_KIND_CHOICES = SectionKind.choices
__all__ = ["CENTER_SECTIONS", "SECTION_KIND_CHOICES", "SectionKind", "SectionPage"]


class SectionPage(StaysInLanguageMixin, RoutablePageMixin, Page):
    kind = models.CharField(
        _("栏目类型"), max_length=20, choices=SectionKind.choices, default=SectionKind.GENERAL
    )
    intro = RichTextField(_("栏目说明"), blank=True, features=["bold", "link"])
    body = StreamField(BodyBlock(), verbose_name=_("正文"), blank=True)

    parent_page_types = ["pages.ServiceCenterPage", "pages.CountyHomePage"]
    subpage_types = [
        "pages.ServiceGuidePage",
        "pages.NoticePage",
        "portal_documents.PolicyDocumentPage",
        "portal_documents.PolicyInterpretationPage",
        # The 政府信息公开 column's pages (kind open-government).
        "disclosure.DisclosureGuidePage",
        "disclosure.DisclosureRulesPage",
        "disclosure.AnnualReportIndexPage",
    ]
    template = "pages/section_page.html"
    base_form_class = GatedPageForm

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("栏目")
        verbose_name_plural = _("栏目")

    @property
    def center(self):
        """The center whose windows, staff and board this section shows: the
        Chinese original's, also for a translated section (the data is kept once)."""
        center_type = apps.get_model("pages", "ServiceCenterPage")  # up the tree: by label
        center = center_type.objects.ancestor_of(self).first()
        return in_default_locale(center) if center is not None else None

    @classmethod
    def of_kind(cls, parent: Page, kind: str):
        """The sections of one kind directly under a center (or the county home)."""
        return cls.objects.child_of(parent).filter(kind=kind)

    def get_context(self, request, *args, listing: bool = True, **kwargs):
        """Each kind shows its own listing, contributed by the app that owns it
        (core.sections); the page tree's own kinds are registered in pages.sections.
        A sub-page (organisation/) asks with ``listing=False``: it shows its own."""
        context = super().get_context(request, *args, **kwargs)
        view = section_view(self.kind)
        if view is not None and listing:
            context.update(view.context(self, request))
            context["section_template"] = view.template
        return context

    @path("organisation/", name="organisation")
    def organisation(self, request):
        """领导组织机构 of the staff section (rendered by the staff app)."""
        view = section_view(self.kind)
        subview = view.subviews.get("organisation") if view else None
        if subview is None or self.center is None:
            raise Http404
        return subview(self, request)
