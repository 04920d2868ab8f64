"""Handling letters in the admin: one center's letters are invisible to another's
staff; the editor drafts, the director approves, the citizen sees the reply."""

import datetime as dt

import pytest

from interaction.models import Letter
from interaction.services import letters

pytestmark = pytest.mark.django_db

LIST = "/admin/snippets/interaction/letter/"


def _letter(center, subject="路灯坏了"):
    return letters.receive(
        center, kind="complaint", subject=subject, body="村口路灯坏了一个月。",
        name="李四", mobile="13912340000", public=True,
    )  # fmt: skip


def _edit_form(letter, **changes):
    return {"handler": letter.handler, "reply": letter.reply, **changes}


def test_another_centers_letters_are_not_there(towns):
    a, b = towns
    mine, theirs = _letter(a.center, "甲镇的信"), _letter(b.center, "乙镇的信")
    listing = a.client("editor").get(LIST).content.decode()
    assert "甲镇的信" in listing and "乙镇的信" not in listing
    assert "剩 15 个工作日" in listing  # a complaint received today
    assert a.client("editor").get(f"{LIST}edit/{theirs.pk}/").status_code == 404
    posted = a.client("editor").post(f"{LIST}edit/{theirs.pk}/", _edit_form(theirs, reply="x"))
    assert posted.status_code == 404
    approve = f"/admin/interaction/letters/{theirs.pk}/approve/"
    assert a.client("director").post(approve).status_code == 404
    theirs.refresh_from_db()
    assert theirs.reply == "" and theirs.status == Letter.Status.RECEIVED
    assert a.client("editor").get(f"{LIST}edit/{mine.pk}/").status_code == 200


def test_the_editor_drafts_and_only_the_director_approves(towns, client):
    from pages.models import Department

    a, _b = towns
    Department.objects.create(center=a.center, name="村建办")
    letter = _letter(a.center)
    answer = "已安排电工于本周内修复。"
    response = a.client("editor").post(
        f"{LIST}edit/{letter.pk}/", _edit_form(letter, handler="村建办", reply=answer)
    )
    assert response.status_code == 302
    letter.refresh_from_db()
    assert (letter.status, letter.handler, letter.reply) == (
        Letter.Status.DRAFTED,
        "村建办",
        answer,
    )

    approve = f"/admin/interaction/letters/{letter.pk}/approve/"
    a.client("editor").post(approve)
    letter.refresh_from_db()
    assert letter.status == Letter.Status.DRAFTED  # an editor cannot approve

    assert "批准并发送" in a.client("director").get(approve).content.decode()
    assert a.client("director").post(approve).status_code == 302
    letter.refresh_from_db()
    assert letter.status == Letter.Status.REPLIED
    steps = [(e.action, e.user_id) for e in letter.events.all()]
    assert steps == [
        ("received", None), ("assigned", a.editor.pk), ("drafted", a.editor.pk),
        ("approved", a.director.pk),
    ]  # fmt: skip

    tracked = client.post("/letters/track/", {"code": letter.code, "digits": "0000"})
    assert answer in tracked.content.decode()
    assert answer in client.get(f"/{a.center.slug}/letters/").content.decode()


def test_centers_made_before_letters_existed_get_the_permissions(towns):
    from importlib import import_module

    from django.apps import apps

    a, _b = towns
    a.workspace.editor_group.permissions.remove(
        *a.workspace.editor_group.permissions.filter(content_type__app_label="interaction")
    )
    editor = type(a.editor).objects.get(pk=a.editor.pk)  # no cached permissions
    assert not editor.has_perm("interaction.change_letter")
    import_module("interaction.migrations.0002_center_roles_handle_letters").grant(apps, None)
    editor = type(a.editor).objects.get(pk=a.editor.pk)
    assert editor.has_perm("interaction.change_letter")


def test_the_admin_home_flags_the_demos_overdue_letter(demo, client):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.filter(is_superuser=True).first()
    client.force_login(admin)
    text = client.get("/admin/").content.decode()
    assert "群众来信办理情况" in text
    # 云溪镇's letter of 75 days ago: overdue, not yet the inspection's three months.
    assert "已超期" in text and "网站检查单项否决风险" not in text
    yunxi = Letter.objects.get(code="DEMOYUNX9")
    assert yunxi.status == Letter.Status.RECEIVED and letters.clock(yunxi).overdue


def test_demo_letters_can_be_tracked_and_the_archive_shows_the_replies(demo, client):
    letter = Letter.objects.get(code="DEMOYUNX1")
    found = client.post("/letters/track/", {"code": "demoyunx1", "digits": "0001"})
    assert letter.reply in found.content.decode()
    archive = client.get("/yunxi/letters/").content.decode()
    assert "城乡居民医保怎么缴费" in archive and "张**" in archive and "张晓梅" not in archive


