"""好差评 QR codes on the products that sit at a window or on a person: the window
plate and the desk plate lead to that window's rating page, as scanned."""

import io

from django.test import Client

import pytest
from pypdf import PdfReader

from interaction.models import FollowUp, Rating
from pages.models import ServiceCenterPage, ServiceGuidePage, ServiceWindow
from printing.plates import desk_plates
from printing.products import window_plate
from printing.public_url import rating_url
from printing.render import render_pdf


@pytest.fixture
def yunxi(shared_demo, settings):
    settings.PORTAL_PUBLIC_URL = "https://bmfw.qingshi.gov.cn/"
    return ServiceCenterPage.objects.get(slug="yunxi", locale__language_code="zh-hans")


def test_the_window_plate_carries_its_rating_qr_code(yunxi):
    window = ServiceWindow.objects.filter(unit=yunxi).first()
    assert rating_url(window.pk) == (
        f"https://bmfw.qingshi.gov.cn/rate/window/{window.pk}/?channel=qr"
    )
    product = window_plate(window, yunxi.official_name)
    html = product.html()
    assert "data:image/svg+xml;base64," in html and "扫码评价" in html
    text = PdfReader(io.BytesIO(render_pdf(html).pdf)).pages[0].extract_text()
    assert "扫码评价" in text


def test_a_desk_plates_qr_leads_to_a_rating_that_opens_a_follow_up(yunxi):
    product = desk_plates(yunxi)
    assert "扫码评价" in product.html()
    member = yunxi.staff_members.filter(active=True, window__isnull=False).first()
    path = rating_url(member.window_id).removeprefix("https://bmfw.qingshi.gov.cn")
    before = FollowUp.objects.count()
    client = Client()
    client.post(path, {"level": "1", "channel": "qr", "reason": "attitude"})
    rating = Rating.objects.latest("pk")
    assert (rating.window_id, rating.channel, rating.level) == (member.window_id, "qr", 1)
    assert FollowUp.objects.count() == before + 1 and rating.follow_up.rectify_due


def test_no_qr_code_while_the_host_is_local(yunxi, settings):
    settings.PORTAL_PUBLIC_URL = "http://localhost:8000"
    window = ServiceWindow.objects.filter(unit=yunxi).first()
    assert "data:image/svg+xml" not in window_plate(window, yunxi.official_name).html()


def test_a_badge_carries_the_rating_qr_code_of_its_wearers_window(yunxi):
    from printing.products import chest_badges

    product = chest_badges(yunxi, "青石县政务服务")
    html = product.html()
    assert (
        html.count("扫码评价")
        == yunxi.staff_members.filter(active=True, window__isnull=False).count()
    )
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(render_pdf(html).pdf)).pages)
    assert "扫码评价" in text


def test_the_applicant_copy_of_a_notice_leads_to_the_rating_of_its_service(yunxi):
    from printing.forms import acceptance_notice_book
    from printing.public_url import qr_data_uri

    guide = ServiceGuidePage.objects.live().descendant_of(yunxi).first()
    book = acceptance_notice_book(yunxi, guide=guide)
    html = book.html()
    scanned = f"https://bmfw.qingshi.gov.cn/rate/guide/{guide.pk}/?channel=qr"
    sheets = html.count('class="sheet-a4"')
    # One code a sheet, on the applicant's copy only (the counterfoil stays at the window).
    assert html.count(qr_data_uri(scanned)) == sheets == html.count("办完请扫码评价")
    pdf = PdfReader(io.BytesIO(render_pdf(html).pdf))
    assert len(pdf.pages) == sheets  # the code fits the half sheet
    top = pdf.pages[0].extract_text()
    assert top.index("办完请扫码评价") < top.index("存根联")

    blank = acceptance_notice_book(yunxi).html()
    center_page = f"https://bmfw.qingshi.gov.cn/rate/center/{yunxi.slug}/?channel=qr"
    assert qr_data_uri(center_page) in blank
