"""Each print product from the demo county: exact size, the right text, fonts embedded."""

import pytest

from pages.models import ServiceCenterPage, VillageStationPage
from printing import products
from printing.render import render_pdf
from tests.documents.pdfcheck import assert_fonts_embedded_and_subset, assert_size, read_pdf


@pytest.fixture
def yunxi(shared_demo):
    return ServiceCenterPage.objects.get(slug="yunxi", locale__language_code="zh-hans")


def rendered(product):
    facts = read_pdf(render_pdf(product.html()).pdf)
    assert_size(facts, product.width_mm, product.height_mm)
    assert_fonts_embedded_and_subset(facts)
    return facts


def test_vertical_signboard_stacks_the_full_name_on_one_page(yunxi):
    facts = rendered(products.vertical_signboard(yunxi))

    assert facts.pages == 1
    lines = [line.strip() for line in facts.text.splitlines() if line.strip()]
    assert "".join(lines) == "青石县云溪镇便民服务中心"
    assert len(lines) == len("青石县云溪镇便民服务中心")  # one character per line


def test_every_window_gets_a_hanging_plate(yunxi):
    plates = [p for p in products.center_pack(yunxi) if p.key.startswith("window-plate")]
    assert len(plates) == 6
    facts = rendered(plates[1])
    assert "2号窗口" in facts.text
    assert "民政救助窗口" in facts.text.replace("\n", "")


