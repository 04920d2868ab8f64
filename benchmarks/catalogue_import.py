"""Catalogue import speed: a 5,000-item .xlsx into one demo center.

Target: the whole import (read, check, write, publish) in under 30 s on the
2-core development machine, on a throwaway SQLite database (or DATABASE_URL).
Also times re-importing the same file (nothing changes), importing a revised
file (every item changed, so every guide gets a new published revision) and
the export.

    .venv/bin/python benchmarks/catalogue_import.py [--items 5000]
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

# Django is set up in main(), not at import: the importer reads each file in a
# spawned child, which imports this script again as its main module, and a
# manage.py-like script costs that child nothing.

TARGET_SECONDS = 30
CENTER_SLUG = "yunxi"


def write_catalogue(path: Path, items: int, revised: bool = False) -> None:
    """A plausible catalogue: the demo items over and over, each with its own code;
    `revised` changes every item's conditions and promised time limit."""
    from demo import service_items
    from pages.services.catalogue_io import EXPORT_HEADERS

    windows = {number: name for number, name, _ in service_items.WINDOWS}
    departments = {number: departments[0] for number, _, departments in service_items.WINDOWS}
    themes = dict((slug, name) for name, slug in service_items.LIFE_EVENTS)
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("目录")
    sheet.append(list(EXPORT_HEADERS))
    for n in range(items):
        item = service_items.ITEMS[n % len(service_items.ITEMS)]
        sheet.append(
            [
                f"BM-{n:05d}",
                f"{item['title']}（批量{n}）",
                item["item_type"],
                item["handling_mode"],
                "乡镇办理",
                "个人",
                windows[item["window"]],
                departments[item["window"]],
                "、".join(themes[t] for t in item["themes"]),
                "\n".join(f"《{law}》{articles}" for law, articles in item["basis"]),
                item["conditions"] + ("（修订）" if revised else ""),
                "\n".join(
                    f"{name}（{'复印件' if form == 'copy' else '原件'}）"
                    for name, form, *_ in item["materials"]
                ),
                "→".join(title for title, _ in item["steps"]),
                f"{item['statutory']}个工作日" if item["statutory"] else "",
                "即办" if item["promised"] == 0 else f"{item['promised'] - revised}个工作日",
                item["visits"],
                item.get("fee_amount") or "不收费",
                item.get("fee_basis", ""),
                "",
                "",
                "",
            ]
        )
    workbook.save(path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=5000, help="items in the generated file")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        from demo.loader import load_demo
        from pages.models import ServiceCenterPage, ServiceGuidePage
        from pages.services.catalogue_io import export_catalogue, import_catalogue

        load_demo()
        center = ServiceCenterPage.objects.get(slug=CENTER_SLUG, locale__language_code="zh-hans")
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / "catalogue.xlsx"
            start = time.perf_counter()
            write_catalogue(source, args.items)
            generate = time.perf_counter() - start

            start = time.perf_counter()
            report = import_catalogue(source, center)
            seconds = time.perf_counter() - start
            live = ServiceGuidePage.objects.live().filter(item_code__startswith="BM-").count()

            start = time.perf_counter()
            again = import_catalogue(source, center)
            reimport = time.perf_counter() - start

            revised = Path(tmp) / "revised.xlsx"
            write_catalogue(revised, args.items, revised=True)
            start = time.perf_counter()
            changed = import_catalogue(revised, center)
            update = time.perf_counter() - start

            start = time.perf_counter()
            exported = export_catalogue(center, Path(tmp) / "export.xlsx")
            export = time.perf_counter() - start

        ok = (
            len(report.created) == args.items
            and live == args.items
            and not report.bad_rows
            and len(again.unchanged) == args.items
            and len(changed.updated) == args.items
        )
        print(f"generated {args.items} items (.xlsx) in {generate:.1f} s")
        print(
            f"import:    {seconds:6.1f} s  {args.items / seconds:7.0f} rows/s  "
            f"({len(report.created)} created, {live} live, {len(report.drafts)} drafts, "
            f"{len(report.bad_rows)} bad rows)"
        )
        print(
            f"re-import: {reimport:6.1f} s  {args.items / reimport:7.0f} rows/s  "
            f"({len(again.unchanged)} unchanged)"
        )
        print(
            f"revised:   {update:6.1f} s  {args.items / update:7.0f} rows/s  "
            f"({len(changed.updated)} updated and republished)"
        )
        print(f"export:    {export:6.1f} s  {exported / export:7.0f} rows/s  ({exported} guides)")
        met = seconds < TARGET_SECONDS and ok
        print(
            f"target: import of {args.items} items < {TARGET_SECONDS} s — "
            + ("met" if met else "MISSED" if ok else "MISSED (wrong result)")
        )
        return 0 if met else 1
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    sys.exit(main())
