"""Public page render times on the demo county.

Target: every public page type renders in under 50 ms (median) and under
100 ms (p95) on one core, on a throwaway SQLite database (or DATABASE_URL).

    .venv/bin/python benchmarks/page_render.py [--requests 200]
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

TARGET_MEDIAN_MS = 50
TARGET_P95_MS = 100


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="requests per page")
    args = parser.parse_args()

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        from demo.loader import load_demo

        load_demo()
        client = Client()
        urls = {
            "county home": "/",
            "center": "/yunxi/",
            "station": "/yunxi/hongyan/",
            "guide list": "/yunxi/guides/",
            "guide": "/yunxi/guides/qs-mz-001/",
            "board": "/yunxi/disclosure/",
            "county items": "/items/",
            "staff board": "/yunxi/staff/",
            "organisation": "/yunxi/staff/organisation/",
            "hall display": "/hall/yunxi/",
            "documents": "/yunxi/documents/",
            "document": "/yunxi/documents/housing-2026/",
            "catalogue": "/catalogue/?validity=valid",
            "feed": "/feeds/documents/",
            "english home": "/en/",
            "fallback (en)": "/en/yunxi/guides/qs-mz-001/",
            "board API": "/api/v1/centers/yunxi/whereabouts/",
            "404": "/no-such-page/",
        }
        print(f"{'page':<13} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
        failed = False
        for label, url in urls.items():
            client.get(url)  # warm caches as a running server would have them
            timings = []
            for _ in range(args.requests):
                start = time.perf_counter()
                client.get(url)
                timings.append((time.perf_counter() - start) * 1000)
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            median = statistics.median(timings)
            p95 = statistics.quantiles(timings, n=20)[18]
            failed |= median > TARGET_MEDIAN_MS or p95 > TARGET_P95_MS
            print(f"{label:<13} {median:>10.1f} {p95:>8.1f} {len(queries.captured_queries):>8}")
        print(
            f"target: median < {TARGET_MEDIAN_MS} ms, p95 < {TARGET_P95_MS} ms — "
            + ("MISSED" if failed else "met")
        )
        return 1 if failed else 0
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    sys.exit(main())
