"""A PO upload that wagtail-localize cannot use gets a Chinese message, never a 500."""

from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.models import Locale

import pytest

from tests import shared
from tests.editorial.test_translations import _po_round_trip, _translate
from tests.factories import make_guide, make_window

BAD_FILES = {
    "no header": b'msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "b"\n',
    "not a PO file": b"\x89PNG\r\n\x1a\n\x00\x00binary",
    "empty": b"",
}


@pytest.fixture
def english(db):
    return Locale.objects.get_or_create(language_code="en")[0]


@pytest.fixture
def translation(shared_data, towns, english, request):
    """Built once with the towns for the module's tests (see tests/shared.py)."""
    return shared_data.get("translation", request.node)


@shared.builds("translation")
def _build_translation(data):
    a, _b = data["towns"]
    english = Locale.objects.get_or_create(language_code="en")[0]
    guide = make_guide(a.guides, make_window(a.center))
    return a, _translate(a, guide, english)


@pytest.mark.parametrize("content", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_an_unusable_po_file_is_refused_with_a_message(translation, content):
    town, translation = translation
    url = f"/admin/localize/translate/{translation.pk}/pofile/upload/"
    upload = SimpleUploadedFile("guide-en.po", content, content_type="text/x-gettext")
    response = town.client("editor").post(url, {"file": upload}, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "PO" in html and ("翻译编号" in html or "无法读取" in html)


def test_a_post_without_a_file_is_refused_with_a_message(translation):
    town, translation = translation
    url = f"/admin/localize/translate/{translation.pk}/pofile/upload/"
    response = town.client("editor").post(url, {}, follow=True)
    assert response.status_code == 200
    assert "请选择要上传的 PO 翻译文件" in response.content.decode()


def test_a_good_po_file_still_imports(translation):
    town, translation = translation
    po = _po_round_trip(town, translation, {})
    assert len(po) > 0
