"""Search relevance on the demo county: hit@1, hit@3 and MRR per backend.

Runs every query in benchmarks/relevance_set.json against the embedded index
(always) and Elasticsearch (when ELASTICSEARCH_URL is set, into a throwaway
index that is deleted afterwards), on a throwaway SQLite database (or
DATABASE_URL). Each query is built and retried as service.search does: all
terms first, then any term when nothing matched them all.

Target: hit@3 >= 0.90 on the embedded backend (the exit status says whether it is met).

    .venv/bin/python benchmarks/search_relevance.py [--set FILE] [--all]
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import override_settings  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from search.analysis import query_terms  # noqa: E402
from search.backends.base import (  # noqa: E402
    BackendUnavailable,
    Hit,
    SearchBackend,
    SearchQuery,
    SearchResults,
)

TARGET_HIT_AT_3 = 0.90
TOP = 10
DEFAULT_SET = Path(__file__).with_name("relevance_set.json")


@dataclass(frozen=True)
class Case:
    query: str
    group: str
    titles: tuple[str, ...] = ()
    title_contains: tuple[str, ...] = ()
    center: str = ""  # the hit's center (official name) must contain this
    url_contains: str = ""

    def accepts(self, hit: Hit) -> bool:
        title_ok = hit.title in self.titles or any(s in hit.title for s in self.title_contains)
        return (
            title_ok
            and (not self.center or self.center in hit.center)
            and (not self.url_contains or self.url_contains in hit.url)
        )


@dataclass(frozen=True)
class Outcome:
    case: Case
    rank: int | None  # 1-based position of the first acceptable hit in the top TOP
    hits: list[Hit]
    total: int
    terms: list[tuple[str, ...]]
    fell_back: bool  # answered by the any-term retry


@dataclass
class Report:
    backend: str
    outcomes: list[Outcome] = field(default_factory=list)

    def share(self, within: int) -> float:
        found = sum(1 for o in self.outcomes if o.rank is not None and o.rank <= within)
        return found / len(self.outcomes) if self.outcomes else 0.0

    @property
    def mrr(self) -> float:
        ranks = [1 / o.rank for o in self.outcomes if o.rank is not None]
        return sum(ranks) / len(self.outcomes) if self.outcomes else 0.0


def load_cases(path: Path) -> list[Case]:
    raw = json.loads(path.read_text(encoding="utf-8"))
    return [
        Case(
            query=item["query"],
            group=item.get("group", ""),
            titles=tuple(item.get("titles", ())),
            title_contains=tuple(item.get("title_contains", ())),
            center=item.get("center", ""),
            url_contains=item.get("url_contains", ""),
        )
        for item in raw["queries"]
    ]


def run_query(backend: SearchBackend, text: str) -> tuple[SearchResults, list, bool]:
    """As service.search: every term must match, else any term may."""
    terms = query_terms(text)
    query = SearchQuery(text=text, terms=terms, per_page=TOP)
    results = backend.search(query)
    fell_back = False
    if results.total == 0 and len(terms) > 1:
        query.match_all_terms = False
        results = backend.search(query)
        fell_back = True
    return results, terms, fell_back


def evaluate(backend: SearchBackend, cases: list[Case]) -> Report:
    report = Report(backend.name)
    for case in cases:
        results, terms, fell_back = run_query(backend, case.query)
        hits = results.hits[:TOP]
        rank = next((i for i, hit in enumerate(hits, 1) if case.accepts(hit)), None)
        report.outcomes.append(
            Outcome(case, rank, hits, results.total, [t.alternatives for t in terms], fell_back)
        )
    return report


def _describe(hit: Hit | None) -> str:
    if hit is None:
        return "(no results)"
    place = hit.center.replace("青石县", "").replace("便民服务中心", "") or "县"
    return f"{hit.title} [{hit.kind}, {place}]"


def _outcome_line(outcome: Outcome) -> str:
    rank = f"#{outcome.rank}" if outcome.rank else f">{TOP}"
    terms = " ".join("/".join(alternatives) for alternatives in outcome.terms) or "-"
    retry = ", any-term retry" if outcome.fell_back else ""
    first = _describe(outcome.hits[0] if outcome.hits else None)
    return (
        f"  {outcome.case.query!r:<22} {rank:>4}  first: {first}"
        f"  (terms: {terms}; {outcome.total} results{retry})"
    )


def print_report(report: Report, show_all: bool) -> None:
    print(f"\n== {report.backend} ==")
    print(
        f"hit@1 {report.share(1):.3f}   hit@3 {report.share(3):.3f}   "
        f"MRR@{TOP} {report.mrr:.3f}   queries {len(report.outcomes)}"
    )
    groups: dict[str, list[Outcome]] = {}
    for outcome in report.outcomes:
        groups.setdefault(outcome.case.group or "-", []).append(outcome)
    print("by group (hit@3):")
    for group, outcomes in groups.items():
        found = sum(1 for o in outcomes if o.rank is not None and o.rank <= 3)
        print(f"  {group:<16} {found:>3}/{len(outcomes)}")
    shown = [o for o in report.outcomes if show_all or o.rank is None or o.rank > 3]
    print(("all queries:" if show_all else "missed the top 3:") + (" none" if not shown else ""))
    for outcome in shown:
        print(_outcome_line(outcome))


def elastic_backend(url: str):
    """A throwaway Elasticsearch index holding the demo county's documents."""
    from search.backends.elastic import ElasticsearchBackend
    from search.indexing import all_keys, document_for_key

    backend = ElasticsearchBackend(url, f"relevance-bench-{secrets.token_hex(4)}")
    documents = (document_for_key(key) for key in all_keys())
    backend.rebuild(d for d in documents if d is not None)
    return backend


def drop_elastic(backend) -> None:
    try:
        backend.client.indices.delete(index=f"{backend.alias}-*", ignore_unavailable=True)
    except Exception as exc:  # best effort: report it, never mask the results
        print(f"warning: could not delete Elasticsearch index {backend.alias}-*: {exc}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=DEFAULT_SET, help="the relevance set (JSON)")
    parser.add_argument("--all", action="store_true", help="list every query, not only misses")
    args = parser.parse_args()
    cases = load_cases(args.set)
    elastic_url = getattr(settings, "ELASTICSEARCH_URL", "")

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        from demo.loader import load_demo
        from search.service import embedded

        with override_settings(ELASTICSEARCH_URL=""):  # never write to a configured index
            load_demo()
        report = evaluate(embedded(), cases)
        print_report(report, args.all)
        if not elastic_url:
            print("\n== elasticsearch ==\nskipped: ELASTICSEARCH_URL is not set")
        else:
            remote = None
            try:
                remote = elastic_backend(elastic_url)
                print_report(evaluate(remote, cases), args.all)
            except BackendUnavailable as exc:
                print(f"\n== elasticsearch ==\nskipped: unavailable at {elastic_url}: {exc}")
            finally:
                if remote is not None:
                    drop_elastic(remote)
        met = report.share(3) >= TARGET_HIT_AT_3
        print(
            f"\ntarget: hit@3 >= {TARGET_HIT_AT_3:.2f} — "
            + (f"met ({report.share(3):.3f})" if met else f"MISSED ({report.share(3):.3f})")
        )
        return 0 if met else 1
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    sys.exit(main())
