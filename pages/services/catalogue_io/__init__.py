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

from importlib import import_module

# Names are imported on first use (PEP 562), so that the bounded reading child
# can import `reading` without loading Django's models: it then starts in a
# fraction of a second instead of running django.setup().
_HOMES = {
    "EXPORT_HEADERS": "columns",
    "CatalogueError": "columns",
    "map_headers": "columns",
    "export_catalogue": "export",
    "ImportReport": "importer",
    "RowOutcome": "rows",
    "center_guides": "importer",
    "find_center": "importer",
    "import_catalogue": "importer",
    "read_table": "reading",
    "CenterLookups": "rows",
    "parse_row": "rows",
    "snapshot": "rows",
    "parse_days": "values",
    "parse_legal_bases": "values",
    "parse_materials": "values",
    "parse_steps": "values",
    "parse_visits": "values",
}


def __getattr__(name: str):
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_HOMES[name]}"), name)


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
