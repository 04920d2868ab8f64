"""The page tree enforces county → center → station, and centers get their sections."""

from wagtail.models import Page

from pages.models import CountyHomePage, SectionPage, ServiceCenterPage, VillageStationPage
from tests.factories import publish


def test_allowed_parents_and_children(tree):
    root = Page.get_first_root_node()
    home, center, station = tree["home"], tree["center"], tree["station"]

    assert CountyHomePage.can_create_at(root)
    assert not ServiceCenterPage.can_create_at(root)
    assert ServiceCenterPage.can_create_at(home)
    assert not ServiceCenterPage.can_create_at(center)
    assert VillageStationPage.can_create_at(center)
    assert not VillageStationPage.can_create_at(home)
    assert not VillageStationPage.can_create_at(station)
    assert not CountyHomePage.can_create_at(center)
    assert set(home.specific_class.allowed_subpage_models()) == {ServiceCenterPage, SectionPage}


def test_admin_refuses_a_station_directly_under_the_county(admin_client, tree):
    url = f"/admin/pages/add/pages/villagestationpage/{tree['home'].pk}/"
    response = admin_client.get(url)
    assert response.status_code in (302, 403)
    assert not VillageStationPage.objects.child_of(tree["home"]).exists()


def test_a_published_center_gets_its_standard_sections_once(tree):
    center = tree["center"]
    sections = SectionPage.objects.child_of(center).order_by("path")
    assert [s.title for s in sections] == [
        "办事指南",
        "政务公开",
        "政策文件",
        "通知公告",
        "工作人员",
        "政府信息公开",
    ]
    assert all(s.live for s in sections)

    publish(center)  # publishing again must not duplicate them
    assert SectionPage.objects.child_of(center).count() == 6


def test_a_section_the_editor_removed_stays_removed(tree):
    center = tree["center"]
    SectionPage.objects.child_of(center).get(kind="staff").delete()
    publish(center)
    assert not SectionPage.objects.child_of(center).filter(kind="staff").exists()


def test_station_knows_its_center(tree):
    assert tree["station"].center.pk == tree["center"].pk
