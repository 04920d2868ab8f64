"""Wagtail's admin in Chinese for Chinese editors: the strings Wagtail's own zh_Hans
catalogue leaves in English (counts, "Search all pages…", the listing's filters,
the edit view's side panels, the workflow status) come from locale/zh_Hans."""

import re
from pathlib import Path

import wagtail
import wagtail_localize

import polib
from bs4 import BeautifulSoup

from tests.admin_forms import post_page_form
from tests.factories import make_guide, make_window

OVERRIDES = Path(__file__).resolve().parents[2] / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
# Each seen in English on these screens before the overrides.
LEAKS = (
    "Search all pages",
    "Pages",
    "Edit account avatar",
    "editor guide",
    "JavaScript is required",
    "Date updated",
    "Edited by",
    "Has child pages",
    "Page type",
    "Referenced",
    "Locking",
    "Content metrics",
    "Reading time",
    "Readability",
    "Checks",
    "Saved",
    "Autosave is paused",
    "Actions (footer)",
    "awaiting moderation",
    "Locked by workflow",
    "seconds ago",
    "minutes ago",
)


def _visible_text(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "template"]):
        hidden.decompose()
    attributes = [
        value
        for element in soup.find_all(True)
        for name, value in element.attrs.items()
        if name in ("aria-label", "placeholder", "title", "alt")
    ]
    return soup.get_text(" ") + " " + " ".join(map(str, attributes))


def test_dashboard_explorer_and_edit_view_have_no_english_left(towns):
    a, _ = towns
    guide = make_guide(a.guides, make_window(a.center))
    editor = a.client("editor")
    submitted = post_page_form(editor, f"/admin/pages/{guide.pk}/edit/", {}, action="action-submit")
    assert submitted.status_code == 302
    screens = {
        "dashboard": "/admin/",
        "explorer": f"/admin/pages/{a.guides.pk}/",
        "edit view": f"/admin/pages/{guide.pk}/edit/",
    }
    for screen, url in screens.items():
        text = _visible_text(editor.get(url).content.decode())
        leaked = [s for s in LEAKS if re.search(rf"\b{re.escape(s)}", text)]
        assert leaked == [], screen
    dashboard = _visible_text(editor.get("/admin/").content.decode())
    assert "搜索全部页面…" in dashboard and re.search(r"\d+ 个页面", dashboard)
    edit_view = _visible_text(editor.get(f"/admin/pages/{guide.pk}/edit/").content.decode())
    assert "此页面正在等待审核" in edit_view and "内容指标" in edit_view


def test_overrides_cover_every_gap_in_wagtails_chinese_catalogues():
    """After a Wagtail upgrade this names the new English strings to translate."""
    ours = {(e.msgctxt, e.msgid) for e in polib.pofile(str(OVERRIDES)) if e.translated()}
    gaps = []
    for package, apps in (
        (Path(wagtail.__file__).parent, ("admin", ".", "documents", "images", "snippets", "users")),
        (Path(wagtail_localize.__file__).parent, (".",)),
    ):
        for app in apps:
            messages = package / app / "locale"
            chinese = {
                (e.msgctxt, e.msgid)
                for e in polib.pofile(str(messages / "zh_Hans/LC_MESSAGES/django.po"))
                if e.translated()
            }
            for entry in polib.pofile(str(messages / "en/LC_MESSAGES/django.po")):
                key = (entry.msgctxt, entry.msgid)
                if not entry.obsolete and key not in chinese and key not in ours:
                    gaps.append(entry.msgid)
    assert gaps == []
