"""Roles per center: created with the center, and every boundary proven over HTTP."""

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.models import Collection, WorkflowPage

from tests.factories import StaffMemberFactory, make_guide, make_window


def text(client, url: str, **params) -> str:
    """What the admin shows at `url`: the page, or the HTML inside a chooser's JSON."""
    response = client.get(url, params)
    if response["Content-Type"].startswith("application/json"):
        return response.json()["html"]
    return response.content.decode()


def test_creating_a_center_creates_its_roles_collection_and_workflow(towns):
    a, _ = towns
    ws = a.workspace
    assert ws.editor_group.name.endswith("·编辑")
    assert ws.reviewer_group.name.endswith("·审核")
    assert Collection.objects.filter(pk=ws.collection.pk, name=a.center.title).exists()
    assert WorkflowPage.objects.get(page=a.center).workflow == ws.workflow
    task = ws.workflow.tasks.get().specific
    assert list(task.groups.all()) == [ws.reviewer_group]


def test_roles_are_idempotent(towns):
    from editorial.services.roles import ensure_all_workspaces

    a, _ = towns
    before = Group.objects.count()
    ensure_all_workspaces()
    ensure_all_workspaces()
    assert Group.objects.count() == before + 1  # only the county group is added


def test_editor_edits_own_center_and_cannot_see_the_other(towns):
    a, b = towns
    draft = make_guide(a.guides, make_window(a.center), publish_it=False, title="甲镇草稿指南")
    editor_a, editor_b = a.client("editor"), b.client("editor")

    assert editor_a.get(f"/admin/pages/{draft.pk}/edit/").status_code == 200
    assert editor_b.get(f"/admin/pages/{draft.pk}/edit/").status_code in (302, 403)
    assert editor_b.get(f"/admin/pages/{a.guides.pk}/").status_code in (302, 403)
    assert editor_b.get(f"/admin/pages/{draft.pk}/view_draft/").status_code in (302, 403)
    edit_link = f"/admin/pages/{draft.pk}/edit/"
    assert edit_link not in text(editor_b, "/admin/pages/search/", q="甲镇草稿指南")
    assert "甲镇草稿指南" not in text(editor_b, "/admin/choose-page/search/", q="甲镇草稿指南")
    assert edit_link in text(editor_a, "/admin/pages/search/", q="甲镇草稿指南")
    assert "甲镇草稿指南" in text(editor_a, "/admin/choose-page/search/", q="甲镇草稿指南")


def test_editor_cannot_publish_only_submit(towns):
    a, _ = towns
    guide = make_guide(a.guides, make_window(a.center), publish_it=False)
    perms = guide.permissions_for_user(a.editor)
    assert perms.can_edit() and not perms.can_publish()
    assert guide.permissions_for_user(a.director).can_publish()


def test_staff_records_are_invisible_across_centers(towns):
    a, b = towns
    member = StaffMemberFactory(center=a.center, name="甲镇人员")
    StaffMemberFactory(center=b.center, name="乙镇人员")
    listing_b = b.client("editor").get("/admin/snippets/staff/staffmember/").content.decode()
    assert "乙镇人员" in listing_b and "甲镇人员" not in listing_b
    url = f"/admin/snippets/staff/staffmember/edit/{member.pk}/"
    assert b.client("editor").get(url).status_code == 404
    assert a.client("editor").get(url).status_code == 200
    chooser = "/admin/snippets/choose/staff/staffmember/"
    assert "甲镇人员" not in text(b.client("editor"), chooser)
    assert "甲镇人员" in text(a.client("editor"), chooser)


def test_windows_and_departments_are_scoped(towns):
    a, b = towns
    window = make_window(a.center, name="甲镇社保窗口", department="甲镇民政办")
    department = window.departments.get()
    b_client, base = b.client("editor"), "/admin/snippets/pages"
    assert "甲镇社保窗口" not in text(b_client, f"{base}/servicewindow/")
    assert b_client.get(f"{base}/servicewindow/edit/{window.pk}/").status_code == 404
    assert b_client.get(f"{base}/department/edit/{department.pk}/").status_code == 404
    assert "甲镇社保窗口" in text(a.client("editor"), f"{base}/servicewindow/")


def test_editor_cannot_file_a_record_under_another_center(towns):
    a, b = towns
    response = b.client("editor").post(
        "/admin/snippets/pages/department/add/", {"center": a.center.pk, "name": "冒名部门"}
    )
    assert response.status_code == 200
    assert "只能选择您所在的便民服务中心" in response.content.decode()
    from pages.models import Department

    assert not Department.objects.filter(name="冒名部门").exists()
    ok = b.client("editor").post(
        "/admin/snippets/pages/department/add/", {"center": b.center.pk, "name": "乙镇新部门"}
    )
    assert ok.status_code == 302
    assert Department.objects.filter(name="乙镇新部门", center=b.center).exists()


