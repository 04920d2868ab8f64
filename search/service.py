"""The search service the rest of the portal calls: update, search, suggest.

The embedded index is always kept current — it answers when Elasticsearch is
down. Elasticsearch (when ELASTICSEARCH_URL is set) gets every update after
the transaction commits.

PendingIndexUpdate is the durable record of "this key's index entries may be
behind": a page save writes it in the save's own transaction (search.signals),
and it is cleared only once every index has the key's current state. A worker
killed between the publish's commit and the indexing leaves the record behind,
and `replay_pending` (at start-up, and from `search_index replay`) applies it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .analysis import query_terms
from .backends.base import BackendUnavailable, SearchBackend, SearchQuery, SearchResults, Term
from .backends.embedded import EmbeddedBackend
from .indexing import PAGE_PREFIX, documents_for_keys
from .models import PendingIndexUpdate

log = logging.getLogger(__name__)
FALLBACK_NOTICE = _("全文检索服务暂时不可用，以下是本站备用检索的结果，可能不够完整。")
PARTIAL_NOTICE = _("没有同时包含全部词语的结果，以下结果包含其中部分词语。")


def embedded() -> EmbeddedBackend:
    return EmbeddedBackend()


@lru_cache(maxsize=1)
def _remote_for(url: str):
    from .backends.elastic import ElasticsearchBackend  # heavy: only with ELASTICSEARCH_URL

    return ElasticsearchBackend(
        url, settings.ELASTICSEARCH_INDEX, timeout=settings.ELASTICSEARCH_TIMEOUT
    )


def remote() -> SearchBackend | None:
    """Elasticsearch when configured, else None."""
    url = getattr(settings, "ELASTICSEARCH_URL", "")
    return _remote_for(url) if url else None


# After a failure Elasticsearch is not asked again for a while, so that a
# down cluster costs one timeout, not one per publish or per query.
_DOWN_KEY = "search:elasticsearch-down"


def _remote_is_down() -> bool:
    return bool(cache.get(_DOWN_KEY))


def _mark_remote(down: bool) -> None:
    if down:
        cache.set(_DOWN_KEY, True, settings.ELASTICSEARCH_RETRY_SECONDS)
    else:
        cache.delete(_DOWN_KEY)


# --- updates -----------------------------------------------------------

_deferred: ContextVar[set[str] | None] = ContextVar("search_deferred", default=None)


@contextmanager
def deferred_updates():
    """Collect updates during a bulk load (the demo, an import) and apply them once."""
    if _deferred.get() is not None:  # already deferring: the outer block applies them
        yield
        return
    token = _deferred.set(set())
    try:
        yield
        keys = _deferred.get()
    finally:
        _deferred.reset(token)
    if keys:
        update(sorted(keys))


def update(keys: Iterable[str]) -> None:
    """Bring the index up to date for these objects, whatever happened to them."""
    keys = list(dict.fromkeys(keys))
    pending = _deferred.get()
    if pending is not None:
        pending.update(keys)
        return
    if remote() is not None:
        record(keys)  # durable until Elasticsearch acknowledges, even if we die first
    _apply_embedded(keys)
    if remote() is None:
        _clear(keys)
    else:
        transaction.on_commit(lambda: push_to_remote(keys))


def record(keys: Iterable[str]) -> None:
    """Note durably, in the caller's transaction, that these keys need re-indexing.

    Inside `deferred_updates` (imports, the demo) the block applies every key
    at its end, so nothing is written per object.
    """
    pending = _deferred.get()
    if pending is not None:
        pending.update(keys)
        return
    PendingIndexUpdate.objects.bulk_create(
        [PendingIndexUpdate(key=key) for key in dict.fromkeys(keys)], ignore_conflicts=True
    )


def _clear(keys: list[str]) -> None:
    PendingIndexUpdate.objects.filter(key__in=keys).delete()


@transaction.atomic
def _apply_embedded(keys: list[str]) -> None:
    documents, gone = _documents(keys)
    backend = embedded()
    if documents:
        backend.index(documents)
    if gone:
        backend.delete(gone)


def remove(keys: Iterable[str]) -> None:
    """The objects are being deleted: drop them without reading them back."""
    keys = list(dict.fromkeys(keys))
    pending = _deferred.get()
    if pending is not None:
        pending.update(keys)  # re-read at the end: gone by then, so deleted
        return
    embedded().delete(keys)
    if remote() is not None:
        transaction.on_commit(lambda: push_to_remote(keys))


def _documents(keys: list[str]):
    documents, gone = [], []
    for key, document in documents_for_keys(keys):
        if document is None:
            gone.append(key)
        else:
            documents.append(document)
    return documents, gone


def push_to_remote(keys: list[str], force: bool = False) -> bool:
    """Send to Elasticsearch; on failure queue the keys. True when all went through.

    While the cluster is known to be down the keys are queued without trying;
    `force` (the replay command) tries anyway.
    """
    backend = remote()
    if backend is None:
        return True
    if _remote_is_down() and not force:
        _queue(keys, "Elasticsearch marked unavailable; not retried yet")
        return False
    pending = list(PendingIndexUpdate.objects.values_list("key", flat=True))
    keys = list(dict.fromkeys(pending + list(keys)))
    documents, gone = _documents(keys)
    try:
        if documents:
            backend.index(documents)
        if gone:
            backend.delete(gone)
    except BackendUnavailable as exc:
        _mark_remote(down=True)
        _queue(keys, str(exc))
        log.warning("Elasticsearch unavailable, %d updates queued: %s", len(keys), exc)
        return False
    _mark_remote(down=False)
    PendingIndexUpdate.objects.filter(key__in=keys).delete()
    return True


def _queue(keys: Iterable[str], error: str) -> None:
    for key in keys:
        entry, _ = PendingIndexUpdate.objects.get_or_create(key=key)
        entry.attempts += 1
        entry.last_error = error[:300]
        entry.save()


def replay_pending() -> int:
    """Apply every recorded update (at start-up, and `search_index replay` every minute).

    The embedded index is brought up to date from the objects' current state
    first; Elasticsearch then gets them too. Returns how many were replayed
    everywhere (0 when Elasticsearch is still down: they stay recorded).
    """
    keys = list(PendingIndexUpdate.objects.values_list("key", flat=True))
    if not keys:
        return 0
    _apply_embedded(keys)
    if remote() is None:
        _clear(keys)
        return len(keys)
    return len(keys) if push_to_remote([], force=True) else 0


# --- queries -----------------------------------------------------------


@dataclass
class Answer:
    results: SearchResults
    terms: list[Term] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def search(
    text: str,
    filters: dict[str, str] | None = None,
    sort: str = "relevance",
    page: int = 1,
    per_page: int = 10,
    collapse: bool = True,
) -> Answer:
    terms = query_terms(text)
    query = SearchQuery(
        text=text,
        terms=terms,
        filters=filters or {},
        sort=sort,
        page=page,
        per_page=per_page,
        collapse=collapse,
    )
    notices: list[str] = []
    results = _run(query, notices)
    if results.total == 0 and len(terms) > 1:
        query.match_all_terms = False
        results = _run(query, notices)
        if results.total:
            notices.append(str(PARTIAL_NOTICE))
    return Answer(results=results, terms=terms, notices=list(dict.fromkeys(notices)))


def _run(query: SearchQuery, notices: list[str]) -> SearchResults:
    backend = remote()
    if backend is not None and _remote_is_down():
        notices.append(str(FALLBACK_NOTICE))
    elif backend is not None:
        try:
            return backend.search(query)
        except BackendUnavailable as exc:
            _mark_remote(down=True)
            log.warning("Elasticsearch unavailable, answering from the embedded index: %s", exc)
            notices.append(str(FALLBACK_NOTICE))
    return embedded().search(query)


def ranked_page_ids(text: str, limit: int = 100) -> list[int]:
    """Published pages for a query, best first: lets the admin's search rank like ours
    (every copy of an item: an editor looks for the page, not the item)."""
    hits = search(text, per_page=limit, collapse=False).results.hits
    return [int(h.key[len(PAGE_PREFIX) :]) for h in hits if h.key.startswith(PAGE_PREFIX)]


def suggest(prefix: str, limit: int = 8) -> list[str]:
    """Titles containing what has been typed so far, for autocomplete (from the index)."""
    return embedded().suggest(prefix.strip(), limit)
