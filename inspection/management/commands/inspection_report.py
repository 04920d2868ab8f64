"""The inspection from the command line (and from a timer): prints the single-veto items,
the estimated score and the units at risk; exits 1 when a single-veto item fails, so a
timer or CI can alert on it."""

import json

from django.core.management.base import BaseCommand, CommandError

from wagtail.models import Locale

from inspection.export import as_text, as_xlsx
from inspection.report_pdf import report_pdf
from inspection.services import report
from pages.models import CountyHomePage, ServiceCenterPage


class Command(BaseCommand):
    help = (
        "网站检查：按国办秘函〔2019〕19号的单项否决指标和扣分项检查本门户；有单项否决时退出码为 1"
    )

    def add_arguments(self, parser):
        parser.add_argument("--center", help="只检查这个便民服务中心（其 slug）")
        parser.add_argument("--format", choices=["text", "json", "xlsx", "pdf"], default="text")
        parser.add_argument("--output", help="写入文件（xlsx、pdf 必须指定）")

    def handle(self, *args, center=None, format="text", output=None, **options):
        only = None
        if center:
            only = ServiceCenterPage.objects.filter(
                slug=center, locale=Locale.get_default()
            ).first()
            if only is None:
                raise CommandError(f"没有 slug 为“{center}”的便民服务中心")
        if format in ("xlsx", "pdf") and not output:
            raise CommandError("xlsx 和 pdf 格式请用 --output 指定文件")
        result = report.run(only=only, store=only is None)
        if format == "text":
            data = as_text(result).encode()
        elif format == "json":
            data = json.dumps(result, ensure_ascii=False, indent=2).encode()
        elif format == "xlsx":
            data = as_xlsx(result)
        else:
            home = CountyHomePage.objects.filter(locale=Locale.get_default()).first()
            data = report_pdf(result, home.official_name if home else "")
        if output:
            with open(output, "wb") as out:
                out.write(data)
            self.stdout.write(f"已写入 {output}：{result['verdict']}，预估得分 {result['score']}")
        else:
            self.stdout.write(data.decode())
        if not result["passed"]:
            failed = "、".join(i["label"] for i in result["items"] if i["status"] == "fail")
            raise CommandError(f"单项否决：{failed}", returncode=1)
