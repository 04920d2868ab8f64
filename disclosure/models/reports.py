"""政府信息公开工作年度报告: one page per unit and year, in the fixed template.

The figures are counted from the data (services.annual_report) when the draft
is generated; the editor completes the text and the entered tables, and a
table that does not add up is refused with the cell named.
"""

from __future__ import annotations

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from core.forms import GatedPageForm
from core.sections import page_view

from ..report_forms import AnnualReportForm, FigureTablesWidget
from ..services import report_tables
from .column import ColumnPageMixin

_TEXT = ["bold", "ol", "ul", "h3"]


class AnnualReportIndexPage(ColumnPageMixin, Page):
    """政府信息公开年报: the unit's reports, newest first."""

    parent_page_types = ["pages.SectionPage"]
    subpage_types = ["disclosure.AnnualReportPage"]
    base_form_class = GatedPageForm
    template = "disclosure/annual_report_index_page.html"

    class Meta:
        verbose_name = _("政府信息公开年报栏目")
        verbose_name_plural = _("政府信息公开年报栏目")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["reports"] = (
            AnnualReportPage.objects.child_of(self).live().public().order_by("-year")
        )
        return context


class AnnualReportPage(RoutablePageMixin, Page):
    year = models.PositiveSmallIntegerField(_("年度"))
    overview = RichTextField(_("一、总体情况"), features=_TEXT, blank=True)
    active_figures = models.JSONField(_("二、主动公开政府信息情况"), default=dict, blank=True)
    request_figures = models.JSONField(
        _("三、收到和处理政府信息公开申请情况"), default=dict, blank=True
    )
    review_figures = models.JSONField(
        _("四、政府信息公开行政复议、行政诉讼情况"), default=dict, blank=True
    )
    rollup = models.JSONField(
        _("各乡镇（街道）申请办理情况"), default=list, blank=True, editable=False
    )  # the county's report: one row per township, counted with the draft
    problems = RichTextField(_("五、存在的主要问题及改进情况"), features=_TEXT, blank=True)
    other_matters = RichTextField(
        _("六、其他需要报告的事项"), features=_TEXT, blank=True,
        help_text=_("含收取信息处理费的情况"),
    )  # fmt: skip

    parent_page_types = ["disclosure.AnnualReportIndexPage"]
    subpage_types: list[str] = []
    base_form_class = AnnualReportForm
    template = "disclosure/annual_report_page.html"

    content_panels = Page.content_panels + [
        FieldPanel("year"),
        FieldPanel("overview"),
        FieldPanel("active_figures", widget=FigureTablesWidget("active_figures")),
        FieldPanel("request_figures", widget=FigureTablesWidget("request_figures")),
        FieldPanel("review_figures", widget=FigureTablesWidget("review_figures")),
        FieldPanel("problems"),
        FieldPanel("other_matters"),
    ]

    class Meta:
        verbose_name = _("政府信息公开工作年度报告")
        verbose_name_plural = _("政府信息公开工作年度报告")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["report"] = report_tables.presented(self)
        return context

    @path("")
    def report(self, request):
        return self.render(request)

    @path("pdf/", name="pdf")
    def pdf(self, request):
        """The report in the official layout (GB/T 9704, A4), as printed for the file
        (rendered by report_pdf, registered at start-up: it counts with the models)."""
        view = page_view("disclosure.annual_report", "pdf")
        if view is None:
            raise Http404
        return view(request, self)
