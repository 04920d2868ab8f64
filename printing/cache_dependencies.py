"""Hall rules (大厅规则) are edited as snippets and may be quoted on public pages;
registered into core.pagecache from PrintingConfig.ready()."""

from __future__ import annotations

from core import pagecache

from .models import HallRule


def register() -> None:
    pagecache.register_model(HallRule)
