"""Boards "made to fit the content": as tall as what they hold, with no blank band,
for a few rows or many; the whereabouts board shows each person's window."""

import pytest

from pages.models import ServiceCenterPage
from printing import products
from printing.boards import (
    DISCLOSURE_STYLE,
    DISCLOSURE_WIDTH,
    STATION_STYLE,
    BoardSection,
    board_sheet,
)
from printing.render import render_pdf
from tests.documents.pdfcheck import assert_size, read_pdf
from tests.printing.pdfgeometry import glyphs, largest_blank_band_mm

_rendered: dict[str, tuple] = {}  # each product rendered once for the module


def rendered(product):
    if product.key not in _rendered:
        _rendered[product.key] = (product, render_pdf(product.html()).pdf)
    return _rendered[product.key]


@pytest.fixture
def pack(shared_demo):
    yunxi = ServiceCenterPage.objects.get(slug="yunxi", locale__language_code="zh-hans")
    return yunxi, {p.key: p for p in products.center_pack(yunxi)}


def many_rows_board():
    """Sixty items over twelve windows, some with long conditions: a county-sized board."""
    header = ["事项名称", "受理条件", "办理流程", "承诺时限", "收费标准及依据"]
    sections = [BoardSection("青石县某某镇便民服务中心", [], place=True)]
    for window in range(1, 13):
        rows = [
            [
                f"事项{window}-{n}申请",
                "申请人须为本乡镇常住户籍居民，" * (1 + (n * window) % 6),
                "申请 → 受理 → 审核 → 公示 → 审批 → 发放",
                f"{n + 3} 个工作日",
                "不收费",
            ]
            for n in range(5)
        ]
        sections.append(BoardSection(f"{window}号 综合窗口", [header, *rows]))
    return board_sheet(
        "disclosure-many",
        "政务公开栏（60 项）",
        "青石县某某镇便民服务中心 政务公开栏",
        sections,
        ["咨询电话：0859-0000000　监督投诉电话：0859-0000001"],
        width_mm=DISCLOSURE_WIDTH,
        style=DISCLOSURE_STYLE,
        template="print/disclosure_board.html",
        context={"brand": "青石县政务服务"},
    )


def _assert_fits(product, pdf, style, last_text):
    facts = read_pdf(pdf)
    assert facts.pages == 1
    assert_size(facts, product.width_mm, product.height_mm)
    margin = style.padding_y + style.frame
    band = largest_blank_band_mm(pdf, margin_mm=margin)
    sheet = product.height_mm
    # What is left is the layout's own air (the gap under the brand, above a heading).
    assert band <= 0.1 * sheet, f"{product.key}: a {band:.0f} mm blank band in {sheet} mm"
    # Nothing is cut off: the last line is on the board, inside its margin.
    found = glyphs(pdf)
    text = "".join(g.char for g in found)
    end = text.index(last_text) + len(last_text) - 1
    assert found[end].bottom <= product.height_mm - style.frame


def test_the_disclosure_board_has_no_blank_band(pack):
    yunxi, products_by_key = pack
    product, pdf = rendered(products_by_key["disclosure-board"])
    _assert_fits(product, pdf, DISCLOSURE_STYLE, yunxi.complaint_phone)
    text = read_pdf(pdf).text.replace("\n", "")
    for guide in products.center_guides(yunxi):
        assert guide.title in text


def test_a_station_board_with_two_items_has_no_blank_band(pack):
    _yunxi, products_by_key = pack
    key = next(k for k in products_by_key if k.startswith("disclosure-station-"))
    product, pdf = rendered(products_by_key[key])
    station_phone = product.context["notes"][-1].split("：")[-1]
    _assert_fits(product, pdf, STATION_STYLE, station_phone)
    text = read_pdf(pdf).text
    assert "代办员" in text and "代办事项" in text


def test_a_board_with_many_rows_has_no_blank_band_and_loses_none(db):
    product, pdf = rendered(many_rows_board())
    _assert_fits(product, pdf, DISCLOSURE_STYLE, "0859-0000001")
    text = read_pdf(pdf).text.replace("\n", "")
    assert all(f"事项{w}-4申请" in text for w in range(1, 13))


def test_the_whereabouts_board_groups_people_by_window(pack):
    yunxi, products_by_key = pack
    product, pdf = rendered(products_by_key["whereabouts-board"])
    _assert_fits(product, pdf, product.context["style"], "其他工作人员")
    staff = list(yunxi.staff_members.filter(active=True).select_related("window"))
    assert read_pdf(pdf).text.count("去向") >= len(staff)  # a marker box for everyone
    windows = sorted({m.window for m in staff if m.window_id}, key=lambda w: w.number)

    found = glyphs(pdf)
    text = "".join(g.char for g in found)
    headings = [str(w).replace(" ", "") for w in windows] + ["其他工作人员"]
    tops = [found[text.index(h)].top for h in headings]
    lefts = [found[text.index(h)].left for h in headings]
    # In window order: reading down the board, then left to right along a line.
    assert sorted(zip(tops, lefts, strict=True), key=lambda t: (round(t[0] / 5), t[1])) == list(
        zip(tops, lefts, strict=True)
    )
    for member in staff:
        at = text.index(member.name.replace(" ", ""))
        slot = found[at]
        # Under their window's heading (the last heading above and left of them) …
        heading = max(
            (
                h
                for h, top, left in zip(headings, tops, lefts, strict=True)
                if top < slot.top and left <= slot.left + 1
            ),
            key=lambda h: (round(found[text.index(h)].top / 5), found[text.index(h)].left),
        )
        expected = str(member.window).replace(" ", "") if member.window_id else "其他工作人员"
        assert heading == expected, member.name
        # … and their slot names the window too.
        if member.window_id:
            assert text.find(expected, at) - at < 20
