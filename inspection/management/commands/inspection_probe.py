"""Run from a timer (every half hour or more often): one uptime probe of the home page
and of every center page; the 站点无法访问 item counts the week's results."""

from django.conf import settings
from django.core.management.base import BaseCommand

from inspection.services import probe


class Command(BaseCommand):
    help = "可用性监测：通过 HTTP 访问县门户首页和各中心页面一次，记录耗时和结果"

    def add_arguments(self, parser):
        parser.add_argument(
            "--base",
            default=getattr(settings, "WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000"),
            help="门户的访问地址（默认 WAGTAILADMIN_BASE_URL）",
        )

    def handle(self, *args, base, **options):
        results = probe.run(base)
        for result in results:
            state = "失败" if result.failed else "正常"
            self.stdout.write(
                f"{state} {result.status or '-'} {result.seconds or 0:.2f} 秒 {result.url}"
                + (f"（{result.error}）" if result.error else "")
            )
        failed = sum(r.failed for r in results)
        self.stdout.write(f"共 {len(results)} 个地址，{failed} 个打不开或超过 15 秒")
