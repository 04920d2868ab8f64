"""PostgreSQL terms for the embedded backend: character bigrams as lexemes.

A query of any length must match as an exact substring. With one lexeme per
character (as FTS5 is given) a two-character query is a phrase over two very
common lexemes: PostgreSQL reads both posting lists, then re-reads and checks
every stored vector holding both. Here each analysed text also gets one
lexeme per pair of adjacent tokens ("社 保", with a space, so it never equals
the jieba word "社保"), so:
  * a 1-character query is one unigram lexeme,
  * a 2-character query is one bigram lexeme (or its whole word): a single
    index lookup, no recheck,
  * a longer query is a phrase of its bigrams, checked only on rows holding
    all of them.
Vectors are built here, in Python, and cast (`::tsvector`, `::tsquery`), so no
text-search configuration touches the tokens. Weights: title A, body C,
context D, as ts_rank_cd's weight array expects.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from search.analysis import char_tokens
from search.backends.base import Term

# tsvector limits: positions above 16383 are clamped, at most 256 per lexeme.
MAX_POSITION = 16383
MAX_POSITIONS = 255


def vector(fields: Iterable[tuple[str, str, str]]) -> str:
    """A tsvector literal from (chars, words, weight) token streams, in order.

    Positions run on across fields (as `||` of tsvectors does): chars first,
    each chars token at its position with the bigram starting there, then the
    field's words.
    """
    positions: dict[str, list[str]] = {}
    at = 1

    def add(lexeme: str, position: int, weight: str) -> None:
        found = positions.setdefault(lexeme, [])
        if len(found) < MAX_POSITIONS:
            found.append(f"{min(position, MAX_POSITION)}{weight}")

    for chars, words, weight in fields:
        tokens = chars.split()
        for i, token in enumerate(tokens):
            add(token, at + i, weight)
            if i + 1 < len(tokens):
                add(f"{token} {tokens[i + 1]}", at + i, weight)
        at += len(tokens)
        for i, word in enumerate(words.split()):
            add(word, at + i, weight)
        at += len(words.split())
    return " ".join(f"{_quote(lexeme)}:{','.join(p)}" for lexeme, p in positions.items())


def title_vector(chars: str, words: str) -> str:
    """The title alone, without weights: for title candidates and suggestions."""
    return vector([(chars, words, "")])


def query(terms: Sequence[Term], match_all: bool) -> str:
    """A tsquery literal: each term matches any of its alternatives; terms joined by & or |."""
    groups = []
    for term in terms:
        options = [o for a in term.alternatives if (c := char_tokens(a)) for o in _options(c)]
        groups.append("(" + " | ".join(options) + ")")
    return (" & " if match_all else " | ").join(groups)


def substring(text: str) -> str:
    """A tsquery literal for text as a substring only (no word alternative): suggestions."""
    chars = char_tokens(text)
    return _phrase(chars) if chars else ""


def _options(chars: list[str]) -> list[str]:
    if len(chars) == 1:
        return [_quote(chars[0])]
    return [_phrase(chars), _quote("".join(chars))]


def _phrase(chars: list[str]) -> str:
    """Every bigram in order (`<->`): contiguous, so ts_rank_cd scores the phrase as
    it scores one lexeme, as it did the characters' phrase."""
    bigrams = [_quote(f"{a} {b}") for a, b in zip(chars, chars[1:], strict=False)]
    if not bigrams:
        return _quote(chars[0])
    return "(" + " <-> ".join(bigrams) + ")" if len(bigrams) > 1 else bigrams[0]


def _quote(lexeme: str) -> str:
    """A quoted lexeme; tokens are Han characters or [0-9a-z.-] words (no quotes or
    backslashes, doubled and dropped anyway)."""
    return "'" + lexeme.replace("\\", "").replace("'", "''") + "'"


def vectors(entry) -> tuple[str, str]:
    """(title vector, content vector) literals from a SearchEntry's token streams."""
    return (
        title_vector(entry.title_chars, entry.title_words),
        vector(
            [
                (entry.title_chars, entry.title_words, "A"),
                (entry.body_chars, entry.body_words, "C"),
                (entry.context_chars, entry.context_words, "D"),
            ]
        ),
    )
