"""Matching window and department names as a department's own file writes them.

A name is read as a set of words: every alias (计生, 人力资源和社会保障) becomes
its standard name (卫健, 人社), the rest is cut into words, and what only says
"this is a window or an office" (号, 窗口, 局, 办, numbers, the county's and the
town's own names) is dropped. “计生窗口” is then {卫健}, “4号 卫健医保窗口”
{卫健, 医保}, and the first is contained in the second, whatever the order of
words. Pure functions over plain values: the importer supplies the aliases,
places and candidates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from core.text import fold
from core.text.numerals import CHINESE_NUMERAL_CHARS, parse_int
from core.text.segmenter import cut

T = TypeVar("T")

# Words that say what kind of thing a name is, not which one.
STOP_WORDS = frozenset(
    [
        "窗口",
        "窗",
        "专窗",
        "服务",
        "便民",
        "便民服务",
        "管理",
        "中心",
        "服务中心",
        "分中心",
        "服务站",
        "服务所",
        "站",
        "所",
        "办",
        "办公室",
        "局",
        "分局",
        "委",
        "委员会",
        "室",
        "科",
        "股",
        "组",
        "队",
        "部",
        "部门",
        "单位",
        "驻镇",
        "派驻",
        "驻",
        "进驻",
        "和",
        "与",
        "及",
        "暨",
        "的",
        "等",
        "县",
        "镇",
        "乡",
        "市",
        "区",
        "街道",
        "村",
    ]
)
# Unit suffixes cut off a longer word: 保障局 → 保障, 农技站 → 农技.
_UNIT_SUFFIXES = (
    "服务中心",
    "服务站",
    "管理站",
    "管理所",
    "办公室",
    "委员会",
    "中心",
    "分局",
    "局",
    "所",
    "站",
    "办",
    "委",
    "室",
    "科",
    "股",
)
_NUMERAL = rf"(\d+|[{CHINESE_NUMERAL_CHARS}]+)"
_NUMBERED = (
    re.compile(rf"第?{_NUMERAL}号"),  # 3号窗口, 第三号
    re.compile(rf"第{_NUMERAL}(?:窗口|窗)"),  # 第3窗口
    re.compile(r"^(\d+)"),  # 3 人社窗口, 3-人社
    re.compile(r"(?:窗口|窗|no\.?)(\d+)"),  # 窗口3, No.3
    re.compile(r"(\d+)$"),  # 人社3
)
_PLACE = re.compile(r"^[\u4e00-\u9fff]{2,}?(?:自治县|省|市(?!场)|县|区|镇|乡|街道)")
_PLACE_IN_TITLE = re.compile(r"[\u4e00-\u9fff]{2,}?(?:自治县|县|市|区|镇|乡|街道)")


@dataclass(frozen=True)
class NameKey:
    """What a name says: a window number if it gives one, its words, their text."""

    number: int | None
    words: frozenset[str]
    text: str  # the words in their order, for exact and containment comparison
    terms: frozenset[str] = frozenset()  # the words that are standard names (卫健, 人社)

    @property
    def empty(self) -> bool:
        return not self.text


@dataclass(frozen=True)
class Candidate(Generic[T]):
    ref: T
    key: NameKey
    label: str  # how a message names it: "4号 卫健医保窗口", "民政办"


def places_in(*titles: str) -> tuple[str, ...]:
    """'青石县云溪镇便民服务中心' → 青石县, 青石, 云溪镇, 云溪: names files prefix."""
    found: list[str] = []
    for title in titles:
        for match in _PLACE_IN_TITLE.finditer(fold(title or "")):
            place = match.group()
            stem = re.sub(r"(自治县|县|市|区|镇|乡|街道)$", "", place)
            found.extend([place, stem] if len(stem) >= 2 else [place])
    return tuple(dict.fromkeys(found))


class Vocabulary:
    """The aliases (resolved to their final standard name) and the places to drop."""

    def __init__(self, aliases: Mapping[str, str], places: Iterable[str] = ()):
        folded = {_squash(k): _squash(v) for k, v in aliases.items() if k.strip() and v.strip()}
        self.terms: dict[str, str] = {}
        for term in {*folded, *folded.values()}:
            self.terms[term] = _standard(term, folded)
        self._standards = frozenset(self.terms.values())
        ordered = sorted(self.terms, key=len, reverse=True)
        self._terms = re.compile("|".join(map(re.escape, ordered))) if ordered else None
        names = sorted({_squash(p) for p in places if p.strip()}, key=len, reverse=True)
        self._places = re.compile("|".join(map(re.escape, names))) if names else None

    def key(self, text: str, *, numbered: bool = False) -> NameKey:
        value = _squash(text)
        number = _number(value) if numbered else None
        value = re.sub(rf"第?{_NUMERAL}号|第?\d+|no\.?\d+", " ", value)
        if self._places is not None:
            value = self._places.sub(" ", value)
        tokens: list[str] = []
        for chunk in re.split(r"[\W_]+", value):
            tokens.extend(self._chunk_words(chunk))
        words = [t for t in tokens if t and t not in STOP_WORDS]
        terms = frozenset(w for w in words if w in self._standards)
        return NameKey(number, frozenset(words), "".join(words), terms)

    def _chunk_words(self, chunk: str) -> list[str]:
        words: list[str] = []
        start = 0
        for match in self._terms.finditer(chunk) if self._terms is not None else ():
            words.extend(_residue_words(chunk[start : match.start()]))
            words.append(self.terms[match.group()])
            start = match.end()
        words.extend(_residue_words(chunk[start:]))
        return words


def best_matches(key: NameKey, candidates: Sequence[Candidate[T]]) -> list[Candidate[T]]:
    """The candidates `key` names best: none, one, or several equally good (ambiguous).

    Same words in the same order first; then candidates containing all of the
    key's words (fewest other words first); then those sharing most words, when
    what they share is a standard name or all of the candidate; last plain
    containment of the text either way.
    """
    if key.empty:
        return []
    exact = [c for c in candidates if c.key.text == key.text]
    if exact:
        return exact
    within = [c for c in candidates if key.words <= c.key.words]
    if within:
        fewest = min(len(c.key.words - key.words) for c in within)
        return [c for c in within if len(c.key.words - key.words) == fewest]
    shared = [
        (len(key.words & c.key.words), c)
        for c in candidates
        if key.terms & c.key.terms or (c.key.words and c.key.words <= key.words)
    ]
    most = max((n for n, _ in shared), default=0)
    if most:
        return [c for n, c in shared if n == most]
    return [
        c for c in candidates if c.key.text and (key.text in c.key.text or c.key.text in key.text)
    ]


def clean_name(text: str) -> str:
    """A cell as the name of a new window or department: width folded, spaces
    collapsed, a leading window number ('3号', '第3', '3-') removed."""
    value = " ".join(fold(text).split())
    value = re.sub(rf"^(第?{_NUMERAL}号|第?\d+)(窗口)?[\s\-_.、:：]*", "", value)
    return value.strip()


def _squash(text: str) -> str:
    return "".join(fold(text).split())


def _standard(term: str, aliases: Mapping[str, str]) -> str:
    seen = {term}
    while term in aliases and aliases[term] not in seen:
        term = aliases[term]
        seen.add(term)
    return term


def _number(value: str) -> int | None:
    for pattern in _NUMBERED:
        match = pattern.search(value)
        if match:
            number = parse_int(match.group(1))
            if number is not None:
                return number
    return None


def _residue_words(text: str) -> list[str]:
    text = _PLACE.sub("", text)
    if not text:
        return []
    return [_without_unit(word) for word in cut(text) if word.strip()]


def _without_unit(word: str) -> str:
    for suffix in _UNIT_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            return word[: -len(suffix)]
    return word
