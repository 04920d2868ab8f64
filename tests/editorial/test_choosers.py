"""The admin's window and department choosers name each row's place (issue 15, item 1):
every center and station has its "1号 综合代办窗口", which alone tells them apart only by
phone."""

import pytest
from bs4 import BeautifulSoup

from pages.models import ServiceGuidePage, VillageStationPage
from tests.factories import make_guide, make_window

from .conftest import Town

CHOOSE = "/admin/snippets/choose/pages/servicewindow/"


@pytest.fixture
def windows(towns):
    """The center and its station each have a 1号 综合代办窗口."""
    town: Town = towns[0]
    station = VillageStationPage.objects.child_of(town.center).get()
    center_window = make_window(town.center, name="综合代办窗口", department="综合办")
    station_window = make_window(station, name="综合代办窗口", department="")
    return town, center_window, station_window


def _rows(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [a.get_text(" ", strip=True) for a in soup.select("a[data-chooser-modal-choice]")]


@pytest.mark.parametrize("who", ["editor", "director"])
def test_window_chooser_rows_name_their_center_or_station(windows, who):
    town, center_window, station_window = windows
    client = town.client(who)
    for url in (CHOOSE, CHOOSE + "results/"):
        response = client.get(url)
        html = response.json()["html"] if url == CHOOSE else response.content.decode()
        rows = _rows(html)
        assert f"{center_window.unit.title} · 1号 综合代办窗口" in rows, rows
        assert f"{station_window.unit.title} · 1号 综合代办窗口" in rows, rows


def test_chosen_window_is_named_with_its_place(windows):
    town, _center_window, station_window = windows
    response = town.client("editor").get(f"{CHOOSE}chosen/{station_window.pk}/")
    assert response.json()["result"]["string"] == (
        f"{station_window.unit.title} · 1号 综合代办窗口"
    )


def test_guide_form_shows_the_chosen_window_with_its_place(windows):
    town, _center_window, station_window = windows
    guide = make_guide(town.guides, station_window, department=None)
    response = town.client("editor").get(f"/admin/pages/{guide.pk}/edit/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    chosen = soup.select_one("[data-chooser-title]") or soup.select_one(".chooser__title")
    assert chosen is not None
    assert chosen.get_text(strip=True) == f"{station_window.unit.title} · 1号 综合代办窗口"
    assert str(station_window) == "1号 综合代办窗口"  # print products keep the short name
    assert ServiceGuidePage.objects.get(pk=guide.pk).window_id == station_window.pk


def test_department_chooser_names_the_center(windows):
    town, center_window, _station_window = windows
    html = town.client("editor").get("/admin/snippets/choose/pages/department/").json()["html"]
    assert f"{town.center.title} · 综合办" in _rows(html)


def _department_options(client) -> list[str]:
    response = client.get("/admin/snippets/pages/servicewindow/add/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return [option.get_text(strip=True) for option in soup.select("[name=departments] option")]


def test_window_form_offers_own_departments_named_with_their_center(towns):
    from django.test import Client

    from editorial.services.roles import ensure_county_admin_group
    from pages.models import Department
    from tests.factories import make_user

    a, b = towns
    Department.objects.create(center=a.center, name="民政办")
    Department.objects.create(center=b.center, name="民政办")
    assert _department_options(b.client("editor")) == [f"{b.center.title} · 民政办"]
    admin = make_user("county-window-admin")
    admin.groups.add(ensure_county_admin_group())
    client = Client()
    client.force_login(admin)
    assert sorted(_department_options(client)) == sorted(
        f"{town.center.title} · 民政办" for town in (a, b)
    )
