"""Noise inserted between Chinese characters, found from the text's own statistics
(core.text.noise): each pattern goes, ordinary text of either punctuation width stays."""

import random

import pytest

from core.text.noise import inserted_noise, strip_noise

# Demo text written for these tests: clauses, digits, times, an acronym.
NATURAL = (
    "为方便群众就近办事，乡镇便民服务中心设立综合受理窗口，实行一窗受理、集成服务。"
    "群众到中心办理社会保障卡、医疗保险、低保救助等事项，可以先到导办台咨询，"
    "由工作人员告知所需材料和办理时限。对材料齐全的，窗口当场受理；材料不全的，"
    "一次性告知需要补正的全部内容。中心每周一至周五上午8:30至12:00对外办公，"
    "逢集日延长服务时间。村级代办点每周二、周四统一送到中心办理，办结后由代办员送达。"
    "第3条 工作人员应当佩戴工作牌，文明用语。于2016年9月起施行，共5个工作日。"
    "办理ETC卡的，请到3号窗口。"
)
HALF_WIDTH = NATURAL.translate(str.maketrans("，。；、", ",.;,"))


def inserted(
    text: str, pieces: str, *, every: int = 0, share: float = 0.0, run: int = 1, han: bool = False
) -> str:
    """`text` with pieces slipped in after every n-th character or at random (`han`: only
    after Chinese characters)."""
    rng = random.Random(15)
    out = []
    for index, char in enumerate(text):
        out.append(char)
        if han and not "\u4e00" <= char <= "\u9fff":
            continue
        if (every and index % every == every - 1) or (share and rng.random() < share):
            out.append("".join(rng.choice(pieces) for _ in range(rng.randint(1, run))))
    return "".join(out)


@pytest.mark.parametrize("text", [NATURAL, HALF_WIDTH], ids=["full-width", "half-width"])
def test_ordinary_text_is_left_alone(text):
    lines, report = strip_noise([text])
    assert lines == [text] and not report


@pytest.mark.parametrize(
    ("noisy", "chars"),
    [
        (inserted(NATURAL, "*", every=1), "*"),
        (inserted(NATURAL, "#", every=3), "#"),
        (inserted(NATURAL, "|", share=0.07), "|"),
        (inserted(NATURAL, "@#$%^&~", share=0.25, run=3), "@#$%^&~"),
        (inserted(NATURAL, "★☆◆■※", share=0.2, run=3), "★☆◆■※"),
        (inserted(NATURAL, "?", share=0.15), "?"),
    ],
    ids=["every-character", "every-third", "sparse-bar", "symbol-runs", "shape-runs", "stray-?"],
)
def test_inserted_symbols_are_found_and_stripped(noisy, chars):
    found = inserted_noise(noisy).chars
    assert found and found <= set(chars)
    lines, report = strip_noise([noisy])
    assert lines == [NATURAL]
    assert sum(report.inserted.values()) == len(noisy) - len(NATURAL)


def test_inserted_letters_go_where_they_split_words_and_the_acronym_stays():
    noisy = inserted(NATURAL, "abcxyz", share=0.2, han=True)
    (line,), report = strip_noise([noisy])
    assert inserted_noise(noisy).chars <= set("abcxyz")
    assert "便民服务中心" in line and "社会保障卡" in line and "ETC" in line
    assert sum(report.inserted.values()) > (len(noisy) - len(NATURAL)) * 0.7


def test_invisible_characters_and_markup_residue_are_removed_and_counted():
    invisible = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u202a\u202c\ue000"
    noisy = inserted(NATURAL, invisible, every=2)
    markup = "<span style='x'>综合</span>受理&nbsp;窗口，集成&amp;lt;服务&#x3002;<!-- x -->"
    (line, cleaned), report = strip_noise([noisy, markup])
    assert line == NATURAL
    assert cleaned == "综合受理窗口，集成<服务。"  # &nbsp; between characters was layout
    assert report.invisible == len(NATURAL) // 2 and report.markup == 6
