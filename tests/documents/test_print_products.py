"""Each print product from the demo county: exact size, the right text, fonts embedded."""

import pytest

from documents.printing import products
from documents.printing.render import render_pdf
from pages.models import ServiceCenterPage
from tests.documents.pdfcheck import assert_fonts_embedded_and_subset, assert_size, read_pdf


@pytest.fixture
def yunxi(shared_demo):
    return ServiceCenterPage.objects.get(slug="yunxi")


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
