"""LinkResult kept in step with the live site: which links each page has (check_site,
internal ones checked on the spot) and whether the external ones open
(check_external_links, paced per host, one request per distinct URL).

Built for the whole county (tens of thousands of pages): pages are read in chunks with
their specific type and inline children fetched per chunk, each chunk's rows are read
and written in bulk, and a link's first_seen survives every later run.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from django.db import transaction
from django.db.models import F, Min, QuerySet
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from scanner.service import child_relation_names, page_text, prefetch_page_text

from ..models import LinkResult
from .batches import batches
from .external_links import HostPacer, check_external
from .internal_links import InternalChecker
from .links import Outcome, extract, host_of

__all__ = ["broken", "check_external_links", "check_site"]

CHUNK_PAGES = 200
BATCH = 500  # rows or ids per statement, well under every database's parameter limit
URL_MAX_LENGTH = LinkResult._meta.get_field("url").max_length or 1000
RESULT_FIELDS = ["external", "ok", "status", "error", "checked_at", "broken_since"]

Progress = Callable[[int, int], None]


def _page_ids(pages: Iterable[Page] | QuerySet[Page] | None) -> list[int]:
    """Live pages below the tree's root, in tree order (the root is never served)."""
    live = Page.objects.live().filter(depth__gt=1)
    if pages is None:
        return list(live.order_by("path").values_list("pk", flat=True))
    if isinstance(pages, QuerySet):
        return list(
            live.filter(pk__in=pages.values("pk")).order_by("path").values_list("pk", flat=True)
        )
    wanted = [page.pk for page in pages]
    found: set[int] = set()
    for batch in batches(wanted, BATCH):
        found.update(live.filter(pk__in=batch).values_list("pk", flat=True))
    return [pk for pk in dict.fromkeys(wanted) if pk in found]


def _attachments(page: Page) -> Iterator[str]:
    """Files the page offers through choosers rather than in its text (a guide's blank and
    sample forms, a policy document's attachments): `document:N` / `image:N` like links."""
    kinds = {get_document_model(): "document", get_image_model(): "image"}
    objects: list[Any] = [page]
    for name in child_relation_names(page):
        objects += list(getattr(page, name).all())
    for obj in objects:
        for field in obj._meta.concrete_fields:
            kind = kinds.get(getattr(field, "related_model", None))
            if kind and (pk := getattr(obj, field.attname)):
                yield f"{kind}:{pk}"


def _page_links(page: Page) -> list[str]:
    """The page's links as stored: relative ones made site-relative against the page's
    own address (how a browser reads them), over-long ones left out (not storable)."""
    html = page_text(page)[1]
    found: list[str] = list(_attachments(page))
    base: str | None = None
    for url in extract(html):
        if not (url.startswith(("/", "page:", "document:", "image:")) or urlsplit(url).scheme):
            if base is None:
                base = page.get_url() or page.url_path
            url = urljoin(base, url)
        if len(url) <= URL_MAX_LENGTH:
            found.append(url)
    return list(dict.fromkeys(found))


def _apply(row: LinkResult, outcome: Outcome, now: datetime) -> None:
    """A check's result on a row; broken_since is when it first turned broken."""
    row.ok, row.status, row.error, row.checked_at = outcome.ok, outcome.status, outcome.error, now
    if not outcome.ok and row.broken_since is None:
        row.broken_since = now
    elif outcome.ok:
        row.broken_since = None


def _known_external(urls: list[str]) -> dict[str, dict[str, Any]]:
    """The last result of external URLs that other pages already link to."""
    known: dict[str, dict[str, Any]] = {}
    for batch in batches(urls, BATCH):
        rows = (
            LinkResult.objects.filter(url__in=batch, external=True, checked_at__isnull=False)
            .order_by("url", "-checked_at")
            .values("url", "ok", "status", "error", "checked_at", "broken_since")
        )
        for row in rows:
            known.setdefault(row["url"], dict(row))
    return known


def _state(row: LinkResult) -> tuple[Any, ...]:
    return (row.external, row.ok, row.status, row.error, row.broken_since)


