"""受理告知书 serials come from a stored counter per center and year: a second
print continues the numbers instead of starting again at 0001."""

import datetime as dt

from django.contrib.auth import get_user_model

import pytest

from pages.models import ServiceCenterPage
from printing.models import SerialCounter
from tests.documents.pdfcheck import read_pdf


@pytest.fixture
def yunxi(shared_demo):
    return ServiceCenterPage.objects.get(slug="yunxi", locale__language_code="zh-hans")


@pytest.fixture
def admin_client(client, shared_demo):
    user = get_user_model().objects.create_superuser("serials", "s@example.org", "x-pass-2026")
    client.force_login(user)
    return client


def test_two_books_then_another_print_continue_the_serials(yunxi, admin_client):
    year = dt.date.today().year
    url = f"/admin/print/{yunxi.pk}/acceptance-books/"

    menu = admin_client.get(f"/admin/print/{yunxi.pk}/").content.decode()
    assert 'name="books"' in menu and "编号接续" in menu

    first = admin_client.post(url, {"books": 2})
    facts = read_pdf(first.content)
    assert facts.pages == 20
    assert facts.text.count(f"YUNXI-{year}-0001") == 2  # applicant copy and counterfoil
    assert f"YUNXI-{year}-0020" in facts.text and f"YUNXI-{year}-0021" not in facts.text

    second = admin_client.post(url, {"books": 1})
    assert "form-acceptance-0021-0030" in second["Content-Disposition"]
    assert SerialCounter.objects.get(center=yunxi, year=year).last == 30


def test_reserving_is_atomic_and_per_center_and_year(yunxi):
    assert SerialCounter.reserve(yunxi, 2030, 10) == 1
    assert SerialCounter.reserve(yunxi, 2030, 10) == 11
    assert SerialCounter.reserve(yunxi, 2031, 10) == 1
