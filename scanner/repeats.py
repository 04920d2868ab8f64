"""Substitution heuristics: hacked pages swap a common term (社保, 医保 …) for a
brand and keep the sentences, so one out-of-place token recurs through an
otherwise ordinary Chinese text. Each function returns (start, end, category,
reason) spans on the folded text, whose offsets equal the original's."""

from __future__ import annotations

from collections import defaultdict

from core.text import segmenter

from .patterns import BRAND_SUFFIXES, COMMON_LATIN, FOREIGN_RUN, HAN, LATIN_WORD

Span = tuple[int, int, str, str]
MIN_REPEATS = 3


def _reason(token: str, count: int) -> str:
    return f"“{token}”在中文正文中反复出现 {count} 次，不是正常用语，疑似替换了原有词语"


def mostly_chinese(folded: str) -> bool:
    han = len(HAN.findall(folded))
    latin = sum(1 for c in folded if "a" <= c <= "z")
    return han >= 20 and han >= latin


def _known(word: str) -> bool:
    """Whether the segmenter's dictionary (with the portal's user words) has `word`."""
    return segmenter.has_word(word)


def latin_brands(text: str, folded: str, blocked: list[tuple[int, int]]) -> list[Span]:
    """A Latin word repeated inside Chinese sentences (办理kaiyun卡), not in a URL.

    Upper-case acronyms (ETC, GIS, PPP) are how Chinese officialese writes Latin;
    brands pasted in by spammers come in lower or mixed case.
    """
    places: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for match in LATIN_WORD.finditer(folded):
        start, end = match.span()
        original = text[start:end]
        acronym = original.isupper() and original.isalpha() and len(original) <= 5
        if acronym or any(s <= start < e for s, e in blocked):
            continue
        places[match.group()].append((start, end))
    spans: list[Span] = []
    for word, where in places.items():
        if len(where) < MIN_REPEATS or word in COMMON_LATIN:
            continue
        embedded = sum(
            1
            for s, e in where
            if (s and HAN.match(folded[s - 1])) or (e < len(folded) and HAN.match(folded[e]))
        )
        if embedded < 2:
            continue  # an English name or phrase set apart by spaces
        spans += [(s, e, "other", _reason(word, len(where))) for s, e in where]
    return spans


def foreign_runs(folded: str) -> list[Span]:
    """The same run of a foreign script (Thai, Cyrillic, kana …) recurring."""
    places: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for match in FOREIGN_RUN.finditer(folded):
        places[match.group()].append(match.span())
    return [
        (s, e, "other", _reason(run, len(where)))
        for run, where in places.items()
        if len(where) >= MIN_REPEATS
        for s, e in where
    ]


def _tokens(folded: str) -> list[tuple[str, int]]:
    tokens, position = [], 0
    for token in segmenter.cut(folded):
        position = folded.find(token, position)
        if position < 0:  # the engine altered the text; give up on offsets
            return []
        tokens.append((token, position))
        position += len(token)
    return tokens


def _brand_at(tokens: list[tuple[str, int]], i: int) -> tuple[int, int, str] | None:
    """A made-up stem before a brand suffix (乐鱼 + 体育): start, end, category."""
    suffix, at = tokens[i]
    category = BRAND_SUFFIXES.get(suffix)
    if category is None:
        return None
    for size in (1, 2):
        stem = tokens[max(0, i - size) : i]
        if len(stem) < size or not all(HAN.fullmatch(t[0][0]) for t in stem):
            continue
        text = "".join(t for t, _ in stem)
        if 2 <= len(text) <= 4 and any(len(t) > 1 and not _known(t) for t, _ in stem):
            return stem[0][1], at + len(suffix), category
    return None


def han_candidates(folded: str) -> dict[str, list[tuple[int, int, str]]]:
    """Made-up brand + suffix compounds (乐鱼体育, 开云app) by text, each place with its category.

    Only brand shapes: a bare unknown word recurring is as likely a person's
    name (王博同志 …) as spam.
    """
    tokens = _tokens(folded)
    places: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for i in range(len(tokens)):
        brand = _brand_at(tokens, i)
        if brand:
            start, end, category = brand
            places[folded[start:end]].append((start, end, category))
    return places


def repeated_compounds(places: dict[str, list[tuple[int, int, str]]]) -> list[Span]:
    return [
        (s, e, category, _reason(word, len(where)))
        for word, where in places.items()
        if len(where) >= MIN_REPEATS
        for s, e, category in where
    ]
