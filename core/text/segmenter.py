"""Chinese word segmentation: rjieba (jieba's dictionary, in Rust) with the
portal's own words (userdict.txt: item names, offices, places) loaded once.

Search indexes and queries with it; the injected-content scanner asks it
whether a token is a dictionary word. Synonym terms are added at run time so
that a query for one member of a group keeps it whole.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import rjieba

USER_DICT = Path(__file__).with_name("userdict.txt")


@lru_cache(maxsize=1)
def user_words() -> tuple[str, ...]:
    lines = USER_DICT.read_text(encoding="utf-8").splitlines()
    return tuple(line.split()[0] for line in lines if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def engine() -> rjieba.Jieba:
    """The shared, loaded segmenter (loading the dictionary takes about a second)."""
    # Imported here: the extension takes ~0.1 s to load, and most processes
    # (every manage.py call) never segment anything.
    import rjieba

    jieba = rjieba.Jieba()
    for word in user_words():
        jieba.add_word(word, None, None)
    return jieba


def is_loaded() -> bool:
    """Whether this process has loaded the dictionary yet (worker warm-up is checked by it)."""
    return engine.cache_info().currsize > 0


def engine_name() -> str:
    return "rjieba"


def cut(text: str) -> list[str]:
    return list(engine().cut(text, True))


def cut_for_search(text: str) -> list[str]:
    return list(engine().cut_for_search(text, True))


def has_word(word: str) -> bool:
    """Whether the dictionary (with the portal's user words) knows `word`."""
    return bool(engine().has_word(word))


def add_word(word: str) -> None:
    """Keep `word` whole from now on (synonym terms, so a query for one matches)."""
    engine().add_word(word, None, None)
