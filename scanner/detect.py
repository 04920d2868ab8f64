"""Find injected SEO spam in a page's text: pure, so it can be tested and run in bulk.

A term alone proves little (体育, 彩票 and 下载 are ordinary words on a county
site), so every candidate is scored: its weight, plus what surrounds it on
the same line (a non-government URL, a QQ/微信 id, 注册/充值/返水 …), plus
repetition, minus a sentence that warns *against* it (严禁赌博). Structural
signs need no score: content hidden from readers, and an out-of-place token
substituted for an ordinary term and repeated through the text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

from . import markup, repeats
from .domains import allowed_domains, host_of, is_allowed, suspicion
from .folding import compact, excerpt, fold, locate
from .patterns import (
    AD_PATTERNS,
    CATEGORY_LABELS,
    CONTACT_PATTERNS,
    CONTEXT_WORDS,
    LOTTERY_NUMBER,
    LOTTERY_WORDS,
    MOBILE,
    MONEY_WORDS,
    THRESHOLD,
    URL,
    WARNING_WORDS,
)

WINDOW = 40
_SEPARATORS = r"[\s\u200b-\u200d\u2060\ufeff]{0,2}"
_EMAIL = re.compile(r"[\w.+-]+@[\w.-]+")


class Term(NamedTuple):
    """A lexicon entry; weight 0 silences the built-in pattern of the same text."""

    term: str
    category: str
    weight: int


class Finding(NamedTuple):
    start: int
    end: int
    category: str
    reason: str
    excerpt: str


class _Hit(NamedTuple):
    """A candidate that still needs its score."""

    start: int
    end: int
    category: str
    weight: int
    label: str
    key: str


class _Span(NamedTuple):
    """A candidate that is reported (start == end: found in the HTML only)."""

    start: int
    end: int
    category: str
    reason: str
    weight: int
    context: tuple[str, ...] = ()


def category_label(category: str) -> str:
    return CATEGORY_LABELS.get(category, category)


# -- candidates ----------------------------------------------------------------


def _term_regex(term: str) -> re.Pattern[str]:
    folded = fold(term.strip())
    if folded.isascii():
        return re.compile(rf"(?<![a-z0-9]){re.escape(folded)}(?![a-z0-9])")
    return re.compile(_SEPARATORS.join(re.escape(c) for c in folded if not c.isspace()))


def _lexicon_hits(folded: str, lexicon: list[Term]) -> list[_Hit]:
    hits = []
    for term in lexicon:
        if term.weight > 0 and term.term.strip():
            label = f"词库词语“{term.term}”"
            for m in _term_regex(term.term).finditer(folded):
                hits.append(_Hit(*m.span(), term.category, term.weight, label, fold(term.term)))
    return hits


def _pattern_hits(folded: str, silenced: set[str]) -> list[_Hit]:
    hits = []
    for pattern in AD_PATTERNS + CONTACT_PATTERNS:
        if fold(pattern.key) not in silenced:
            for m in pattern.regex.finditer(folded):
                label = f"广告用语“{m.group().strip()}”"
                hits.append(_Hit(*m.span(), pattern.category, pattern.weight, label, pattern.key))
    return hits


def _url_hits(folded: str, allowed: tuple[str, ...]) -> list[_Hit]:
    hits = []
    for m in URL.finditer(folded):
        host = host_of(m.group())
        if host and not is_allowed(host, allowed):
            weight, why = suspicion(host)
            hits.append(_Hit(*m.span(), "link", weight, f"非政府网站网址“{host}”{why}", host))
    return hits


def _brand_hits(places) -> list[_Hit]:
    """A made-up brand (开云体育) once: weak alone, damning next to a URL or 注册送."""
    return [
        _Hit(s, e, category, 2, f"疑似品牌名“{word}”", word)
        for word, where in places.items()
        for s, e, category in where
    ]


def _link_hits(folded: str, soup, allowed) -> list[_Hit]:
    """Visible <a href> to a non-government host, placed on its anchor text."""
    compacted, positions = compact(folded)
    hits = []
    for link in markup.links(soup):
        host = host_of(link.href)
        place = locate(compacted, positions, link.text) if host else None
        if place and not is_allowed(host, allowed):
            weight, why = suspicion(host)
            hits.append(_Hit(*place, "link", weight, f"链接指向非政府网站“{host}”{why}", host))
    return hits


# -- scoring -------------------------------------------------------------------


def _line_window(folded: str, start: int, end: int, size: int = WINDOW) -> tuple[int, int]:
    line_start = folded.rfind("\n", 0, start) + 1
    line_end = folded.find("\n", end)
    line_end = len(folded) if line_end < 0 else line_end
    return max(line_start, start - size), min(line_end, end + size)


def _sentence(folded: str, start: int, end: int) -> str:
    left = max(folded.rfind(c, 0, start) for c in "。！？!?\n") + 1
    rights = [i for i in (folded.find(c, end) for c in "。！？!?\n") if i >= 0]
    return folded[left : min(rights) if rights else len(folded)]


def _weighs(other: _Hit) -> int:
    """What a neighbour adds: a URL or a QQ/微信 id a lot, a weak ad word little."""
    if other.category == "link" or other.key in ("qq", "微信"):
        return 3
    return 3 if other.weight >= 3 else 1


def _context(folded: str, hit: _Hit, hits: list[_Hit]) -> tuple[int, tuple[str, ...]]:
    """Bonus from what else sits near `hit` on its line, and what those things are."""
    left, right = _line_window(folded, hit.start, hit.end)
    bonus, kinds = 0, []
    for other in hits:
        near = other.end > left and other.start < right and other.key != hit.key
        if near and not (other.start < hit.end and hit.start < other.end):
            bonus += _weighs(other)
            kinds.append("可疑网址" if other.category == "link" else "推广用语")
    window = folded[left : hit.start] + " " + folded[hit.end : right]
    weak = 0
    for regex, value, name in CONTEXT_WORDS:
        if regex.search(window):
            bonus, weak = (bonus + value, weak) if value > 1 else (bonus, 1)
            kinds.append(name)
    if MOBILE.search(window):
        bonus += 1
        kinds.append("手机号")
    return min(bonus + weak, 4), tuple(dict.fromkeys(kinds))


def _inside_another(hit: _Hit, hits: list[_Hit]) -> bool:
    """Said already by a longer hit at least as strong ("微信 abc123" in "加微信 abc123")."""
    return any(
        o is not hit
        and o.start <= hit.start
        and hit.end <= o.end
        and o.end - o.start > hit.end - hit.start
        and o.weight >= hit.weight
        for o in hits
    )


def _scored(folded: str, hits: list[_Hit]) -> list[_Span]:
    counts = Counter(h.key for h in hits)
    spans = []
    for hit in hits:
        if _inside_another(hit, hits):
            continue
        bonus, kinds = _context(folded, hit, hits)
        score, reason = hit.weight + bonus, hit.label
        if counts[hit.key] >= 3:
            score += 2
            reason += f"（全文 {counts[hit.key]} 处）"
        if hit.category != "link" and WARNING_WORDS.search(_sentence(folded, hit.start, hit.end)):
            score -= 5  # a list of games in a 禁赌 notice is still a warning
        if score >= THRESHOLD:
            spans.append(_Span(hit.start, hit.end, hit.category, reason, hit.weight, kinds))
    return spans


def _lottery(folded: str) -> list[_Span]:
    spans = []
    for m in LOTTERY_NUMBER.finditer(folded):
        if MOBILE.fullmatch(m.group()):
            continue
        left, right = _line_window(folded, m.start(), m.end(), 20)
        near = folded[left : m.start()] + " " + folded[m.end() : right]
        word = LOTTERY_WORDS.search(near)
        if word and MONEY_WORDS.search(near):
            reason = f"疑似彩票赌码：数字“{m.group()}”与“{word.group()}”及金额字样同时出现"
            spans.append(_Span(*m.span(), "lottery", reason, 4))
    return spans


def _hidden(folded: str, soup) -> list[_Span]:
    compacted, positions = compact(folded)
    spans = []
    for item in markup.hidden_elements(soup):
        host = host_of(item.href) if item.href else ""
        what = f"隐藏的链接（指向 {host}）" if host else "隐藏的文字"
        reason = f"网页中{what}，读者看不到（{item.how}）"
        place = locate(compacted, positions, item.text)
        if place:
            spans.append(_Span(*place, "hidden", reason, 5))
        else:
            spans.append(_Span(0, 0, "hidden", f"{reason}：{item.href or item.snippet}", 5))
    return spans


def _rank(category: str) -> int:
    """On equal weight the finding is named after what is advertised, not how."""
    return {"other": 0, "link": 1, "hidden": 2}.get(category, 3)


def _merge(text: str, spans: list[_Span]) -> list[Finding]:
    """One finding per run of adjacent spans: the strongest category, all reasons."""
    runs: list[list] = []  # start, end, category, weight, reasons, context
    for span in sorted(s for s in spans if s.end > s.start):
        last = runs[-1] if runs else None
        if last and span.start <= last[1] + 3 and "\n" not in text[last[1] : span.start]:
            last[1] = max(last[1], span.end)
            if (span.weight, _rank(span.category)) > (last[3], _rank(last[2])):
                last[2], last[3] = span.category, span.weight
        else:
            last = [span.start, span.end, span.category, span.weight, [], []]
            runs.append(last)
        last[4] += [span.reason] if span.reason not in last[4] else []
        last[5] += [k for k in span.context if k not in last[5]]
    findings = []
    for start, end, category, _, reasons, context in runs:
        reason = "；".join(reasons) + (f"；附近有{'、'.join(context)}等字样" if context else "")
        findings.append(Finding(start, end, category, reason, excerpt(text, start, end)))
    findings += [
        Finding(s.start, s.end, s.category, s.reason, "") for s in spans if s.end <= s.start
    ]
    return findings


def scan_text(
    text: str,
    html: str | None,
    lexicon: list[Term],
    *,
    allowed: Iterable[str] | None = None,
) -> list[Finding]:
    """Every suspected injection in `text` (and in `html`, the rich-text source of it)."""
    allowed = tuple(allowed) if allowed is not None else allowed_domains()
    folded = fold(text)
    silenced = {fold(t.term) for t in lexicon if t.weight <= 0}
    chinese = repeats.mostly_chinese(folded)
    places = repeats.han_candidates(folded) if chinese else {}
    hits = _lexicon_hits(folded, lexicon) + _pattern_hits(folded, silenced)
    hits += _url_hits(folded, allowed) + _brand_hits(places)
    soup = markup.parse(html) if html else None
    if soup is not None:
        hits += _link_hits(folded, soup, allowed)
    spans = _scored(folded, hits) + _lottery(folded)
    if soup is not None:
        spans += _hidden(folded, soup)
    if chinese:
        blocked = [m.span() for m in URL.finditer(folded)]
        blocked += [m.span() for m in _EMAIL.finditer(folded)]
        for start, end, category, reason in (
            repeats.latin_brands(text, folded, blocked)
            + repeats.foreign_runs(folded)
            + repeats.repeated_compounds(places)
        ):
            spans.append(_Span(start, end, category, reason, 4))
    return _merge(text, spans)
