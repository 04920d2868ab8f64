"""The wording lexicon applied to the live site, kept as one WordingScan per page.

A page's stored findings stay valid while both its published text and the
lexicon stay the same, so a run rescans only the live pages that have no scan,
were scanned with another lexicon (WordingScan.lexicon_key) or were published
after they were scanned (Page.last_published_at). On a county of 50,000 pages
where nothing changed that is two queries; the pages that must be read are
loaded in chunks of their specific types. Every publish rescans its page too
(``connect``), so the stored findings are current between runs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from wagtail.models import Page
from wagtail.signals import page_published

from inspection.models import WordingScan
from scanner.service import page_text, prefetch_page_text

from .batches import batches
from .wording import Hit, Lexicon, excerpt

__all__ = ["connect", "findings", "scan_live_site", "scan_page", "stale_page_ids"]

CHUNK = 500

logger = logging.getLogger(__name__)

Finding = dict[str, str]
Progress = Callable[[int, int], None]


def finding(text: str, hit: Hit) -> Finding:
    return {
        "wrong": hit.wrong,
        "correct": hit.correct,
        "severity": hit.severity,
        "excerpt": excerpt(text, hit),
    }


def scan_page(page: Any, lexicon: Lexicon) -> list[Finding]:
    """The findings of `page` as given (pass `get_latest_revision_as_object()` for a draft)."""
    text, _html = page_text(page)
    return [finding(text, hit) for hit in lexicon.find(text)]


def stale_page_ids(key: str) -> list[int]:
    """Live pages whose stored scan is missing, of another lexicon, or older than their publish."""
    current = WordingScan.objects.filter(page=OuterRef("pk"), lexicon_key=key)
    outdated = current.filter(scanned_at__lt=OuterRef("last_published_at"))
    stale = Page.objects.filter(live=True).filter(~Exists(current) | Exists(outdated))
    return list(stale.order_by("path").values_list("pk", flat=True))


def _store(scans: list[WordingScan]) -> None:
    """Insert or replace the pages' scans in one statement."""
    WordingScan.objects.bulk_create(
        scans,
        update_conflicts=True,
        unique_fields=["page"],
        update_fields=["lexicon_key", "scanned_at", "findings"],
    )


def scan_live_site(
    lexicon: Lexicon | None = None, *, progress: Progress | None = None, chunk: int = CHUNK
) -> dict[str, Any]:
    """Bring every live page's stored findings up to date; returns what the run did.

    `progress(done, total)` is called after each chunk of rescanned pages.
    """
    lexicon = Lexicon.from_db() if lexicon is None else lexicon
    removed, _ = WordingScan.objects.exclude(page__live=True).delete()
    ids = stale_page_ids(lexicon.key)
    done = flagged = 0
    for chunk_ids in batches(ids, chunk):
        # Taken before the pages are read: a publish during the chunk is newer than its scan.
        scanned_at = timezone.now()
        scans = []
        pages = list(Page.objects.filter(pk__in=chunk_ids, live=True).specific())
        for page in prefetch_page_text(pages):
            page_findings = scan_page(page, lexicon)
            flagged += bool(page_findings)
            scans.append(
                WordingScan(
                    page_id=page.pk,
                    lexicon_key=lexicon.key,
                    scanned_at=scanned_at,
                    findings=page_findings,
                )
            )
        _store(scans)
        done += len(chunk_ids)
        if progress is not None:
            progress(done, len(ids))
    return {"lexicon_key": lexicon.key, "scanned": done, "flagged": flagged, "removed": removed}


def findings(unit: Page | None = None) -> list[tuple[Page, list[Finding]]]:
    """Live pages with stored findings, in tree order, optionally only `unit` and below it."""
    scans = WordingScan.objects.filter(page__live=True).exclude(findings=[])
    if unit is not None:
        scans = scans.filter(page__path__startswith=unit.path)
    by_page = dict(scans.values_list("page_id", "findings"))
    pages = Page.objects.filter(pk__in=by_page).order_by("path").specific()
    return [(page, by_page[page.pk]) for page in pages]


def rescan(page: Any, lexicon: Lexicon | None = None) -> list[Finding]:
    """Scan a live page now and store its findings."""
    lexicon = Lexicon.from_db() if lexicon is None else lexicon
    scanned_at = timezone.now()
    page_findings = scan_page(page, lexicon)
    _store(
        [
            WordingScan(
                page_id=page.pk,
                lexicon_key=lexicon.key,
                scanned_at=scanned_at,
                findings=page_findings,
            )
        ]
    )
    return page_findings


def _on_page_published(sender: Any, instance: Any, **kwargs: Any) -> None:
    try:
        with transaction.atomic():  # a failed query must not break the publish's transaction
            rescan(instance)
    except Exception:  # a checker must never stop a publish; the next run catches up
        logger.exception("wording scan of page %s failed", instance.pk)


def connect() -> None:
    """Rescan every page when it is published (idempotent: connecting twice is once)."""
    page_published.connect(_on_page_published, dispatch_uid="inspection.wording_scan.published")
