"""Translations with wagtail-localize, over HTTP: create, translate segment by
segment and by PO file, see it go out of date, sync, publish; and the public
language switcher with its fallback to Chinese."""

from urllib.parse import urlencode

from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.models import Locale
from wagtail_localize.models import StringSegment, Translation

import polib
import pytest

from tests.admin_forms import post_page_form
from tests.factories import make_guide, make_window

ENGLISH = {
    "最低生活保障申请": "Applying for subsistence allowance (dibao)",
    "本县户籍困难家庭。": "Families in hardship registered in the county.",
}


@pytest.fixture
def english(db):
    return Locale.objects.get_or_create(language_code="en")[0]


def _translate(town, guide, english):
    response = town.client("editor").post(
        f"/admin/localize/submit/page/{guide.pk}/", {"locales": [english.pk]}
    )
    assert response.status_code == 302, response.content.decode()[:1500]
    return Translation.objects.get(source__object_id=guide.translation_key, target_locale=english)


def _po_round_trip(town, translation, mapping):
    """Download the PO file, fill it in as an outside translator would, upload it."""
    client = town.client("editor")
    po = polib.pofile(
        client.get(f"/admin/localize/translate/{translation.pk}/pofile/download/").content.decode()
    )
    for entry in po:
        entry.msgstr = mapping.get(entry.msgid, f"[EN] {entry.msgid}")
    upload = SimpleUploadedFile("guide-en.po", str(po).encode(), content_type="text/x-gettext")
    response = client.post(
        f"/admin/localize/translate/{translation.pk}/pofile/upload/", {"file": upload}
    )
    assert response.status_code == 302
    return po


def _publish(town, target, on_commit):
    """wagtail-localize publishes on commit; the test's transaction never commits."""
    with on_commit(execute=True):
        response = town.client("director").post(
            f"/admin/pages/{target.pk}/edit/", {"action": "publish"}
        )
    assert response.status_code == 302
    target.refresh_from_db()
    return target


