"""Dirty old documents: a corpus generated here (demo text, not real regulations) with
noise between characters, in every encoding an office saves, spam substituted for an
ordinary term, a cover notice before the real title, and no title at all."""

from datetime import date

from django.core.management import CommandError, call_command

import pytest

from core.gates import publishing_problems
from documents.importing import extract, read_document
from documents.importing.importer import import_paths
from documents.importing.screening import screen
from documents.models import PolicyDocumentPage
from pages.models import SectionPage

TITLE = "云溪镇人民政府关于开展社会保障卡集中补换工作的通知"
NUMBER = "云府发〔2019〕12号"
BODY = [
    "各村（社区）、镇直各单位：",
    "为方便群众就近办理社会保障卡业务，镇便民服务中心决定开展社会保障卡集中补换工作，"
    "现将有关事项通知如下。",
    "一、办理时间",
    "每周一至周五上午8:30至12:00，逢集日延长至下午5:30。",
    "二、办理地点",
    "镇便民服务中心3号窗口，村级代办点可以代收材料。",
    "三、所需材料",
    "本人身份证原件，社会保障卡遗失的，请先办理挂失。",
    "云溪镇人民政府",
    "2019年4月2日",
]
CLEAN_TEXT = "\n".join(BODY[1:])


def noisy(text: str, pieces: list[str], every: int) -> str:
    """A piece after every `every`-th Chinese character, cycling through `pieces`."""
    out, seen = [], 0
    for char in text:
        out.append(char)
        if "\u4e00" <= char <= "\u9fff":
            seen += 1
            if seen % every == 0:
                out.append(pieces[seen % len(pieces)])
    return "".join(out)


NOISE = {
    "stars": (["*"], 1, "字符间插入的干扰字符“*”"),
    "symbol-runs": (["#@", "~%&", "★☆", "^"], 2, "字符间插入的干扰字符"),
    "stray-question-marks": (["?"], 3, "字符间插入的干扰字符“?”"),
    "invisible": (["\u200b", "\u00ad", "\ufeff", "\u200e", "\u202a"], 1, "不可见字符"),
    "markup": (["<span>", "</span>", "&nbsp;", "<font color=red>", "&#8203;"], 3, "网页标记残留"),
}
ENCODINGS = ["utf-8", "gbk", "gb18030", "utf-16"]


def write_noisy(path, encoding, pattern):
    pieces, every, _ = NOISE[pattern]
    lines = [noisy(line, pieces, every) for line in [TITLE, NUMBER, *BODY]]
    path.write_bytes("\r\n".join(lines).encode(encoding))
    return path


# GBK has no invisible characters to carry; every other pair is a file in the corpus.
CORPUS = [
    (encoding, pattern)
    for encoding in ENCODINGS
    for pattern in NOISE
    if (encoding, pattern) != ("gbk", "invisible")
]


@pytest.mark.parametrize(("encoding", "pattern"), CORPUS)
def test_noise_is_stripped_before_extraction_and_reported(tmp_path, encoding, pattern):
    path = write_noisy(tmp_path / f"{pattern}.txt", encoding, pattern)
    doc = extract(read_document(path), path.name)

    assert (doc.problems, doc.title, doc.title_confirmed) == ([], TITLE, True)
    assert doc.document_number == NUMBER
    assert (doc.written_date, doc.organisations) == (date(2019, 4, 2), ["云溪镇人民政府"])
    assert doc.addressees == "各村（社区）、镇直各单位"
    assert doc.text == CLEAN_TEXT
    assert any(NOISE[pattern][2] in note for note in doc.noise)
    assert any(w.startswith("已清理干扰字符：") for w in doc.warnings)


def test_a_gb2312_page_with_gbk_and_gb18030_characters_is_read(tmp_path):
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
        "</head><body><h1>关于表彰王镕𠀾等同志的通知</h1><p>镕、𠀾两字不在GB2312中。</p>"
        "</body></html>"
    )
    path = tmp_path / "old.html"
    path.write_bytes(page.encode("gb18030"))
    doc = extract(read_document(path), path.name)
    assert doc.title == "关于表彰王镕𠀾等同志的通知"
    assert doc.text == "镕、𠀾两字不在GB2312中。"


