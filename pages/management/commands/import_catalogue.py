"""`manage.py import_catalogue FILE --center SLUG`: a center's service catalogue from a spreadsheet.

All or nothing by default, so a half-imported catalogue never goes public;
--skip-bad-rows imports the good rows, --dry-run only reports. Windows and
departments the file names its own way are found through the alias list; names
that match nothing are created (and listed), or with --no-create refused.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tqdm import tqdm

from pages.services.catalogue_io import (
    CatalogueError,
    ImportReport,
    RowOutcome,
    find_center,
    import_catalogue,
)

LIST_LIMIT = 50  # updated/created rows listed at normal verbosity


class ProgressBars:
    """One tqdm bar per stage on stderr; silent when stderr is not a terminal."""

    def __init__(self):
        self.bars: dict[str, tqdm] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        bar = self.bars.get(stage)
        if bar is None:
            bar = tqdm(total=total, desc=stage, unit="行", file=sys.stderr, disable=None)
            self.bars[stage] = bar
        bar.update(done - bar.n)

    def close(self) -> None:
        for bar in self.bars.values():
            bar.close()


class Command(BaseCommand):
    help = "从 Excel（.xlsx）或 CSV 文件导入一个便民服务中心的服务事项目录（办事指南）。"

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="要导入的 .xlsx 或 .csv 文件")
        parser.add_argument(
            "--center", required=True, help="便民服务中心的网址名（slug），如 yunxi"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="只检查并报告将发生的变化，不写入任何数据"
        )
        parser.add_argument(
            "--skip-bad-rows",
            action="store_true",
            help="有错误的行跳过并报告，其余行照常导入（默认只要有一行出错就全部不导入）",
        )
        parser.add_argument(
            "--no-create",
            action="store_true",
            help="表中的窗口或部门名称（含别名）与本中心的都对不上时报错，不自动新建窗口或部门",
        )

    def handle(self, *args, **options):
        progress = ProgressBars()
        try:
            center = find_center(options["center"])
            report = import_catalogue(
                options["file"],
                center,
                dry_run=options["dry_run"],
                skip_bad_rows=options["skip_bad_rows"],
                create_names=not options["no_create"],
                progress=progress,
            )
        except CatalogueError as exc:
            raise CommandError(str(exc)) from exc
        finally:
            progress.close()
        self.print_report(report, options["verbosity"])
        if report.write_error:
            raise CommandError(report.write_error)
        if report.refused:
            raise CommandError(
                f"文件中有 {len(report.bad_rows)} 行有误，未导入任何事项。请改正后重新导入，"
                "或加 --skip-bad-rows 只导入正确的行。"
            )
        if report.dry_run:
            self.stdout.write("试运行结束，未写入任何数据。")
        else:
            self.stdout.write(self.style.SUCCESS("导入完成。"))

    def print_report(self, report: ImportReport, verbosity: int) -> None:
        write = self.stdout.write
        tentative = report.dry_run or report.refused
        heading = f"导入“{report.source}”到“{report.center}”"
        write(heading + ("（试运行，不写入数据）" if report.dry_run else ""))
        verb = "将" if tentative else ""
        write(
            f"共 {report.total_rows} 行：{verb}新增 {len(report.created)} 项，"
            f"{verb}更新 {len(report.updated)} 项，未变 {len(report.unchanged)} 项，"
            f"草稿 {len(report.drafts)} 项，错误行 {len(report.bad_rows)} 行。"
        )
        if report.unknown_columns:
            write(self.style.WARNING("未识别的列（已忽略）：" + "、".join(report.unknown_columns)))
        for note in report.header_notes:
            write(self.style.WARNING(note))
        self._names(report, verb)
        if report.bad_rows:
            skipped = "（已跳过）" if report.skip_bad_rows else ""
            write(self.style.ERROR(f"错误行{skipped}："))
            for bad in report.bad_rows:
                code = f"（{bad.item_code}）" if bad.item_code else ""
                write(f"  第 {bad.row_number} 行{code}：{bad.message}")
        if report.drafts:
            write(self.style.WARNING("草稿（缺少“八公开”要素，未发布）："))
            for outcome in report.drafts:
                write(f"  {self._describe(outcome)}：缺少 {'、'.join(outcome.missing)}")
        self._list("更新", report.updated, verbosity, changes=True)
        self._list("新增", report.created, verbosity if verbosity >= 2 else 0)

    def _names(self, report: ImportReport, verb: str) -> None:
        """What the file's own window and department names were read as, and what is new."""
        if report.name_matches:
            self.stdout.write("名称对应（按别名或名称中的词找到）：")
            for line in report.name_matches:
                self.stdout.write(f"  {line}")
        for label, names in (("窗口", report.new_windows), ("部门", report.new_departments)):
            if names:
                self.stdout.write(self.style.WARNING(f"{verb}新建的{label}（本中心原来没有）："))
                for line in names:
                    self.stdout.write(f"  {line}")

    def _list(self, label: str, outcomes: list[RowOutcome], verbosity: int, changes=False):
        if not outcomes or verbosity < 1:
            return
        shown = outcomes if verbosity >= 2 else outcomes[:LIST_LIMIT]
        self.stdout.write(f"{label}：")
        for outcome in shown:
            detail = f"（{'、'.join(outcome.changed)}）" if changes and outcome.changed else ""
            self.stdout.write(f"  {self._describe(outcome)}{detail}")
        if len(shown) < len(outcomes):
            self.stdout.write(f"  ……另有 {len(outcomes) - len(shown)} 项（加 -v 2 显示全部）")

    @staticmethod
    def _describe(outcome: RowOutcome) -> str:
        return f"第 {outcome.row_number} 行 {outcome.item_code} {outcome.title}"
