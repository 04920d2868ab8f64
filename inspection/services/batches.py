"""Slices of a list of ids or rows, each small enough for one statement (every database
caps a statement's parameters) or one chunk of pages in memory."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")


def batches(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