def test_badges_are_imposed_ten_to_a_sheet(yunxi):
    badge = products.chest_badges(yunxi, "青石县政务服务")
    facts = rendered(badge)

    staff = yunxi.staff_members.filter(active=True)
    assert facts.pages == -(-staff.count() // 10)
    text = facts.text.replace("\n", "")
    for member in staff:
        assert member.name in text
        if member.work_number:
            assert member.work_number in text


def test_village_signboard(yunxi):
    station = next(p for p in products.center_pack(yunxi) if p.key.startswith("signboard-station"))
    facts = rendered(station)
    assert "".join(facts.text.split()).endswith("便民服务站")


def test_acceptance_notice_has_two_parts_with_the_same_serial(yunxi):
    from printing.forms import BOOK_SIZE, acceptance_notice_book

    book = acceptance_notice_book(yunxi, book=2, year=2026)
    facts = rendered(book)

    assert facts.pages == BOOK_SIZE
    assert facts.text.count("YUNXI-2026-0011") == 2  # applicant copy and counterfoil
    assert "YUNXI-2026-0020" in facts.text and "YUNXI-2026-0010" not in facts.text
    assert "沿此虚线剪开" in facts.text and "存根联" in facts.text


def test_one_time_notice_lists_the_guides_materials(yunxi):
    from printing.forms import one_time_notice
    from printing.products import center_guides

    guide = center_guides(yunxi).get(title="最低生活保障申请")
    facts = rendered(one_time_notice(yunxi, guide))

    text = facts.text.replace("\n", "")
    assert "一次性告知书" in text and "最低生活保障申请" in text
    for material in guide.materials.all():
        assert material.name in text


def test_ledger_has_a_cover_and_ruled_pages(yunxi):
    from printing.forms import LEDGER_PAGES, ledger

    facts = rendered(ledger(yunxi))
    assert facts.pages == 1 + LEDGER_PAGES
    assert "办理事项登记本" in facts.text
    for column in ("编号", "受理日期", "申办事项", "申办人", "联系电话", "办件状态"):
        assert column in facts.text


def test_every_blank_form_is_a4(yunxi):
    from printing.forms import blank_forms

    for product in blank_forms(yunxi):
        rendered(product)


def test_guide_leaflet_carries_the_eight_disclosures_and_a_qr_code(yunxi, settings):
    from printing.leaflets import guide_leaflet, qr_data_uri

    # A QR code is printed only for an address citizens can reach (printing/public_url.py).
    settings.PORTAL_PUBLIC_URL = "https://zwfw.qingshi.example.gov.cn"
    from printing.products import center_guides

    guide = center_guides(yunxi).get(title="最低生活保障申请")
    facts = rendered(guide_leaflet(yunxi, guide))

    text = facts.text.replace("\n", "")
    for heading in ("办理依据", "受理条件", "申请材料", "办理流程", "办理时限", "收费标准"):
        assert heading in text
    assert "扫码查看最新办事指南" in text and "扫码评价" in text  # and its rating page
    assert guide.promised_limit_text in text
    assert qr_data_uri(guide.get_full_url()).startswith("data:image/svg+xml;base64,")


def test_window_leaflets_cover_every_item_of_the_window(yunxi):
    leaflets = [p for p in products.center_pack(yunxi) if p.key.startswith("leaflet-window")]
    assert leaflets
    facts = rendered(leaflets[0])
    for item in leaflets[0].context["items"]:
        assert item.guide.title in facts.text.replace("\n", "")


def test_rule_boards_come_from_the_rules_kept_as_content(yunxi):
    from printing.models import HallRule

    pack = products.center_pack(yunxi)
    boards = [p for p in pack if p.key.startswith("rule-board-")]
    hall = [p for p in boards if p.context["unit_name"] == yunxi.official_name]
    assert len(hall) == HallRule.for_center(yunxi).count() >= 6
    village = [p for p in boards if p not in hall]
    stations = yunxi.get_children().type(VillageStationPage).live().count()
    assert len(village) == stations * HallRule.for_center(yunxi, level="village").count() > 0
    village_facts = rendered(village[0])
    assert (village[0].width_mm, village[0].height_mm) == (500, 700)
    assert "代办员工作制度" in village_facts.text.replace("\n", "")
    rule = HallRule.objects.get(title="首问负责制")
    rule.board_size = "500x700"
    rule.save()
    board = next(p for p in products.center_pack(yunxi) if p.key == f"rule-board-{rule.pk}")
    facts = rendered(board)
    assert (board.width_mm, board.height_mm) == (500, 700)
    assert "首问负责制" in facts.text.replace("\n", "")


def test_the_organisation_board_names_the_leaders(yunxi):
    # The whereabouts and disclosure boards: tests/printing/test_boards.py.
    pack = {p.key: p for p in products.center_pack(yunxi)}
    organisation = rendered(pack["organisation-board"]).text.replace("\n", "")

    for member in yunxi.staff_members.filter(active=True):
        if member.is_leadership:
            assert member.name in organisation


def test_desk_plates_two_to_a_sheet_and_the_horizontal_signboard(yunxi):
    pack = {p.key: p for p in products.center_pack(yunxi)}
    plates = rendered(pack["desk-plates-a4"])
    staff = yunxi.staff_members.filter(active=True)
    assert plates.pages == -(-staff.count() // 2)
    for member in staff:
        assert plates.text.count(member.name) == 2  # both faces of the tent

    sign = pack["signboard-horizontal"]
    facts = rendered(sign)
    assert facts.pages == 1 and "".join(facts.text.split()) == yunxi.official_name
    assert sign.width_mm > sign.height_mm


def test_an_app_adds_a_product_to_every_pack_through_the_registry(yunxi, monkeypatch):
    """The pack is what is registered, in order: a part registered from outside
    (as an app above printing would) shows in the pack and the print menu."""
    from printing import registry
    from printing.base import A4, Product

    before = [p.key for p in products.center_pack(yunxi)]
    assert all(key.startswith("signboard") for key in before[:2])  # the first part: 2 boards
    poster = Product(
        key="rating-poster",
        title="好差评二维码",
        width_mm=A4[0],
        height_mm=A4[1],
        template="print/leaflet.html",
        context={},
    )
    monkeypatch.setattr(registry, "_pack", dict(registry._pack))
    registry.register_pack_part("rating-posters", 15, lambda center, brand: [poster])
    after = [p.key for p in products.center_pack(yunxi)]
    assert after == before[:2] + ["rating-poster"] + before[2:]
