"""Annual reports at county scale: every center's and the county's, from 10,000 requests.

On the demo county grown to --centers centers (a throwaway SQLite test
database, or DATABASE_URL), it stores --requests requests spread over the
last three years (received, some paused and extended, most answered with an
official outcome), then generates every center's annual report draft and the
county's (its own cases plus the roll-up of its townships) for the middle
year, and prints the time and the queries of each. Target: all reports in
under TARGET_SECONDS, and the queries of one report independent of the number
of requests.

    .venv/bin/python benchmarks/disclosure.py [--centers 30] [--requests 10000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from wagtail.models import Locale  # noqa: E402

from tqdm import tqdm  # noqa: E402

from core.workdays import WorkingCalendar  # noqa: E402
from demo.loader import load_demo  # noqa: E402
from disclosure.models import ApplicantType, DisclosureRequest, RequestPause  # noqa: E402
from disclosure.outcomes import OUTCOME_CODES  # noqa: E402
from disclosure.services import annual_report  # noqa: E402
from disclosure.services.clock import REPLY_WORKING_DAYS  # noqa: E402
from pages.models import CountyHomePage, ServiceCenterPage  # noqa: E402

TARGET_SECONDS = 30.0


def _grow(home, centers: int) -> list[ServiceCenterPage]:
    """Add centers until there are `centers` (each gets its column, as in the admin)."""
    existing = list(ServiceCenterPage.objects.child_of(home).filter(locale=Locale.get_default()))
    for n in tqdm(range(len(existing), centers), desc="centers", unit="center"):
        center = ServiceCenterPage(
            title=f"第{n}镇便民服务中心", slug=f"bench-{n}",
            official_name=f"青石县第{n}镇便民服务中心", township_name=f"第{n}镇",
            address=f"青石县第{n}镇人民路 1 号",
            opening_hours="周一至周五 上午 8:30—12:00", director_name="测试主任",
            consultation_phone="0851-88881111", complaint_phone="0851-88882222",
        )  # fmt: skip
        home.add_child(instance=center)
        center.save_revision().publish()
    return list(ServiceCenterPage.objects.child_of(home).filter(locale=Locale.get_default()))


def _requests(units: list, total: int, years: list[int]) -> None:
    """`total` requests over `years`, in bulk (the cases' clocks as the service sets them)."""
    rng = random.Random(2026)
    calendar = WorkingCalendar()
    kinds = list(ApplicantType.values)
    today = dt.date(years[-1], 12, 1)
    rows, pauses = [], []
    for n in tqdm(range(total), desc="requests", unit="request"):
        year = years[n % len(years)]
        received = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
        received = min(received, today)
        due = calendar.add_working_days(received, REPLY_WORKING_DAYS)
        answered = rng.random() < 0.93
        replied = calendar.add_working_days(received, rng.randrange(1, 20)) if answered else None
        if replied and replied > today:
            replied = None
        rows.append(
            DisclosureRequest(
                center=units[n % len(units)], code=f"GKBENCH{n:08d}", channel="online",
                applicant_type=rng.choices(kinds, weights=(80, 8, 2, 2, 5, 3))[0],
                name="测试申请人", id_number="11010519491231002X", phone="13800000000",
                description="某项政府信息", supply_form="paper", delivery="post",
                received_on=received, clock_starts_on=received, due_on=due,
                status="replied" if replied else "pending",
                outcome=rng.choice(OUTCOME_CODES) if replied else "",
                replied_on=replied, fee=0,
            )
        )  # fmt: skip
    DisclosureRequest.objects.bulk_create(rows, batch_size=1000)
    for case in DisclosureRequest.objects.filter(replied_on__isnull=True)[: total // 50]:
        pauses.append(RequestPause(request=case, kind="correction", started_on=case.received_on))
    RequestPause.objects.bulk_create(pauses)


def _counted(call) -> tuple[float, int]:
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    start = time.perf_counter()
    with connection.execute_wrapper(count):
        call()
    return time.perf_counter() - start, len(queries)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--centers", type=int, default=30)
    parser.add_argument("--requests", type=int, default=10_000)
    args = parser.parse_args()

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        load_demo()
        home = CountyHomePage.objects.get(locale=Locale.get_default())
        centers = _grow(home, args.centers)
        years = [2024, 2025, 2026]
        _requests([*centers, home], args.requests, years)
        year = years[1]
        print(f"{len(centers)} centers, {DisclosureRequest.objects.count()} requests {years}")
        seconds, queries = [], []
        for unit in tqdm(centers, desc=f"{year} reports", unit="report"):
            took, n = _counted(lambda unit=unit: annual_report.generate_draft(unit, year))
            seconds.append(took)
            queries.append(n)
        county, county_queries = _counted(lambda: annual_report.generate_draft(home, year))
        total = sum(seconds) + county
        print(
            f"  center reports: {len(centers)}, median {statistics.median(seconds) * 1000:.0f} ms, "
            f"max {max(seconds) * 1000:.0f} ms, queries median {statistics.median(queries):.0f} "
            f"max {max(queries)}"
        )
        print(
            f"  county report (with the roll-up): {county * 1000:.0f} ms, {county_queries} queries"
        )
        print(
            f"  all reports: {total:.1f} s (target < {TARGET_SECONDS:.0f} s: "
            f"{'met' if total < TARGET_SECONDS else 'NOT met'}; "
            f"ratio {total / TARGET_SECONDS:.2f} of the target)"
        )
        return 0 if total < TARGET_SECONDS else 1
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    sys.exit(main())
