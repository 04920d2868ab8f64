"""The wording checker (规范表述): literal matching, the seeded lexicon, the warning
after saving or publishing, the review screen, and the incremental site scan."""

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page
from wagtail.signals import page_published

import pytest
from bs4 import BeautifulSoup

from inspection import wording_admin
from inspection.models import Formulation, WordingScan
from inspection.seed import ENTRIES
from inspection.services import wording_scan
from inspection.services.wording import Hit, Lexicon, excerpt, segments
from inspection.services.wording_scan import findings, scan_live_site, scan_page
from pages.models import GuideMaterial, ServiceWindow
from tests.admin_forms import post_page_form
from tests.editorial import conftest as editorial_fixtures
from tests.factories import make_guide, make_window, publish

towns = editorial_fixtures.towns  # two centers, each with an editor and a director

WRONG_NAME = "中华人民共合国"

# Correct official text that must never be flagged: the places where a careless
# lexicon would match inside a right phrase.
CORRECT_SENTENCES = [
    "根据《中华人民共和国社会救助法》，县民政部门、农业部门、文化部门和县自然资源局联合开展核查。",
    "经全国人大常委会审议，全国人民代表大会常务委员会通过了修正案，全国人大常委会委员出席。",
    "县卫生健康委员会（县卫健委）、县市场监督管理局（县市场监管局）和县应急管理局即日起开展检查。",
    "截至目前，国家税务总局青石县税务局已办结退税事项，县人力资源和社会保障局按部就班推进。",
    "县文化和旅游局、县农业农村局、市生态环境局青石分局、国家矿山安全监察局贵州局参加座谈会。",
    "中国人民政治协商会议青石县委员会召开会议，县工商业联合会、村计生委员和支部纪检委员列席。",
    "申请截止日期为6月30日；我们将一如既往、再接再厉，继往开来，平心而论成绩来之不易。",
    "国家市场监督管理总局、国家药品监督管理局、海关总署和国家林业和草原局联合发文。",
]


def hits_of(lexicon, text):
    return [text[hit.start : hit.end] for hit in lexicon.find(text)]


# -- matching --------------------------------------------------------------------------


def test_entries_are_text_not_patterns():
    entries = [("a.b*", "A", "error"), ("(x)", "X", "error"), ("[试行]", "（试行）", "error")]
    lexicon = Lexicon(entries)
    text = "aXb a.bb* a.b* x (x) 办法[试行] 办法试"
    assert hits_of(lexicon, text) == ["a.b*", "(x)", "[试行]"]
    assert [hit.correct for hit in lexicon.find(text)] == ["A", "X", "（试行）"]
    assert lexicon.find("aab axb xx ab") == []


def test_the_longest_entry_wins_and_hits_do_not_overlap():
    lexicon = Lexicon([("计生委", "卫健委", "error"), ("卫生计生委", "卫生健康委", "severe")])
    text = "县卫生计生委和计生委计生委"
    assert lexicon.find(text) == [
        Hit(1, 6, "卫生计生委", "卫生健康委", "severe"),
        Hit(7, 10, "计生委", "卫健委", "error"),
        Hit(10, 13, "计生委", "卫健委", "error"),
    ]
    overlapping = Lexicon([("甲乙", "1", "error"), ("乙丙丁", "2", "error")])
    assert hits_of(overlapping, "甲乙丙丁 乙丙丁") == ["甲乙", "乙丙丁"]
    # Entries starting at the same place, in either order: the longer one is reported.
    entries = [("工商", "x", "error"), ("工商局", "y", "severe")]
    for ordered in (entries, entries[::-1]):
        assert [h.correct for h in Lexicon(ordered).find("县工商局、工商所")] == ["y", "x"]


def test_an_empty_lexicon_finds_nothing():
    assert Lexicon([]).find("中华人民共合国") == []
    assert Lexicon([("", "x", "error")]).find("任何文字") == []


def test_long_texts_are_searched_in_one_pass():
    lexicon = Lexicon(ENTRIES)
    text = (CORRECT_SENTENCES[0] + "\n") * 5000 + WRONG_NAME + "，既日起。"
    assert len(text) > 200_000
    assert hits_of(lexicon, text) == [WRONG_NAME, "既日起"]


def test_the_key_changes_with_the_entries_but_not_their_order_or_notes():
    entries = [("既日起", "即日起", "error", "甲"), (WRONG_NAME, "中华人民共和国", "severe", "")]
    key = Lexicon(entries).key
    assert len(key) == 64
    assert Lexicon(list(reversed(entries))).key == key
    assert Lexicon([(*entry[:3], "另一说明") for entry in entries]).key == key
    assert Lexicon([entries[0], (WRONG_NAME, "中华人民共和国", "error", "")]).key != key
    assert Lexicon([entries[0], (WRONG_NAME, "中华人民共和国国", "severe", "")]).key != key
    assert Lexicon(entries[:1]).key != key
    assert Lexicon([*entries, ("迫不急待", "迫不及待", "error")]).key != key


