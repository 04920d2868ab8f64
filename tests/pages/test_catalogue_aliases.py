"""Catalogue import: window and department names as a department's own file writes them."""

import pytest

from pages.models import Department, ServiceGuidePage, ServiceWindow
from pages.services.catalogue_io import import_catalogue, map_headers
from tests.pages.test_catalogue_io import item, write_xlsx


@pytest.fixture
def hall(tree):
    center = tree["center"]
    for number, name, department in [
        (3, "人社窗口", "人力资源和社会保障服务中心"),
        (4, "卫健医保窗口", "卫生健康办"),
    ]:
        window = ServiceWindow.objects.create(unit=center, number=number, name=name)
        window.departments.add(Department.objects.create(center=center, name=department))
    return center


@pytest.mark.parametrize(
    "header", ["主管部门", "责任单位", "承办单位", "办理部门", "实施主体", "业务主管部门"]
)
def test_department_headers_are_the_department_column(header):
    assert map_headers(["事项编码", "事项名称", header]).columns["department"] == 2


def test_old_names_and_short_forms_find_the_centers_windows(hall, tmp_path):
    rows = [
        item("T-001", 主题="", 办理窗口="计生窗口", 实施部门="计生办"),
        item("T-002", 主题="", 办理窗口="社保窗口", 实施部门="县人社局"),
        item("T-003", 主题="", 办理窗口="医保 卫计", 实施部门="卫生和计划生育"),
    ]
    report = import_catalogue(write_xlsx(tmp_path / "a.xlsx", rows), hall)
    assert not report.bad_rows and len(report.created) == 3
    found = {
        g.item_code: (g.window.name, g.department.name) for g in ServiceGuidePage.objects.all()
    }
    assert found == {
        "T-001": ("卫健医保窗口", "卫生健康办"),
        "T-002": ("人社窗口", "人力资源和社会保障服务中心"),
        "T-003": ("卫健医保窗口", "卫生健康办"),
    }


def test_unknown_names_are_created_or_refused(hall, tmp_path):
    path = write_xlsx(
        tmp_path / "a.xlsx", [item("T-001", 主题="", 办理窗口="工商窗口", 实施部门="工商所")]
    )
    refused = import_catalogue(path, hall, create_names=False)
    assert refused.refused and "办理窗口“工商窗口”不是本中心的窗口" in refused.bad_rows[0].message
    assert not ServiceWindow.objects.filter(name="工商窗口").exists()
    dry = import_catalogue(path, hall, dry_run=True)
    assert dry.new_windows == ["5号 工商窗口（第 2 行）"]
    import_catalogue(path, hall)
    guide = ServiceGuidePage.objects.get(item_code="T-001")
    assert (guide.window.number, guide.window.name, guide.department.name) == (
        5,
        "工商窗口",
        "工商所",
    )
