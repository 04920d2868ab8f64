"""Citizens writing and rating at county scale: throughput through the real views,
then the pages that read it all back.

On the demo county (a throwaway SQLite test database, or DATABASE_URL), it
submits --letters letters through the public form and --ratings ratings
through the counter tablets (the rate limits lifted: this measures the work,
not the flood guard), answers half the letters as a director would, then
renders the archive, the ratings results and the statistics API. Target: each
of those pages within PAGE_QUERY_LIMIT queries at that size (their counts are
aggregates, not per row) and under PAGE_MS_TARGET ms.

    .venv/bin/python benchmarks/interaction.py [--letters 1000] [--ratings 10000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
os.environ["PORTAL_PAGE_CACHE_SECONDS"] = "0"  # renders, not the page cache

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from tqdm import tqdm  # noqa: E402

from demo.loader import load_demo  # noqa: E402
from interaction.models import Letter, Rating  # noqa: E402
from interaction.services import letters  # noqa: E402
from pages.models import ServiceCenterPage, ServiceWindow  # noqa: E402

PAGE_QUERY_LIMIT = 25
PAGE_MS_TARGET = 200
UNLIMITED = {"address": (10**9, 60), "mobile": (10**9, 60)}


def _timed(client: Client, path: str, runs: int = 10) -> tuple[float, int]:
    """Median ms over `runs` renders, and the queries of one."""
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), len(queries)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=1000)
    parser.add_argument("--ratings", type=int, default=10_000)
    args = parser.parse_args()

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        load_demo()
        center = ServiceCenterPage.objects.get(slug="yunxi", locale__language_code="zh-hans")
        windows = list(ServiceWindow.objects.filter(unit=center).values_list("pk", flat=True))
        client = Client()
        with override_settings(LETTER_RATE_LIMITS=UNLIMITED, RATING_RATE_LIMIT=(10**9, 60)):
            start = time.perf_counter()
            for n in tqdm(range(args.letters), desc="letters", unit="letter"):
                response = client.post(
                    f"/{center.slug}/letters/write/",
                    {
                        "kind": ("consult", "complaint", "suggestion", "help")[n % 4],
                        "subject": f"关于第{n}件事的咨询",
                        "body": "请问办理这件事需要带哪些材料，在哪个窗口办理？" * (1 + n % 3),
                        "name": "测试群众",
                        "mobile": f"139{n:08d}",
                        "public": "on",
                    },
                )
                assert response.status_code == 200, response.status_code
            letters_seconds = time.perf_counter() - start
            start = time.perf_counter()
            for n in tqdm(range(args.ratings), desc="ratings", unit="rating"):
                level = (5, 5, 5, 4, 4, 3, 5, 4, 5, 2)[n % 10]
                data = {"level": str(level)}
                if level <= 2:
                    data["reason"] = "slow"
                response = client.post(f"/rate/window/{windows[n % len(windows)]}/", data)
                assert response.status_code == 200, response.status_code
            ratings_seconds = time.perf_counter() - start
        for letter in tqdm(
            Letter.objects.filter(center=center)[: args.letters // 2],
            desc="answering",
            unit="letter",
        ):
            if letter.status != Letter.Status.REPLIED:
                letters.draft(letter, None, "您好，请携带身份证和户口簿到对应窗口办理。")
                letters.approve(letter, None)

        print(
            f"letters: {args.letters} in {letters_seconds:.1f} s "
            f"({args.letters / letters_seconds:.0f}/s); ratings: {args.ratings} in "
            f"{ratings_seconds:.1f} s ({args.ratings / ratings_seconds:.0f}/s); "
            f"stored {Letter.objects.count()} letters, {Rating.objects.count()} ratings"
        )
        met = True
        for label, path in (
            ("letter archive", f"/{center.slug}/letters/"),
            ("archive, one kind", f"/{center.slug}/letters/?kind=consult"),
            ("ratings results", f"/{center.slug}/ratings/"),
            ("letter statistics API", f"/api/v1/centers/{center.slug}/letters/stats/"),
            ("ratings API", f"/api/v1/centers/{center.slug}/ratings/"),
        ):
            ms, queries = _timed(client, path)
            ok = queries <= PAGE_QUERY_LIMIT and ms <= PAGE_MS_TARGET
            met &= ok
            print(
                f"  {label:<24} {ms:7.1f} ms {queries:4d} queries  "
                f"(target <= {PAGE_MS_TARGET} ms, <= {PAGE_QUERY_LIMIT} queries: "
                f"{'met' if ok else 'NOT met'})"
            )
        return 0 if met else 1
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    sys.exit(main())