def test_excerpt_and_segments():
    text = "前言" * 20 + "\n自既日起\n施行" + "后记" * 20
    lexicon = Lexicon([("既日起", "即日起", "error"), ("施行", "实施", "error")])
    first, second = lexicon.find(text)
    shown = excerpt(text, first, context=4)
    assert shown == "…前言 自既日起 施行后…"
    parts = segments(text, [second, first, first])
    assert "".join(part for part, _ in parts) == text
    assert [(part, hit) for part, hit in parts if hit] == [("既日起", first), ("施行", second)]
    assert segments("", []) == []


# -- the seeded lexicon ----------------------------------------------------------------


def test_the_seed_list_is_consistent():
    wrongs = [wrong for wrong, *_ in ENTRIES]
    assert len(wrongs) == len(set(wrongs)) and 40 <= len(wrongs) <= 80
    assert all(severity in Formulation.Severity.values for _, _, severity, _ in ENTRIES)
    assert all(len(wrong) <= 60 and len(correct) <= 120 for wrong, correct, _, _ in ENTRIES)
    for wrong, *_ in ENTRIES:
        inside = [correct for _, correct, _, _ in ENTRIES if wrong in correct]
        assert not inside, f"{wrong} occurs inside the correct form {inside}"
    lexicon = Lexicon(ENTRIES)
    for sentence in CORRECT_SENTENCES:
        assert lexicon.find(sentence) == [], sentence


def test_the_seed_list_flags_what_it_should():
    lexicon = Lexicon(ENTRIES)
    text = "中华人民共合国，县环保局、县工商局和县卫计委既日起联合执法，截止目前迫不急待。"
    assert hits_of(lexicon, text) == [
        WRONG_NAME, "环保局", "工商局", "卫计委", "既日起", "截止目前", "迫不急待"
    ]  # fmt: skip
    severities = {hit.wrong: hit.severity for hit in lexicon.find(text)}
    assert severities[WRONG_NAME] == "severe"
    # Old names are right in documents from before the reform: points, never a veto.
    assert severities["环保局"] == severities["既日起"] == severities["迫不急待"] == "error"


@pytest.mark.django_db
def test_the_migration_seeded_the_lexicon():
    entry = Formulation.objects.get(wrong=WRONG_NAME)
    assert (entry.correct, entry.severity, entry.active) == ("中华人民共和国", "severe", True)
    assert set(Formulation.objects.values_list("wrong", flat=True)) >= {w for w, *_ in ENTRIES}
    lexicon = Lexicon.from_db()
    assert lexicon.key == Lexicon(ENTRIES).key
    Formulation.objects.filter(wrong=WRONG_NAME).update(active=False)
    assert Lexicon.from_db().find(WRONG_NAME) == []


# -- the warning after saving or publishing ----------------------------------------------


def _guide(town, **overrides):
    values = {"title": "社会保障卡补办", "publish_it": False, **overrides}
    window = ServiceWindow.objects.filter(unit=town.center).first() or make_window(town.center)
    return make_guide(town.guides, window, **values)


def _messages(html):
    soup = BeautifulSoup(html, "html.parser")
    return [m.get_text(" ", strip=True) for m in soup.select(".messages li")]


def test_publishing_a_wrong_formulation_warns_once_with_a_link(towns):
    a, _ = towns
    guide = _guide(a)
    url = reverse("wagtailadmin_pages:edit", args=[guide.pk])
    conditions = f"持有{WRONG_NAME}居民身份证的本县户籍居民，既日起可申请。"
    response = post_page_form(a.client("director"), url, {"conditions": conditions})
    assert response.status_code == 302, response.content.decode()[:2000]
    guide.refresh_from_db()
    assert guide.live
    html = a.client("director").get(response["Location"]).content.decode()
    warnings = [m for m in _messages(html) if "表述可能不规范" in m]
    assert len(warnings) == 1  # after_publish_page and after_edit_page both ran
    assert warnings[0].startswith(
        "本页有 2 处表述可能不规范："
        "「中华人民共合国」应为「中华人民共和国」；「既日起」应为「即日起」。"
    )
    assert "点击查看" in warnings[0]
    assert reverse("inspection_wording_review", args=[guide.pk]) in html


