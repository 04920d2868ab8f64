"""Chinese text analysis shared by every backend: folding, segmentation, synonyms.

Index side: each text becomes two token streams, space-separated so that
any engine's whitespace tokenizer keeps them intact —
  * `chars`: every Han character and every Latin/number word, in order, so a
    query of any length is a *phrase* over characters (exact substring
    match: '社保' finds '社保卡补办', '户' finds '落户');
  * `words`: jieba search-mode words, so whole-word matches rank higher.
Query side: the query is folded and segmented; stop words are dropped and
every remaining word carries its synonyms (社保 → 社会保险).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from core.text import fold, segmenter
from search.backends.base import Term
from search.models import SynonymGroup

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_HAN}]|[0-9a-z]+(?:[.\-][0-9a-z]+)*")
_WORD_OK = re.compile(rf"[{_HAN}0-9a-z]")
# Words that carry no meaning in a citizen's question ("怎么办理低保").
STOP_WORDS = frozenset(
    {
        "的",
        "了",
        "吗",
        "呢",
        "吧",
        "啊",
        "和",
        "与",
        "及",
        "或",
        "在",
        "是",
        "我",
        "我们",
        "你",
        "您",
        "要",
        "想",
        "怎么",
        "怎样",
        "如何",
        "哪里",
        "哪儿",
        "在哪",
        "在哪里",
        "什么",
        "需要",
        "能",
        "可以",
        "请问",
        "一下",
        "办理",
        "手续",
        "咨询",
        "办",
        "去",
    }
)


@dataclass(frozen=True)
class AnalysedText:
    chars: str
    words: str


def char_tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


def analyse(text: str) -> AnalysedText:
    folded = fold(text)
    words = [w for w in segmenter.cut_for_search(folded) if _WORD_OK.search(w)]
    return AnalysedText(
        chars=" ".join(_TOKEN.findall(folded)),
        words=" ".join(w.strip() for w in words if w.strip()),
    )


def query_terms(query: str, synonyms: dict[str, tuple[str, ...]] | None = None) -> list[Term]:
    """Segment a query into terms with their synonyms; stop words dropped.

    A query made only of stop words keeps them, so "办" still searches.
    """
    synonyms = synonym_map() if synonyms is None else synonyms  # first: adds their words
    folded = fold(query)
    words = [w.strip() for w in segmenter.cut(folded) if _WORD_OK.search(w)]
    kept = [w for w in words if w not in STOP_WORDS] or words
    terms: list[Term] = []
    seen: set[str] = set()
    for word in kept:
        if word in seen:
            continue
        seen.add(word)
        alternatives = (word,) + tuple(a for a in synonyms.get(word, ()) if a != word)
        terms.append(Term(alternatives))
    return terms


def synonym_map() -> dict[str, tuple[str, ...]]:
    """Every synonym group, looked up by each of its members (cached until edited)."""
    return _synonym_map(SynonymGroup.cache_version())


@lru_cache(maxsize=4)
def _synonym_map(version: int) -> dict[str, tuple[str, ...]]:
    mapping: dict[str, tuple[str, ...]] = {}
    for group in SynonymGroup.objects.all():
        members = tuple(fold(t) for t in group.term_list())
        for member in members:
            segmenter.add_word(member)
            mapping[member] = tuple(dict.fromkeys(mapping.get(member, ()) + members))
    return mapping
