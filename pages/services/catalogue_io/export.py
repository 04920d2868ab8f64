"""Exporting a center's live guides as a spreadsheet that imports back unchanged."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font

from core.spreadsheets import guard_xlsx_cell
from pages.models import (
    ServiceCenterPage,
    ServiceGuidePage,
)
from pages.models.guide import (
    AUDIENCE_CHOICES,
    HANDLING_MODE_CHOICES,
    ITEM_TYPE_CHOICES,
    LEVEL_CHOICES,
)
from pages.services.catalogue_io.columns import CHUNK, COLUMNS, EXPORT_HEADERS, CatalogueError
from pages.services.catalogue_io.importer import center_guides
from pages.services.catalogue_io.rows import CenterLookups, snapshot
from pages.services.catalogue_io.values import label
from pages.services.guides import format_limit


def guide_cells(page: ServiceGuidePage, lookups: CenterLookups) -> list[str]:
    """One guide as the row the importer reads back to the same values."""
    themes = sorted(page.themes.all(), key=lambda t: (t.sort_order, t.name))
    values = snapshot(page)
    cells = {
        "item_code": page.item_code,
        "title": values["title"],
        "item_type": label(ITEM_TYPE_CHOICES, page.item_type),
        "handling_mode": label(HANDLING_MODE_CHOICES, page.handling_mode),
        "level": label(LEVEL_CHOICES, page.level),
        "audience": label(AUDIENCE_CHOICES, page.audience),
        "window": lookups.window_labels.get(page.window_id, "") if page.window_id else "",
        "department": lookups.department_labels.get(page.department_id, "")
        if page.department_id
        else "",
        "themes": "、".join(t.name for t in themes),
        "legal_bases": "\n".join(str(s) for s in values["legal_bases"]),
        "conditions": values["conditions"],
        "materials": "\n".join(str(s) for s in values["materials"]),
        "steps": "\n".join(str(s) for s in values["steps"]),
        "statutory_limit_days": format_limit(page.statutory_limit_days),
        "promised_limit_days": format_limit(page.promised_limit_days),
        "visits": page.visits_text,
        "fee": "不收费" if page.fee_free else values["fee_amount"],
        "fee_basis": values["fee_basis"],
        "consultation_phone": values["consultation_phone"],
        "complaint_phone": values["complaint_phone"],
        "online_channel": values["online_channel"],
    }
    return [cells[column.key] for column in COLUMNS]


_WIDTHS = {
    "事项名称": 28,
    "受理条件": 40,
    "申报材料": 40,
    "办理程序": 40,
    "办理依据": 36,
    "收费依据": 24,
    "网上办理渠道": 24,
}


def export_catalogue(center: ServiceCenterPage, destination: Path | str) -> int:
    """Write the center's live guides to .xlsx with the import headers; returns the count."""
    destination = Path(destination)
    lookups = CenterLookups.for_center(center)
    guides = (
        center_guides(center)
        .live()
        .prefetch_related("legal_bases", "materials", "steps", "themes")
        .order_by("window__number", "path")
    )
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("办事指南")
    for index, header in enumerate(EXPORT_HEADERS):
        letter = openpyxl.utils.get_column_letter(index + 1)
        sheet.column_dimensions[letter].width = _WIDTHS.get(header, 14)
    sheet.freeze_panes = "C2"
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    header_cells = []
    for header in EXPORT_HEADERS:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    count = 0
    for guide in guides.iterator(chunk_size=CHUNK):
        row = []
        for value in guide_cells(guide, lookups):
            cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value or ""))
            guard_xlsx_cell(cell)  # text, never a formula
            if "\n" in (cell.value or ""):
                cell.alignment = wrap
            row.append(cell)
        sheet.append(row)
        count += 1
    destination.parent.mkdir(parents=True, exist_ok=True)
    try:
        workbook.save(destination)
    except OSError as exc:
        raise CatalogueError(f"无法写入“{destination}”：{exc.strerror or exc}。") from exc
    return count