def test_saving_a_draft_warns_about_the_draft(towns):
    a, _ = towns
    guide = _guide(a)
    url = reverse("wagtailadmin_pages:edit", args=[guide.pk])
    clean = post_page_form(a.client("editor"), url, {"conditions": "本县户籍居民。"}, action="")
    assert clean.status_code == 302
    assert not any("表述可能不规范" in m for m in _messages(a.client("editor").get(url).content))
    response = post_page_form(a.client("editor"), url, {"conditions": "县环保局审核。"}, action="")
    assert response.status_code == 302
    shown = _messages(a.client("editor").get(response["Location"]).content)
    assert any("本页有 1 处表述可能不规范：「环保局」应为「生态环境局」" in m for m in shown)


def test_creating_a_page_with_a_wrong_formulation_warns(towns):
    a, _ = towns
    make_window(a.center)
    url = reverse("wagtailadmin_pages:add", args=["pages", "serviceguidepage", a.guides.pk])
    changes = {"title": "营业执照办理", "slug": "yingye-zhizhao", "conditions": "到县工商局办理。"}
    response = post_page_form(a.client("editor"), url, changes, action="")
    assert response.status_code == 302, response.content.decode()[:3000]
    shown = _messages(a.client("editor").get(response["Location"]).content)
    assert any("「工商局」应为「市场监督管理局」" in m for m in shown)


# -- the review screen -------------------------------------------------------------------


def test_review_screen_marks_escapes_and_is_only_for_editors_of_the_page(towns):
    a, b = towns
    guide = _guide(a, conditions=f"<script>alert(1)</script>{WRONG_NAME}居民，既日起。")
    guide.conditions += "草稿新增：县卫计委。"
    guide.save_revision()  # the screen reads the latest revision
    url = reverse("inspection_wording_review", args=[guide.pk])
    response = a.client("editor").get(url)
    assert response.status_code == 200
    html = response.content.decode()
    soup = BeautifulSoup(html, "html.parser")
    marks = soup.select(".wording-text mark")
    assert [m.contents[0] for m in marks] == [WRONG_NAME, "既日起", "卫计委"]
    assert [m["data-severity"] for m in marks] == ["severe", "error", "error"]
    assert "中华人民共和国" in marks[0].get_text() and "即日起" in marks[1]["title"]
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)" in html
    rows = [[td.get_text(strip=True) for td in tr.select("td")] for tr in soup.select("tbody tr")]
    assert [row[1:4] for row in rows] == [
        [WRONG_NAME, "中华人民共和国", "严重错误"],
        ["既日起", "即日起", "一般错误"],
        ["卫计委", "卫健委", "一般错误"],
    ]
    assert reverse("wagtailadmin_pages:edit", args=[guide.pk]) in html

    refused = b.client("editor").get(url)
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    assert b.client("director").get(url).status_code == 302


def test_review_screen_of_a_clean_page(towns):
    a, _ = towns
    guide = _guide(a)
    html = a.client("editor").get(reverse("inspection_wording_review", args=[guide.pk])).content
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select(".wording-text mark") == []
    assert "最新版本未发现不规范表述" in soup.get_text()


def test_admin_registrations(towns):
    a, b = towns
    guide = _guide(a)
    buttons = list(wording_admin.wording_header_button(guide, a.editor, "edit"))
    assert [str(button.label) for button in buttons] == ["规范表述检查"]
    assert list(wording_admin.wording_header_button(guide, b.editor, "edit")) == []
    edit = a.client("editor").get(reverse("wagtailadmin_pages:edit", args=[guide.pk]))
    assert reverse("inspection_wording_review", args=[guide.pk]) in edit.content.decode()

    admin = get_user_model().objects.create_superuser("county-admin", password="x")
    client = Client()
    client.force_login(admin)
    listing = client.get("/admin/snippets/inspection/formulation/?q=共合国")
    assert listing.status_code == 200
    assert WRONG_NAME in listing.content.decode()
    sidebar = client.get("/admin/").content.decode()  # menu props are JSON, non-ASCII escaped
    assert "/admin/snippets/inspection/formulation/" in sidebar
    assert "\\u89c4\\u8303\\u8868\\u8ff0\\u8bcd\\u5e93" in sidebar  # 规范表述词库
    assert a.client("editor").get("/admin/snippets/inspection/formulation/").status_code == 302


# -- the site scan ------------------------------------------------------------------------


def test_scan_page_reports_findings_with_excerpts(towns):
    a, _ = towns
    guide = _guide(a, conditions=f"持有{WRONG_NAME}居民身份证的居民。")
    assert scan_page(guide, Lexicon(ENTRIES)) == [
        {
            "wrong": WRONG_NAME,
            "correct": "中华人民共和国",
            "severity": "severe",
            "excerpt": f"…会保障卡补办 T-001 持有{WRONG_NAME}居民身份证的居民。 社会救助暂…",
        }
    ]


