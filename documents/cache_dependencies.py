"""Issuing organisations are shown by every policy document, the catalogue and
the feed's pages; registered into core.pagecache from DocumentsConfig.ready()."""

from __future__ import annotations

from core import pagecache

from .models import IssuingOrganisation


def register() -> None:
    pagecache.register_model(IssuingOrganisation)