def _sync_chunk(ids: Sequence[int], checker: InternalChecker, counts: dict[str, int]) -> None:
    now = timezone.now()
    pages = list(Page.objects.filter(pk__in=ids, live=True).specific())
    prefetch_page_text(pages)
    links = {page.pk: _page_links(page) for page in pages}
    checker.prime(url for urls in links.values() for url in urls)

    stored: dict[int, dict[str, LinkResult]] = defaultdict(dict)
    for row in LinkResult.objects.filter(page_id__in=ids):
        stored[row.page_id][row.url] = row

    created: list[LinkResult] = []
    changed: list[LinkResult] = []
    rechecked: list[int] = []
    for page_id, urls in links.items():
        rows = stored.pop(page_id, {})
        for url in urls:
            internal = checker.is_internal(url)
            counts["links"] += 1
            counts["internal" if internal else "external"] += 1
            found = rows.pop(url, None)
            row = (
                found
                if found is not None
                else LinkResult(page_id=page_id, url=url, external=not internal, first_seen=now)
            )
            if found is None:
                created.append(row)
            before = _state(row)
            row.external = not internal
            if internal:
                outcome = checker.check(url)
                _apply(row, outcome, now)
                counts["broken_internal"] += not outcome.ok
            if row.pk is None:
                continue
            if _state(row) != before:
                changed.append(row)
            elif internal:
                rechecked.append(row.pk)
        stored[page_id] = rows  # what is left: links no longer on the page
    gone = [row.pk for rows in stored.values() for row in rows.values()]

    known = _known_external([row.url for row in created if row.external])
    for row in created:
        if row.external and row.url in known:
            for field, value in known[row.url].items():
                setattr(row, field, value)

    with transaction.atomic():
        for batch in batches(gone, BATCH):
            LinkResult.objects.filter(pk__in=batch).delete()
        LinkResult.objects.bulk_create(created, batch_size=BATCH, ignore_conflicts=True)
        LinkResult.objects.bulk_update(changed, RESULT_FIELDS, batch_size=BATCH)
        for batch in batches(rechecked, BATCH):
            LinkResult.objects.filter(pk__in=batch).update(checked_at=now)
    counts["created"] += len(created)
    counts["deleted"] += len(gone)


def check_site(
    pages: Iterable[Page] | QuerySet[Page] | None = None, *, progress: Progress | None = None
) -> dict[str, int]:
    """Record the links of every live page (or of `pages`), check the internal ones, and
    forget links that are gone: removed from their page, or their page no longer live."""
    ids = _page_ids(pages)
    counts = dict.fromkeys(
        ("pages", "links", "internal", "external", "broken_internal", "created", "deleted"), 0
    )
    counts["pages"] = len(ids)
    checker = InternalChecker()
    for done, chunk in enumerate(batches(ids, CHUNK_PAGES)):
        _sync_chunk(chunk, checker, counts)
        if progress is not None:
            progress(min((done + 1) * CHUNK_PAGES, len(ids)), len(ids))
    deleted, _by_model = LinkResult.objects.exclude(page__live=True).delete()
    counts["deleted"] += deleted
    return counts


def _round_robin(urls: list[str]) -> Iterator[str]:
    """One URL per host in turn (each host's oldest first), so that the pause a host needs
    between two requests is spent on other hosts."""
    by_host: dict[str, deque[str]] = {}
    for url in urls:
        by_host.setdefault(host_of(url), deque()).append(url)
    hosts = deque(by_host)
    while hosts:
        host = hosts.popleft()
        yield by_host[host].popleft()
        if by_host[host]:
            hosts.append(host)


def _record(url: str, outcome: Outcome) -> None:
    """The result on every row of the URL, whichever pages share it."""
    now = timezone.now()
    rows = LinkResult.objects.filter(url=url, external=True)
    values: dict[str, Any] = {
        "ok": outcome.ok,
        "status": outcome.status,
        "error": outcome.error,
        "checked_at": now,
    }
    if outcome.ok:
        values["broken_since"] = None
    with transaction.atomic():
        rows.update(**values)
        if not outcome.ok:
            rows.filter(broken_since__isnull=True).update(broken_since=now)


def check_external_links(
    *,
    interval: float = 1.0,
    timeout: float = 10.0,
    limit: int | None = None,
    progress: Progress | None = None,
) -> dict[str, int]:
    """Check the stored external links, the longest unchecked first (so a run cut short by
    `limit` or a timer moves on next time), at most one request per `interval` per host."""
    urls = (
        LinkResult.objects.filter(external=True, page__live=True)
        .values("url")
        .annotate(last=Min("checked_at"))
        .order_by(F("last").asc(nulls_first=True), "url")
        .values_list("url", flat=True)
    )
    chosen = list(urls[:limit] if limit is not None else urls)
    pacer = HostPacer(interval)
    counts = {"urls": len(chosen), "ok": 0, "broken": 0}
    for done, url in enumerate(_round_robin(chosen), start=1):
        pacer.wait(host_of(url))
        outcome = check_external(url, timeout=timeout)
        _record(url, outcome)
        counts["ok" if outcome.ok else "broken"] += 1
        if progress is not None:
            progress(done, len(chosen))
    return counts


def broken(unit: Page | None = None) -> QuerySet[LinkResult]:
    """Broken links of live pages (of one unit's subtree if given), in tree order."""
    rows = LinkResult.objects.filter(ok=False, page__live=True).select_related("page")
    if unit is not None:
        rows = rows.filter(page__path__startswith=unit.path)
    return rows.order_by("page__path", "url")
