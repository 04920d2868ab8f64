"""`manage.py freshness_report [--center SLUG]`: the 内容健康度 report as plain text.

For cron mail or a quick look from the shell, without the admin.
"""

from django.core.management.base import BaseCommand, CommandError

from wagtail.models import Locale

from editorial.freshness import EMPTY, STALE, freshness_report, summary_text
from pages.models import ServiceCenterPage

STATUS_TEXT = {EMPTY: "空栏目", STALE: "超期未更新"}


class Command(BaseCommand):
    help = "Print each center's content freshness (stale/empty sections, 八公开 gaps, reviews)."

    def add_arguments(self, parser):
        parser.add_argument("--center", help="only this center (its page slug), e.g. yunxi")

    def handle(self, center=None, **options):
        centers = ServiceCenterPage.objects.filter(locale=Locale.get_default()).order_by("path")
        if center:
            centers = centers.filter(slug=center)
            if not centers:
                known = ", ".join(
                    ServiceCenterPage.objects.filter(locale=Locale.get_default()).values_list(
                        "slug", flat=True
                    )
                )
                raise CommandError(f"no center with slug {center!r} (known: {known})")
        for page in centers:
            self._print(freshness_report(page))

    def _print(self, report) -> None:
        self.stdout.write(summary_text(report))
        for section in report.sections:
            last = section.last_update.strftime("%Y-%m-%d") if section.last_update else "从未发布"
            status = STATUS_TEXT.get(section.status, "正常")
            self.stdout.write(
                f"  [{status}] {section.title}（{section.kind_label}）最近更新 {last}"
            )
        for gap in report.guide_gaps:
            self.stdout.write(f"  [缺八公开] {gap.title}：{'、'.join(gap.missing)}")
        for page in report.overdue_reviews:
            self.stdout.write(f"  [过复核期] {page.title}：应于 {page.review_by:%Y-%m-%d} 前复核")
        self.stdout.write("")