def test_translation_created_translated_synced_and_published(
    towns, english, django_capture_on_commit_callbacks
):
    a, b = towns
    guide = make_guide(a.guides, make_window(a.center))
    # the other town's editor may not even start a translation of it
    assert (
        b.client("editor")
        .post(f"/admin/localize/submit/page/{guide.pk}/", {"locales": [english.pk]})
        .status_code
        == 404
    )

    translation = _translate(a, guide, english)
    target = guide.get_translation(english)
    assert target.locale == english
    # the translated center belongs to the same town: its editor works on it, B does not
    assert target.permissions_for_user(a.editor).can_edit()
    assert not target.permissions_for_user(b.editor).can_edit()
    assert b.client("editor").get(
        f"/admin/localize/translate/{translation.pk}/pofile/download/"
    ).status_code in (302, 403)

    # segment by segment: the title through the editor's API
    title_segment = StringSegment.objects.get(
        source=translation.source, string__data="最低生活保障申请"
    )
    response = a.client("editor").put(
        f"/admin/localize/translate/{translation.pk}/strings/{title_segment.pk}/edit/",
        urlencode({"value": ENGLISH["最低生活保障申请"]}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 201, response.content[:500]
    # the rest by PO file
    _po_round_trip(a, translation, ENGLISH)
    total, done = translation.get_progress()
    assert total == done > 0

    # an editor may not publish the translation; the director may
    denied = a.client("editor").post(f"/admin/pages/{target.pk}/edit/", {"action": "publish"})
    assert denied.status_code in (302, 403) and denied.get("Location", "/admin/") == "/admin/"
    target.refresh_from_db()
    assert not target.live
    target = _publish(a, target, django_capture_on_commit_callbacks)
    assert target.live and target.title == ENGLISH["最低生活保障申请"]

    status = a.client("editor").get("/admin/translations/status/").content.decode()
    assert "已是最新" in status and "原文已更新，需同步" not in status

    # the Chinese original changes: the translation is flagged out of date
    post_page_form(
        a.client("director"),
        f"/admin/pages/{guide.pk}/edit/",
        {"conditions": "本县户籍、家庭人均收入低于低保标准的困难家庭。"},
    )
    status = a.client("editor").get("/admin/translations/status/").content.decode()
    assert "原文已更新，需同步" in status
    assert (
        "原文已更新，需同步"
        not in b.client("editor").get("/admin/translations/status/").content.decode()
    )

    # sync: the new sentence appears untranslated in the PO file, is translated, published
    response = a.client("editor").post(f"/admin/localize/update/{translation.source_id}/", {})
    assert response.status_code == 302
    po = polib.pofile(
        a.client("editor")
        .get(f"/admin/localize/translate/{translation.pk}/pofile/download/")
        .content.decode()
    )
    untranslated = [e.msgid for e in po if not e.msgstr]
    assert untranslated == ["本县户籍、家庭人均收入低于低保标准的困难家庭。"]
    _po_round_trip(
        a,
        translation,
        {**ENGLISH, untranslated[0]: "Registered families whose income is below the line."},
    )
    target = _publish(a, target, django_capture_on_commit_callbacks)
    assert target.conditions == "Registered families whose income is below the line."
    status = a.client("editor").get("/admin/translations/status/").content.decode()
    assert "原文已更新，需同步" not in status

    # the public site: switcher on the Chinese page leads to the English one
    from django.test import Client

    public = Client()
    chinese = public.get(guide.url).content.decode()
    assert f'href="{target.url}"' in chinese
    assert 'hreflang="en"' in chinese
    english_page = public.get(target.url).content.decode()
    assert "Registered families whose income is below the line." in english_page
    assert '<html lang="en"' in english_page


def test_untranslated_page_falls_back_to_chinese(towns, english):
    from django.test import Client

    a, _ = towns
    guide = make_guide(a.guides, make_window(a.center), title="未翻译的指南")
    public = Client()
    chinese = public.get(guide.url).content.decode()
    assert f'href="/en{guide.url}"' in chinese  # offered, though not translated
    assert 'hreflang="en" href' not in chinese.split("</head>")[0].replace('hreflang="en" lang', "")
    response = public.get(f"/en{guide.url}")
    assert response.status_code == 200
    text = response.content.decode()
    assert "未翻译的指南" in text and "This page is not yet available in English" in text
    assert (
        '<html lang="en"' in text
        and '<main id="main" class="wrap main" tabindex="-1" lang="zh-CN">' in text
    )
    assert public.get("/en/no-such-page/").status_code == 404


def test_snippets_translate_segment_by_segment_too(
    towns, english, django_capture_on_commit_callbacks
):
    """Life-event themes are translatable snippets: the county translates 养老 once and
    every translated guide list shows it in English."""
    from django.test import Client

    from editorial.services.roles import ensure_county_admin_group
    from pages.models import LifeEvent
    from tests.factories import make_user

    a, _ = towns
    theme = LifeEvent.objects.create(name="养老", slug="yanglao")
    guide = make_guide(a.guides, make_window(a.center))
    guide.themes.add(theme)
    guide.save_revision().publish()  # as the editor's form would
    county = make_user("county")
    county.groups.add(ensure_county_admin_group())
    client = Client()
    client.force_login(county)

    # a center's editor has no business with county-wide themes
    assert (
        a.client("editor")
        .post(
            f"/admin/localize/submit/snippet/pages/lifeevent/{theme.pk}/",
            {"locales": [english.pk]},
        )
        .status_code
        == 404
    )
    assert not LifeEvent.objects.filter(locale=english).exists()

    response = client.post(
        f"/admin/localize/submit/snippet/pages/lifeevent/{theme.pk}/", {"locales": [english.pk]}
    )
    assert response.status_code == 302
    translation = Translation.objects.get(
        source__object_id=theme.translation_key, target_locale=english
    )
    segment = StringSegment.objects.get(source=translation.source, string__data="养老")
    put = client.put(
        f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/",
        urlencode({"value": "Elderly care"}),
        content_type="application/x-www-form-urlencoded",
    )
    assert put.status_code == 201
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(user=county, publish=True)
    assert theme.get_translation(english).name == "Elderly care"

    # the guides section in English lists the theme by its English name
    for page in (a.guides, guide):
        page_translation = _translate(a, page, english)
        with django_capture_on_commit_callbacks(execute=True):
            page_translation.save_target(user=a.director, publish=True)
    section_en = a.guides.get_translation(english)
    page = Client().get(section_en.url).content.decode()
    assert 'value="yanglao"' in page and "Elderly care" in page
    assert "养老" in Client().get(a.guides.url).content.decode()
