"""Spreadsheet import and export of a center's service catalogue (服务事项目录).

Centers receive and keep their catalogue as spreadsheets. The importer reads
them as staff actually save them (.xlsx, or CSV in UTF-8 with or without BOM
or in GBK/GB18030), checks every row and reports every problem at once with
its row number (一次性告知), and writes the guides as real Wagtail pages with
revisions. Guides that lack any of the 八公开 are saved as drafts, because the
same rule as the admin form applies. The exporter writes the same columns,
so an exported file imports back without changes.

Reading and parsing are pure functions over plain values; only the planning
and writing steps touch the database. Writing is done in bulk (a few queries
per 500 guides instead of ~90 per guide) because Wagtail's one-page-at-a-time
publishing is too slow for a county catalogue of thousands of items.
"""

from pages.services.catalogue_io.columns import EXPORT_HEADERS, CatalogueError, map_headers
from pages.services.catalogue_io.export import export_catalogue
from pages.services.catalogue_io.importer import (
    ImportReport,
    RowOutcome,
    center_guides,
    find_center,
    import_catalogue,
)
from pages.services.catalogue_io.reading import read_table
from pages.services.catalogue_io.rows import CenterLookups, parse_row, snapshot
from pages.services.catalogue_io.values import (
    parse_days,
    parse_legal_bases,
    parse_materials,
    parse_steps,
    parse_visits,
)

__all__ = [
    "EXPORT_HEADERS",
    "CatalogueError",
    "CenterLookups",
    "ImportReport",
    "RowOutcome",
    "center_guides",
    "export_catalogue",
    "find_center",
    "import_catalogue",
    "map_headers",
    "parse_days",
    "parse_legal_bases",
    "parse_materials",
    "parse_row",
    "parse_steps",
    "parse_visits",
    "read_table",
    "snapshot",
]
