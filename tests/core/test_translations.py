"""The interface-translation check that CI runs before the tests: it finds what
makemessages would find, on a small tree of its own (one template, one module)."""

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

import polib
import pytest

from core.translations import check_catalogue

TEMPLATE = '{% load i18n %}<h1>{% translate "办事指南" %}</h1><p>{% translate "咨询电话" %}</p>\n'
MODULE = 'from django.utils.translation import gettext as _\n\nLABEL = _("监督投诉电话")\n'


def _tree(root: Path, translations: dict[str, str], fuzzy: tuple[str, ...] = ()) -> Path:
    (root / "templates").mkdir()
    (root / "templates" / "page.html").write_text(TEMPLATE, encoding="utf-8")
    (root / "module.py").write_text(MODULE, encoding="utf-8")
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "en"}
    for msgid, msgstr in translations.items():
        po.append(
            polib.POEntry(msgid=msgid, msgstr=msgstr, flags=["fuzzy"] if msgid in fuzzy else [])
        )
    path = root / "locale" / "en" / "LC_MESSAGES" / "django.po"
    path.parent.mkdir(parents=True)
    po.save(str(path))
    return path


COMPLETE = {
    "办事指南": "Service guides",
    "咨询电话": "Consultation phone",
    "监督投诉电话": "Complaints",
}


def test_complete_catalogue_passes_and_is_left_untouched(tmp_path):
    po = _tree(tmp_path, COMPLETE)
    before = po.read_bytes()
    assert not check_catalogue(tmp_path)
    assert po.read_bytes() == before


def test_new_untranslated_fuzzy_and_stale_strings_are_reported(tmp_path):
    _tree(
        tmp_path,
        {"办事指南": "", "咨询电话": "Consultation phone (draft)", "已删除的文字": "Gone"},
        fuzzy=("咨询电话",),
    )
    problems = check_catalogue(tmp_path)
    assert problems.new == ["监督投诉电话"]
    assert sorted(problems.untranslated) == ["办事指南", "咨询电话"]
    assert problems.stale == ["已删除的文字"]
    assert "监督投诉电话" in problems.report()


def test_command_fails_on_a_new_string(tmp_path):
    translations = dict(COMPLETE)
    del translations["监督投诉电话"]
    _tree(tmp_path, translations)
    with override_settings(BASE_DIR=tmp_path), pytest.raises(CommandError, match="监督投诉电话"):
        call_command("check_messages")