RULES = "云溪镇便民服务代办员管理办法"


@pytest.mark.parametrize(
    "opening",
    [
        [f"云溪镇人民政府关于印发《{RULES}》的通知", NUMBER, "各村（社区）："],
        ["各村（社区）：", f"现将《{RULES}》印发给你们，请认真遵照执行。"],
        [noisy(f"关于印发《{RULES}》的通知", ["*"], 1), "各村（社区）："],
    ],
    ids=["cover-title", "cover-sentence", "noisy-cover-title"],
)
def test_a_cover_notice_gives_the_title_it_introduces(opening):
    lines = [*opening, "经镇党委研究同意，现印发给你们。", "云溪镇人民政府", "2020年6月1日"]
    doc = extract([*lines, RULES, "第一条 为规范代办员工作，制定本办法。"], "x.txt")
    assert (doc.title, doc.title_confirmed, doc.problems) == (RULES, True, [])
    assert "<p><strong>第一条</strong> 为规范代办员工作" in doc.body_html
    assert doc.written_date == date(2020, 6, 1)


def test_without_a_certain_title_the_best_candidate_is_taken_and_marked():
    doc = extract(["※※※", "本村自来水管网改造期间，请村民提前储水。", "施工队"], "water.txt")
    assert (doc.problems, doc.title_confirmed) == ([], False)
    assert doc.title == "施工队"
    assert doc.warnings[0] == "标题待确认：未能确定标题，暂用“施工队”，请核对"


SPAM = {
    "brand": ("乐鱼体育卡", "乐鱼体育", "博彩"),
    "app": ("星辉app卡", "星辉app", "应用下载"),
    "lottery": ("时时彩卡", "时时彩", "彩票"),
    "latin-brand": ("kaiyun卡", "kaiyun", "其他"),
}


@pytest.mark.parametrize("kind", list(SPAM))
def test_the_scanner_flags_a_term_substituted_by_spam(kind):
    substitute, marked, label = SPAM[kind]
    body = [line.replace("社会保障卡", substitute) for line in BODY]
    doc = extract([noisy(TITLE, ["*"], 1), NUMBER, *body], "spam.txt")
    screen(doc, [])
    assert doc.injected and {(s.text, s.label) for s in doc.injected} == {(marked, label)}
    assert any(w.startswith(f"疑似被植入的内容 {len(doc.injected)} 处") for w in doc.warnings)


def test_clean_text_has_no_spans():
    doc = extract([TITLE, NUMBER, *BODY], "clean.txt")
    screen(doc, [])
    assert doc.injected == [] and doc.noise == []


def test_dry_run_shows_noise_spans_and_an_unconfirmed_title_then_the_draft_is_marked(
    tmp_path, tree, capsys
):
    write_noisy(tmp_path / "a-noisy.txt", "gb18030", "symbol-runs")
    spam = [line.replace("社会保障卡", "乐鱼体育卡") for line in BODY]
    (tmp_path / "b-spam.txt").write_bytes("\n".join(spam).encode("utf-16"))
    (tmp_path / "c-empty.txt").write_text("\u200b\u200b锟斤拷\n<br/>&nbsp;\n", encoding="utf-8")

    with pytest.raises(CommandError, match="1 file"):  # the one without usable text
        call_command(
            "import_documents", str(tmp_path), "--dry-run", "--section", tree["center"].slug
        )
    out = capsys.readouterr().out
    assert f"《{TITLE}》" in out and "已清理：字符间插入的干扰字符" in out
    assert "（标题待确认）" in out and "标题待确认：未能确定标题" in out
    assert "植入内容 1：“乐鱼体育”（博彩）" in out
    assert "c-empty.txt — 文件中没有可用的文字" in out
    assert not PolicyDocumentPage.objects.exists()

    section = SectionPage.objects.child_of(tree["center"]).get(kind="documents")
    report = import_paths([tmp_path / "b-spam.txt"], section)
    page = PolicyDocumentPage.objects.get(pk=report.outcomes[0].page_id)
    assert page.title.startswith("【标题待确认】") and not page.live
    assert any(p.startswith("标题待确认") for p in publishing_problems(page))
