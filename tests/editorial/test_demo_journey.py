"""The issue's "done means", on the demo county with its documented logins:
云溪镇's editor drafts a guide, 云溪镇's director approves it, 松林乡's editor can
neither see nor touch it, and its English translation is created, brought up
to date after a source change, and shown through the language switcher."""

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from wagtail.models import Locale
from wagtail_localize.models import Translation

import polib

from pages.models import SectionPage, ServiceCenterPage, ServiceGuidePage, ServiceWindow
from tests.admin_forms import post_page_form, read_form


def login(username: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def _errors(response) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(response.content, "html.parser")
    found = soup.select(".error-message, .help-critical, .messages li, .w-field__errors")
    return " | ".join(e.get_text(" ", strip=True) for e in found)


def _draft_guide(client, section, window) -> ServiceGuidePage:
    """Fill the admin's add form as an editor would, with every 八公开 element."""
    url = f"/admin/pages/add/pages/serviceguidepage/{section.pk}/"
    data = read_form(client.get(url).content.decode())
    data.update(
        {
            "title": "独生子女父母光荣证办理",
            "slug": "honour-certificate",
            "item_code": "YX-DEMO-01",
            "item_type": "public",
            "handling_mode": "immediate",
            "window": str(window.pk),
            "conditions": "本镇户籍、只生育一个子女的夫妻。",
            "promised_limit_days": "0",
            "statutory_limit_days": "5",
            "fee_free": "on",
            "legal_bases-TOTAL_FORMS": "1",
            "legal_bases-0-law": "某省人口与计划生育条例（演示）",
            "legal_bases-0-articles": "第三十条",
            "legal_bases-0-ORDER": "1",
            "materials-TOTAL_FORMS": "1",
            "materials-0-name": "夫妻双方居民身份证",
            "materials-0-original_or_copy": "original",
            "materials-0-copies": "1",
            "materials-0-medium": "paper",
            "materials-0-required": "on",
            "materials-0-ORDER": "1",
            "steps-TOTAL_FORMS": "2",
            "steps-0-title": "申请",
            "steps-0-ORDER": "1",
            "steps-1-title": "当场发证",
            "steps-1-ORDER": "2",
        }
    )
    data["action-submit"] = "action-submit"
    response = client.post(url, data)
    assert response.status_code == 302, _errors(response)
    return ServiceGuidePage.objects.get(slug="honour-certificate")


def test_done_means(demo, django_capture_on_commit_callbacks):
    yunxi = ServiceCenterPage.objects.get(slug="yunxi", locale=Locale.get_default())
    section = SectionPage.objects.child_of(yunxi).get(kind="guides")
    window = ServiceWindow.objects.filter(unit=yunxi).first()
    editor, director, other = (
        login("yunxi-editor"),
        login("yunxi-director"),
        login("songlin-editor"),
    )

    guide = _draft_guide(editor, section, window)
    assert guide.workflow_in_progress and not guide.live

    # 松林乡's editor: not in search, not openable, not in the page chooser
    assert other.get(f"/admin/pages/{guide.pk}/edit/").status_code in (302, 403)
    assert (
        f"/admin/pages/{guide.pk}/"
        not in other.get("/admin/pages/search/", {"q": "光荣证"}).content.decode()
    )
    assert other.post(f"/admin/pages/{guide.pk}/edit/", {"title": "x"}).status_code in (302, 403)
    assert other.get(f"/admin/localize/submit/page/{guide.pk}/").status_code == 404

    # 云溪镇's director approves: it goes live
    state = guide.current_workflow_task_state
    director.post(f"/admin/pages/workflow/action/{guide.pk}/approve/{state.pk}/")
    guide.refresh_from_db()
    assert guide.live
    assert "独生子女父母光荣证办理" in Client().get(guide.url).content.decode()

    # English translation, by the editor, published by the director
    english = Locale.objects.get(language_code="en")
    editor.post(f"/admin/localize/submit/page/{guide.pk}/", {"locales": [english.pk]})
    translation = Translation.objects.get(
        source__object_id=guide.translation_key, target_locale=english
    )
    english_strings = {
        "独生子女父母光荣证办理": "Certificate of Honour for Parents of an Only Child",
        "本镇户籍、只生育一个子女的夫妻。": "Couples registered in the town with one child.",
    }

    def translate(extra=None):
        po_url = f"/admin/localize/translate/{translation.pk}/pofile/"
        po = polib.pofile(editor.get(po_url + "download/").content.decode())
        for entry in po:
            entry.msgstr = {**english_strings, **(extra or {})}.get(entry.msgid, entry.msgid)
        editor.post(po_url + "upload/", {"file": SimpleUploadedFile("en.po", str(po).encode())})
        target = guide.get_translation(english)
        with django_capture_on_commit_callbacks(execute=True):
            director.post(f"/admin/pages/{target.pk}/edit/", {"action": "publish"})
        target.refresh_from_db()
        return target

    target = translate()
    assert target.live

    # the source changes; the status screen says so; sync and translate again
    post_page_form(
        director,
        f"/admin/pages/{guide.pk}/edit/",
        {"conditions": "本镇户籍、依法只生育一个子女的夫妻。"},
    )
    assert "原文已更新，需同步" in editor.get("/admin/translations/status/").content.decode()
    editor.post(f"/admin/localize/update/{translation.source_id}/", {})
    target = translate({"本镇户籍、依法只生育一个子女的夫妻。": "Couples lawfully with one child."})
    assert target.conditions == "Couples lawfully with one child."
    assert "原文已更新，需同步" not in editor.get("/admin/translations/status/").content.decode()

    # the public language switcher leads from the Chinese guide to the English one
    public = Client()
    chinese = public.get(guide.url).content.decode()
    assert f'href="{target.url}"' in chinese
    page = public.get(target.url).content.decode()
    assert "Couples lawfully with one child." in page
    assert "Certificate of Honour for Parents of an Only Child" in page
    # and the demo's English home lists every center, in English where translated
    home = public.get("/en/").content.decode()
    assert "Yunxi Town Convenience Service Center" in home and "松林乡" in home
    # the translated center lists its untranslated stations too, in Chinese
    center = public.get(yunxi.get_translation(english).url).content.decode()
    assert '<html lang="en"' in center and "红岩村" in center
