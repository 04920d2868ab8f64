"""`manage.py print_pack <center slug> --out DIR`: every print product of a center as PDFs."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wagtail.models import Locale

from tqdm import tqdm

from pages.models import ServiceCenterPage
from printing.pack import write_pack
from printing.products import center_pack
from printing.render import PrintError


class Command(BaseCommand):
    help = "Write every print product (signboards, plates, badges …) of a center as PDFs."

    def add_arguments(self, parser):
        parser.add_argument("center", help="the center page's slug, e.g. yunxi")
        parser.add_argument("--out", type=Path, required=True, help="directory to write into")

    def handle(self, center, out, **options):
        page = ServiceCenterPage.objects.filter(slug=center, locale=Locale.get_default()).first()
        if page is None:
            known = ", ".join(ServiceCenterPage.objects.values_list("slug", flat=True))
            raise CommandError(f"no center with slug {center!r} (known: {known})")
        total = len(center_pack(page))
        with tqdm(
            total=total, unit="file", desc=page.slug, disable=options["verbosity"] == 0
        ) as bar:
            try:
                paths = write_pack(page, out, progress=lambda product: bar.update(1))
            except PrintError as exc:
                raise CommandError(exc.message) from exc
        size = sum(p.stat().st_size for p in paths)
        self.stdout.write(f"wrote {len(paths)} PDFs ({size / 2**20:.1f} MiB) to {out}")
        for path in paths:
            self.stdout.write(f"  {path.name}")
