"""`manage.py export_catalogue --center SLUG --out FILE.xlsx`: the published catalogue as a sheet.

The columns are the importer's, so the file can be edited and imported back.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pages.services.catalogue_io import CatalogueError, export_catalogue, find_center


class Command(BaseCommand):
    help = "把一个便民服务中心已发布的办事指南导出为 Excel（.xlsx），表头与导入相同。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--center", required=True, help="便民服务中心的网址名（slug），如 yunxi"
        )
        parser.add_argument("--out", required=True, type=Path, help="导出的 .xlsx 文件")

    def handle(self, *args, **options):
        out: Path = options["out"]
        if out.suffix.lower() != ".xlsx":
            raise CommandError(f"导出文件须以 .xlsx 结尾：{out}")
        try:
            center = find_center(options["center"])
            count = export_catalogue(center, out)
        except CatalogueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(f"已导出“{center.title}”的 {count} 项办事指南到 {out}")
        )
