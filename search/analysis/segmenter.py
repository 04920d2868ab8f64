"""Word segmentation: rjieba (Rust) when installed, jieba otherwise, both with
the domain user dictionary loaded once."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _engine():
    from . import user_words

    try:
        import rjieba

        engine = rjieba.Jieba()
        name = "rjieba"
    except ImportError:  # pragma: no cover - exercised where rjieba has no wheel
        import jieba

        jieba.setLogLevel(60)
        engine = jieba.Tokenizer()
        name = "jieba"
    for word in user_words():
        if name == "rjieba":
            engine.add_word(word, None, None)
        else:
            engine.add_word(word)
    return name, engine


def engine_name() -> str:
    return _engine()[0]


def cut(text: str) -> list[str]:
    name, engine = _engine()
    return list(engine.cut(text, True) if name == "rjieba" else engine.lcut(text))


def cut_for_search(text: str) -> list[str]:
    name, engine = _engine()
    if name == "rjieba":
        return list(engine.cut_for_search(text, True))
    return engine.lcut_for_search(text)


def add_word(word: str) -> None:
    """Keep `word` whole from now on (synonym terms, so a query for one matches)."""
    name, engine = _engine()
    if name == "rjieba":
        engine.add_word(word, None, None)
    else:
        engine.add_word(word)
