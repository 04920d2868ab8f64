"""Sections (栏目) of a center or of the county: guides, documents, notices, staff.

Every center gets the same sections when it is first published, so citizens
find the same things in the same place in every township; later issues give
each section its own child page types.
"""

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from core.forms import GatedPageForm
from pages.blocks import BodyBlock
from pages.services.localized import source_of

SECTION_KIND_CHOICES = [
    ("guides", _("办事指南")),
    ("disclosure", _("政务公开")),
    ("documents", _("政策文件")),
    ("notices", _("通知公告")),
    ("news", _("工作动态")),
    ("staff", _("工作人员")),
    ("general", _("其他栏目")),
]

# (kind, title, slug) created under every center, in this order.
CENTER_SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("guides", "办事指南", "guides"),
    ("disclosure", "政务公开", "disclosure"),
    ("documents", "政策文件", "documents"),
    ("notices", "通知公告", "notices"),
    ("staff", "工作人员", "staff"),
)


class SectionPage(RoutablePageMixin, Page):
    kind = models.CharField(
        _("栏目类型"), max_length=20, choices=SECTION_KIND_CHOICES, default="general"
    )
    intro = RichTextField(_("栏目说明"), blank=True, features=["bold", "link"])
    body = StreamField(BodyBlock(), verbose_name=_("正文"), blank=True)

    parent_page_types = ["pages.ServiceCenterPage", "pages.CountyHomePage"]
    subpage_types = [
        "pages.ServiceGuidePage",
        "pages.NoticePage",
        "portal_documents.PolicyDocumentPage",
        "portal_documents.PolicyInterpretationPage",
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
        from pages.services.localized import in_default_locale

        from .center import ServiceCenterPage

        center = ServiceCenterPage.objects.ancestor_of(self).first()
        return in_default_locale(center) if center is not None else None

    def get_context(self, request, *args, **kwargs):
        """Each kind of section shows what it is for; later issues add theirs here."""
        from pages.services import catalogue

        context = super().get_context(request, *args, **kwargs)
        if self.kind == "guides":
            context.update(self._guides_context(request))
        elif self.kind == "disclosure":
            center = self.center
            if center is not None:
                context["board"] = catalogue.disclosure_board(center)
        elif self.kind == "staff":
            from staff.services.whereabouts import build_board

            center = self.center
            if center is not None:
                context["whereabouts"] = build_board(center)
        elif self.kind == "documents":
            from documents.services.catalogue import FACET_TITLES, build_catalogue

            context["catalogue"] = build_catalogue(source_of(self), request.GET)
            context["facet_titles"] = FACET_TITLES
            context["feed_url"] = f"/feeds/documents/{source_of(self).pk}/"
        elif self.kind == "notices":
            from .notice import NoticePage

            notices = NoticePage.objects.live().public().child_of(self)
            context["current_notices"] = notices.current().order_by("notice_end")
            context["ended_notices"] = notices.ended().order_by("-notice_end")
        return context

    @path("organisation/", name="organisation")
    def organisation(self, request):
        """领导组织机构: leadership, windows with their departments and AB posts, agents."""
        from django.template.response import TemplateResponse

        from staff.services.directory import organisation

        center = self.center
        if self.kind != "staff" or center is None:
            raise Http404
        context = self.get_context(request)
        context.update(organisation(center))
        return TemplateResponse(request, "pages/organisation_page.html", context)

    def _guides_context(self, request) -> dict:
        from pages.services import catalogue

        from .catalogue import Department, LifeEvent, ServiceWindow

        center = self.center
        all_guides = catalogue.live_guides(self)
        guides = catalogue.filter_guides(all_guides, request.GET)
        return {
            "guide_groups": catalogue.group_by_window(guides),
            "guide_count": len(guides),
            "filters": {k: request.GET.get(k, "") for k in catalogue.GUIDE_FILTERS},
            "filter_windows": ServiceWindow.objects.filter(unit=center) if center else [],
            "filter_departments": Department.objects.filter(center=center) if center else [],
            "filter_themes": _localized_themes(
                LifeEvent.objects.filter(guides__in=all_guides).distinct()
            ),
        }


def _localized_themes(themes) -> list[dict]:
    """Guides point at the Chinese themes: filter by their slug, show each theme's
    name in the reader's language where it has been translated."""
    from django.conf import settings
    from django.utils import translation

    translate = translation.get_language() != settings.LANGUAGE_CODE
    return [
        {"slug": theme.slug, "name": (theme.localized if translate else theme).name}
        for theme in themes
    ]