def test_scan_live_site_is_incremental(towns, django_assert_max_num_queries):
    a, b = towns
    flagged = _guide(a, publish_it=True, conditions=f"{WRONG_NAME}公民。")
    live = Page.objects.filter(live=True).count()
    WordingScan.objects.all().delete()  # as before the first run

    first = scan_live_site()
    assert first["scanned"] == live and first["flagged"] == 1
    assert WordingScan.objects.count() == live

    with django_assert_max_num_queries(3):
        assert scan_live_site()["scanned"] == 0

    entry = Formulation.objects.get(wrong=WRONG_NAME)
    entry.correct = "中华人民共和国（国名）"
    entry.save()
    assert scan_live_site()["scanned"] == live
    assert findings()[0][1][0]["correct"] == "中华人民共和国（国名）"

    # Publishing rescans the page right away (the signal) ...
    other = _guide(b, publish_it=True, title="生育登记", conditions="县卫计委办理。")
    assert WordingScan.objects.get(page=other).findings[0]["wrong"] == "卫计委"
    assert scan_live_site()["scanned"] == 0
    # ... and a page published while nobody listened is found by its publish date.
    page_published.disconnect(dispatch_uid="inspection.wording_scan.published")
    try:
        flagged.conditions = "公民。"
        publish(flagged)
    finally:
        wording_scan.connect()
    assert WordingScan.objects.get(page=flagged).findings != []
    calls = []
    result = scan_live_site(progress=lambda done, total: calls.append((done, total)))
    assert result["scanned"] == 1 and calls == [(1, 1)]
    assert WordingScan.objects.get(page=flagged).findings == []

    other.unpublish()
    assert scan_live_site()["removed"] == 1
    assert not WordingScan.objects.filter(page=other).exists()


def test_scan_live_site_reads_in_chunks(towns):
    live = Page.objects.filter(live=True).count()
    calls = []
    scan_live_site(Lexicon([("x", "y", "error")]), progress=lambda *c: calls.append(c), chunk=2)
    assert calls == [(min(n, live), live) for n in range(2, live + 2, 2)]
    assert set(WordingScan.objects.values_list("lexicon_key", flat=True)) == {
        Lexicon([("x", "y", "error")]).key
    }


def test_findings_by_unit(towns):
    a, b = towns
    in_a = _guide(a, publish_it=True, conditions=f"{WRONG_NAME}公民。")
    in_b = _guide(b, publish_it=True, conditions="县环保局。")
    _guide(b, publish_it=False, conditions="县质监局。")  # a draft is not the site
    scan_live_site()
    assert [(page.pk, [f["wrong"] for f in found]) for page, found in findings()] == [
        (in_a.pk, [WRONG_NAME]),
        (in_b.pk, ["环保局"]),
    ]
    assert [page.pk for page, _ in findings(b.center)] == [in_b.pk]
    assert type(findings(a.center)[0][0]).__name__ == "ServiceGuidePage"
    in_b.unpublish()
    assert [page.pk for page, _ in findings(b.center)] == []


def test_a_publish_stores_a_scan_newer_than_the_publish(towns):
    a, _ = towns
    guide = _guide(a, publish_it=True, conditions="县安监局。")
    scan = WordingScan.objects.get(page=guide)
    guide.refresh_from_db()
    assert scan.scanned_at >= guide.last_published_at
    assert scan.scanned_at <= timezone.now()
    assert scan.lexicon_key == Lexicon.from_db().key
    assert [f["correct"] for f in scan.findings] == ["应急管理局"]


def test_scan_live_site_reads_inline_children_without_a_query_per_page(towns):
    a, b = towns
    material = GuideMaterial(name="县工商局出具的证明", sort_order=0)
    first = _guide(a, publish_it=True, materials=[material])
    with CaptureQueriesContext(connection) as few:
        scan_live_site(Lexicon([*ENTRIES, ("一", "1", "error")]))
    for town in (a, b, a):
        _guide(town, publish_it=True, title="又一篇指南")
    with CaptureQueriesContext(connection) as more:
        result = scan_live_site(Lexicon([*ENTRIES, ("二", "2", "error")]))
    assert result["scanned"] == Page.objects.filter(live=True).count()
    assert len(more) == len(few)
    found = dict(findings(a.center))
    assert [f["wrong"] for f in found[first]] == ["工商局"]


def test_a_failing_scan_does_not_stop_the_publish(towns, monkeypatch):
    a, _ = towns

    def broken(page, lexicon):
        raise ValueError("broken page")

    monkeypatch.setattr(wording_scan, "scan_page", broken)
    guide = _guide(a, publish_it=True, conditions="县安监局。")
    assert Page.objects.get(pk=guide.pk).live
    assert not WordingScan.objects.filter(page=guide).exists()
    monkeypatch.undo()
    assert scan_live_site()["scanned"] >= 1
    assert WordingScan.objects.get(page=guide).findings[0]["wrong"] == "安监局"
