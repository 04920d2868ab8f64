"""Generate (or recount) the year's annual report drafts: every center's, then the county's
roll-up; nothing is published, the editors complete and publish them."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from wagtail.models import Locale

from disclosure.services.annual_report import generate_draft
from pages.models import CountyHomePage, ServiceCenterPage


class Command(BaseCommand):
    help = "按申请和文件数据生成（或重新统计）政府信息公开工作年度报告草稿"

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=timezone.localdate().year - 1)
        parser.add_argument("--center", help="只生成这个便民服务中心的（其 slug）")

    def handle(self, *args, year, center=None, **options):
        if not 2008 <= year <= timezone.localdate().year:
            raise CommandError(f"年度 {year} 不在 2008 年至今年之间")
        default = Locale.get_default()
        centers = ServiceCenterPage.objects.filter(locale=default).order_by("path")
        if center:
            units = list(centers.filter(slug=center))
            if not units:
                raise CommandError(f"没有 slug 为“{center}”的便民服务中心")
        else:
            units = [*centers, *CountyHomePage.objects.filter(locale=default)]
        for n, unit in enumerate(units, start=1):
            page = generate_draft(unit, year)
            cells = page.request_figures["requests"]
            self.stdout.write(
                f"[{n}/{len(units)}] {unit.title}：新收 {cells['new']['total']} 件，"
                f"结转下年度 {cells['carried_forward']['total']} 件 → {page.url_path}"
            )
