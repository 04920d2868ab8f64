"""The print menu in the admin and `manage.py print_pack`: a director prints a
center's whole signage set; nobody prints another center's."""

import datetime as dt
import io
import re
import zipfile

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

import pytest

from pages.models import ServiceCenterPage
from printing.models import PrintPackJob
from tests.documents.pdfcheck import assert_size, read_pdf

IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def yunxi(shared_demo):
    return ServiceCenterPage.objects.get(slug="yunxi", locale__language_code="zh-hans")


@pytest.fixture
def admin_client(client, shared_demo):
    user = get_user_model().objects.create_superuser("printer", "p@example.org", "x-pass-2026")
    client.force_login(user)
    return client


def test_print_menu_lists_the_products_with_previews(yunxi, admin_client):
    index = admin_client.get("/admin/print/").content.decode()
    assert "青石县云溪镇便民服务中心" in index and "青石县松林乡便民服务中心" in index

    page = admin_client.get(f"/admin/print/{yunxi.pk}/").content.decode()
    assert "竖招牌 · 400 × 2400 mm（竖）" in page
    assert "1号窗口吊牌 · 400 × 200 mm（横）" in page  # as the PDF is: 400 mm wide
    assert "工作人员胸牌" in page

    preview = admin_client.get(f"/admin/print/{yunxi.pk}/preview/window-plate-01.png")
    assert preview["Content-Type"] == "image/png"
    assert preview.content.startswith(b"\x89PNG")


def test_director_downloads_one_product_and_the_whole_pack(yunxi, admin_client):
    plate = admin_client.get(f"/admin/print/{yunxi.pk}/download/window-plate-02")
    assert plate["Content-Disposition"] == 'attachment; filename="yunxi-window-plate-02.pdf"'
    assert_size(read_pdf(plate.content), 400, 200)

    pack = admin_client.get(_finished_pack(admin_client, yunxi, "zip"))
    assert pack["Content-Disposition"] == 'attachment; filename="yunxi-print-pack.zip"'
    names = zipfile.ZipFile(io.BytesIO(b"".join(pack.streaming_content))).namelist()
    assert "signboard-vertical.pdf" in names and "badges-a4.pdf" in names
    assert len([n for n in names if n.startswith("window-plate-")]) == 6

    merged = admin_client.get(_finished_pack(admin_client, yunxi, "pdf"))
    sizes = read_pdf(b"".join(merged.streaming_content)).sizes_mm
    assert (400, 2400) in {(round(w), round(h)) for w, h in sizes}
    assert (210, 297) in {(round(w), round(h)) for w, h in sizes}


def _finished_pack(client, center, kind: str) -> str:
    """Ask for the whole pack with a worker that runs at once; the download link it shows."""
    with override_settings(TASKS=IMMEDIATE_TASKS):
        queued = client.post(f"/admin/print/{center.pk}/packs/", {"kind": kind})
    status = client.get(queued["Location"])
    assert "已完成" in status.content.decode()
    assert "Refresh" not in status
    return re.search(r'href="([^"]+/download/)"', status.content.decode()).group(1)


def test_the_whole_pack_is_rendered_by_the_task_worker_not_the_request(yunxi, admin_client):
    """The request only queues the pack; its page shows the wait and follows the worker."""
    queued = admin_client.post(f"/admin/print/{yunxi.pk}/packs/", {"kind": "zip"})

    assert queued.status_code == 302
    status = admin_client.get(queued["Location"])
    page = status.content.decode()
    assert "排队中" in page and "等待后台任务处理" in page
    assert status["Refresh"] == "3"
    assert not PrintPackJob.objects.get().file
    menu = admin_client.get(f"/admin/print/{yunxi.pk}/").content.decode()
    assert "印刷厂文件 ZIP · " in menu and "查看进度" in menu


def test_a_pack_nobody_picks_up_tells_the_user_to_check_the_worker(yunxi, admin_client):
    queued = admin_client.post(f"/admin/print/{yunxi.pk}/packs/", {"kind": "pdf"})
    assert "任务进程" not in admin_client.get(queued["Location"]).content.decode()

    PrintPackJob.objects.update(requested_at=timezone.now() - dt.timedelta(minutes=3))

    page = admin_client.get(queued["Location"]).content.decode()
    assert "请联系管理员确认任务进程（manage.py db_worker）正在运行" in page


def test_a_user_who_cannot_edit_the_center_cannot_print_it(yunxi, client):
    clerk = get_user_model().objects.create_user("clerk", password="x-pass-2026")
    group = Group.objects.create(name="无页面权限")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    clerk.groups.add(group)
    client.force_login(clerk)

    assert "青石县云溪镇便民服务中心" not in client.get("/admin/print/").content.decode()
    job = PrintPackJob.objects.create(center=yunxi, kind="zip", status="done", file="x.zip")
    paths = ("", "preview/window-plate-01.png", "download/window-plate-01", f"packs/{job.pk}/")
    for path in (*paths, f"packs/{job.pk}/download/"):
        response = client.get(f"/admin/print/{yunxi.pk}/{path}")
        # Wagtail answers PermissionDenied in the admin with a redirect and a message.
        assert (response.status_code, response.get("Location")) == (302, "/admin/")
    refused = client.post(f"/admin/print/{yunxi.pk}/packs/", {"kind": "zip"})
    assert (refused.status_code, refused.get("Location")) == (302, "/admin/")
    assert PrintPackJob.objects.count() == 1


def test_print_pack_command_writes_every_pdf(yunxi, tmp_path, capsys):
    call_command("print_pack", "yunxi", "--out", str(tmp_path))

    files = sorted(p.name for p in tmp_path.glob("*.pdf"))
    assert "signboard-vertical.pdf" in files and len(files) >= 8
    assert f"wrote {len(files)} PDFs" in capsys.readouterr().out


def test_a_centers_director_prints_their_own_center_only(yunxi, client):
    from wagtail.models import GroupPagePermission

    director = get_user_model().objects.create_user("director", password="x-pass-2026")
    group = Group.objects.create(name="云溪镇编辑")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group, page=yunxi, permission=Permission.objects.get(codename="change_page")
    )
    director.groups.add(group)
    client.force_login(director)

    index = client.get("/admin/print/").content.decode()
    assert "青石县云溪镇便民服务中心" in index and "青石县松林乡便民服务中心" not in index
    plate = client.get(f"/admin/print/{yunxi.pk}/download/window-plate-01")
    assert plate.status_code == 200 and plate.content.startswith(b"%PDF")
    songlin = ServiceCenterPage.objects.get(slug="songlin")
    assert client.get(f"/admin/print/{songlin.pk}/").status_code == 302


def test_a_pack_whose_worker_died_says_so_and_stops_waiting(yunxi, admin_client):
    """A worker killed mid-render leaves its pack "running": after half an hour it is over."""
    queued = admin_client.post(f"/admin/print/{yunxi.pk}/packs/", {"kind": "zip"})
    long_ago = timezone.now() - dt.timedelta(minutes=31)
    PrintPackJob.objects.update(status="running", started_at=long_ago)

    status = admin_client.get(queued["Location"])

    assert "生成中断（后台任务进程已停止），请重新生成。" in status.content.decode()
    assert "Refresh" not in status
