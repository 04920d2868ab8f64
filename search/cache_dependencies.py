"""Synonym groups change what listings that search the catalogue show; registered
into core.pagecache from SearchConfig.ready(). (The search results page itself
is never cached: it is not a Wagtail page.)"""

from __future__ import annotations

from core import pagecache

from .models import SynonymGroup


def register() -> None:
    pagecache.register_model(SynonymGroup)