def test_a_letter_transferred_to_another_center_takes_its_history_along(towns):
    a, b = towns
    letter = _letter(a.center, "应由乙镇办理的信")
    edit = f"{LIST}edit/{letter.pk}/"
    response = a.client("editor").post(edit, _edit_form(letter, transfer_to=b.center.pk))
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.center_id == b.center.pk
    assert [e.action for e in letter.events.all()] == ["received", "transferred"]
    assert a.client("editor").get(edit).status_code == 404  # now the other center's
    listing = b.client("editor").get(LIST).content.decode()
    assert "应由乙镇办理的信" in listing


def _png(size=(40, 30)) -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(buffer, "PNG")
    return buffer.getvalue()


def test_pictures_reach_the_handling_staff_only(towns, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from interaction.models import LetterImage

    a, b = towns
    form = {
        "kind": "complaint", "subject": "路面塌陷", "body": "村口路面塌了一个大坑，很危险。",
        "name": "赵六", "mobile": "13700001234", "public": "on",
        "image_1": SimpleUploadedFile("坑.png", _png(), content_type="image/png"),
    }  # fmt: skip
    assert client.post(f"/{a.center.slug}/letters/write/", form).status_code == 200
    picture = LetterImage.objects.get()
    url = f"/admin/interaction/letters/{picture.letter_id}/images/{picture.pk}/"
    shown = a.client("editor").get(url)
    assert shown.status_code == 200 and shown["Content-Type"] == "image/png"
    assert b"".join(shown.streaming_content) == _png()
    assert b.client("editor").get(url).status_code == 404
    assert client.get(url).status_code == 302  # not logged in: to the admin login
    edit = a.client("editor").get(f"{LIST}edit/{picture.letter_id}/").content.decode()
    assert url in edit
    archive = client.get(f"/{a.center.slug}/letters/").content.decode()
    assert f"letters/{picture.letter_id}/images/" not in archive  # never on a public page


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (("说明.jpg", b"%PDF-1.4 not a picture", "image/jpeg"), "JPG或PNG"),
        (("大.png", b"\x89PNG" + b"0" * (6 * 1024 * 1024), "image/png"), "图片太大"),
    ],
)
def test_bad_pictures_are_refused_and_nothing_is_stored(towns, client, upload, message):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from interaction.models import LetterImage

    a, _b = towns
    name, content, kind = upload
    form = {
        "kind": "complaint", "subject": "路面塌陷", "body": "村口路面塌了一个大坑，很危险。",
        "name": "赵六", "mobile": "13700001234", "public": "on",
        "image_1": SimpleUploadedFile("ok.png", _png(), content_type="image/png"),
        "image_2": SimpleUploadedFile(name, content, content_type=kind),
    }  # fmt: skip
    response = client.post(f"/{a.center.slug}/letters/write/", form)
    assert response.status_code == 400 and message in response.content.decode()
    assert not Letter.objects.exists() and not LetterImage.objects.exists()


def test_the_freshness_dashboard_shows_the_letters_too(demo, client):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    admin = get_user_model().objects.filter(is_superuser=True).first()
    client.force_login(admin)
    # The demo's overdue letter left another month: past the inspection's three months.
    Letter.objects.filter(code="DEMOYUNX9").update(
        received_on=dt.date.today() - dt.timedelta(days=100)
    )
    text = client.get(reverse("editorial_freshness")).content.decode()
    assert "群众来信办理情况" in text and "网站检查单项否决风险" in text


def test_nobody_adds_a_letter_or_a_rating_in_the_admin(towns):
    from django.contrib.auth import get_user_model
    from django.test import Client

    admin = get_user_model().objects.create_superuser("root-l", "r@example.invalid", "x-2026-pw")
    client = Client()
    client.force_login(admin)
    for model in ("letter", "rating", "followup"):
        response = client.get(f"/admin/snippets/interaction/{model}/add/")
        assert response.status_code in (302, 403), model
    assert client.get(LIST).status_code == 200


def test_a_letter_is_assigned_to_one_of_the_centers_departments_or_windows(towns):
    from pages.models import Department
    from tests.factories import make_window

    a, b = towns
    Department.objects.create(center=a.center, name="甲镇民政办")
    window = make_window(a.center, number=2, name="社会事务窗口")
    make_window(b.center, number=2, name="乙镇窗口")
    letter = _letter(a.center)
    form = a.client("editor").get(f"{LIST}edit/{letter.pk}/").content.decode()
    assert "甲镇民政办" in form and str(window) in form and "乙镇窗口" not in form
    refused = a.client("editor").post(
        f"{LIST}edit/{letter.pk}/", _edit_form(letter, handler="乙镇窗口")
    )
    assert refused.status_code == 200  # the form again, with its error
    letter.refresh_from_db()
    assert letter.handler == ""
    a.client("editor").post(f"{LIST}edit/{letter.pk}/", _edit_form(letter, handler=str(window)))
    letter.refresh_from_db()
    assert (letter.handler, letter.status) == (str(window), Letter.Status.ASSIGNED)
