"""No export the portal writes turns a hostile title into a live spreadsheet formula.

Reported: a page titled ``=cmd|' /C calc'!A0`` came out verbatim in the admin's
CSV exports (site history, aging pages).
"""

import csv
import io

from wagtail.models import PageLogEntry

import pytest
from openpyxl import load_workbook

from core.spreadsheets import FORMULA_TRIGGERS, neutralise, neutralise_csv
from tests import shared
from tests.factories import make_guide, make_site_tree

HOSTILE = ["=cmd|' /C calc'!A0", "+SUM(1,2)", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"]
EXPORTS = ["/admin/reports/site-history/", "/admin/reports/aging-pages/"]


@pytest.fixture
def hostile_pages(shared_data, db, request):
    """Built once for the module's tests (see tests/shared.py)."""
    return shared_data.get("hostile_pages", request.node)


@shared.builds("hostile_pages")
def _build_hostile_pages(data):
    tree = make_site_tree()
    pages = []
    for title in HOSTILE:
        page = make_guide(tree["center"], title=title)
        PageLogEntry.objects.log_action(page, "wagtail.publish")
        pages.append(page)
    return tree["center"], pages


def _csv_cells(response) -> list[str]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return [cell for row in csv.reader(io.StringIO(body.decode("utf-8"))) for cell in row]


def _xlsx_cells(response) -> list:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = load_workbook(io.BytesIO(body)).active
    return [cell for row in sheet.iter_rows() for cell in row]


@pytest.mark.parametrize("url", EXPORTS)
def test_admin_csv_exports_neutralise_formula_cells(admin_client, hostile_pages, url):
    response = admin_client.get(url, {"export": "csv"})
    assert response.status_code == 200
    cells = _csv_cells(response)
    for title in HOSTILE:
        assert "'" + title in cells, title
    assert not [c for c in cells if c.startswith(FORMULA_TRIGGERS) and neutralise(c) != c]


@pytest.mark.parametrize("url", EXPORTS)
def test_admin_xlsx_exports_keep_formula_cells_as_flagged_text(admin_client, hostile_pages, url):
    response = admin_client.get(url, {"export": "xlsx"})
    assert response.status_code == 200
    texts = [cell for cell in _xlsx_cells(response) if isinstance(cell.value, str)]
    assert {"=cmd|' /C calc'!A0", "+SUM(1,2)", "@SUM(A1)"} <= {cell.value for cell in texts}
    formula_like = [cell for cell in texts if neutralise(cell.value) != cell.value]
    assert len(formula_like) >= len(HOSTILE)
    for cell in formula_like:
        assert cell.data_type == "s" and cell.quotePrefix, cell.value


def test_the_catalogue_export_flags_formula_cells_as_text(hostile_pages, tmp_path):
    from pages.services.catalogue_io.export import export_catalogue

    center, _pages = hostile_pages
    destination = tmp_path / "catalogue.xlsx"
    export_catalogue(center, destination)
    sheet = load_workbook(destination).active
    titles = {cell.value: cell for row in sheet.iter_rows() for cell in row}
    for title in ("=cmd|' /C calc'!A0", "+SUM(1,2)", "@SUM(A1)"):
        assert titles[title].data_type == "s" and titles[title].quotePrefix


def test_plain_numbers_and_ordinary_text_are_left_alone():
    assert neutralise("-3") == "-3" and neutralise("+1.5") == "+1.5"
    assert neutralise("低保申请") == "低保申请" and neutralise(12) == 12
    assert neutralise("=1+1") == "'=1+1" and neutralise("-1+1") == "'-1+1"


def test_a_csv_stream_is_rewritten_whatever_its_chunk_boundaries():
    text = 'a,"=x\n(line two)",c\r\n"低保",@y,-4\r\n'.encode()
    chunks = [text[i : i + 3] for i in range(0, len(text), 3)]  # splits characters too
    rows = list(csv.reader(io.StringIO(b"".join(neutralise_csv(chunks)).decode())))
    assert rows == [["a", "'=x\n(line two)", "c"], ["低保", "'@y", "-4"]]