def test_documents_and_images_live_in_the_center_collection(towns):
    a, b = towns
    document = get_document_model().objects.create(
        title="甲镇内部文件", collection=a.workspace.collection, file=ContentFile(b"x", "a.txt")
    )
    assert "甲镇内部文件" not in b.client("editor").get("/admin/documents/").content.decode()
    assert b.client("editor").get(f"/admin/documents/edit/{document.pk}/").status_code in (302, 403)
    assert "甲镇内部文件" in a.client("editor").get("/admin/documents/").content.decode()
    assert a.client("editor").get(f"/admin/documents/edit/{document.pk}/").status_code == 200


def test_county_admin_sees_every_center(towns):
    from editorial.services.roles import ensure_county_admin_group
    from tests.factories import make_user

    a, b = towns
    StaffMemberFactory(center=a.center, name="甲镇人员")
    StaffMemberFactory(center=b.center, name="乙镇人员")
    admin = make_user("county")
    admin.groups.add(ensure_county_admin_group())
    from django.test import Client

    client = Client()
    client.force_login(admin)
    listing = client.get("/admin/snippets/staff/staffmember/").content.decode()
    assert "甲镇人员" in listing and "乙镇人员" in listing
    guide = make_guide(b.guides, make_window(b.center), publish_it=False)
    assert guide.permissions_for_user(admin).can_publish()


def test_director_role_may_set_the_board(towns):
    from staff.services.whereabouts import managed_center_ids

    a, _ = towns
    assert managed_center_ids(a.director) == {a.center.pk}
    assert managed_center_ids(a.editor) == set()


def test_images_live_in_the_center_collection(towns):
    from wagtail.images import get_image_model

    from tests.factories import make_image_file

    a, b = towns
    image = get_image_model().objects.create(
        title="甲镇照片", collection=a.workspace.collection, file=make_image_file()
    )
    assert "甲镇照片" not in text(b.client("editor"), "/admin/images/")
    assert b.client("editor").get(f"/admin/images/{image.pk}/").status_code in (302, 403)
    assert "甲镇照片" in text(a.client("editor"), "/admin/images/")
    chooser = "/admin/images/chooser/"
    assert "甲镇照片" not in text(b.client("editor"), chooser)
    assert "甲镇照片" in text(a.client("editor"), chooser)


def test_adding_a_township_in_the_admin_is_one_step(towns, admin_client):
    """The county creates a center page; its roles, collection and workflow exist at once."""
    from editorial.models import CenterWorkspace
    from pages.models import ServiceCenterPage
    from tests.admin_forms import read_form

    a, _ = towns
    home = a.center.get_parent()
    url = f"/admin/pages/add/pages/servicecenterpage/{home.pk}/"
    data = read_form(admin_client.get(url).content.decode())
    data.update(
        {
            "title": "新场镇便民服务中心",
            "slug": "xinchang",
            "official_name": "青石县新场镇便民服务中心",
            "township_name": "新场镇",
            "address": "新场镇正街 1 号",
            "opening_hours": "周一至周五 8:30—17:30",
            "consultation_phone": "0859-6630001",
            "complaint_phone": "0859-6630002",
            "director_name": "王新",
            "market_day_calendar": "none",
            "action-publish": "action-publish",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302
    center = ServiceCenterPage.objects.get(slug="xinchang")
    workspace = CenterWorkspace.objects.get(center=center)
    assert workspace.editor_group.name == "新场镇便民服务中心·编辑"
    assert center.get_children().count() == 6  # its standard sections too


def test_county_admin_edits_every_county_wide_table(towns):
    """县级管理员 (not a superuser) holds the model permissions of every app's
    county-wide tables: hall rules, issuing organisations, synonyms, the scanner's
    lexicon, the holiday calendar. The group once named apps by module, not by
    label, and so lacked the documents, search and scanner tables."""
    from django.test import Client
    from django.urls import reverse

    from core.models import CalendarOverride
    from documents.models import IssuingOrganisation
    from editorial.services.roles import ensure_county_admin_group
    from printing.models import HallRule
    from scanner.models import InjectionTerm
    from search.models import SynonymGroup
    from tests.factories import make_user

    admin = make_user("county-tables")
    admin.groups.add(ensure_county_admin_group())
    client = Client()
    client.force_login(admin)
    for model in (HallRule, IssuingOrganisation, SynonymGroup, InjectionTerm, CalendarOverride):
        viewset = model.snippet_viewset
        for view in ("list", "add"):
            response = client.get(reverse(viewset.get_url_name(view)))
            assert response.status_code == 200, (model.__name__, view, response.status_code)
