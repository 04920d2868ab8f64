"""网站检查 at county scale: 30 centers and 50,000 pages, the whole monitor and its screen.

On the demo county grown to --centers centers (a throwaway SQLite test database,
or DATABASE_URL) with --pages pages added in bulk (notices, policy documents and
guides with their materials, some bodies with a wrong formulation or a link), it
times: the first full run (every page's wording scanned once), the next run (the
scan is incremental: what a timer's run costs), the link checker's walk over the
site, and the admin screen served from the stored result. Targets: a run in
under RUN_TARGET seconds, the screen in under SCREEN_TARGET ms.

    .venv/bin/python benchmarks/inspection.py [--centers 30] [--pages 50000]
        [--database sqlite|postgresql]   (postgresql: a throwaway cluster on loopback)
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--centers", type=int, default=30)
    parser.add_argument("--pages", type=int, default=50_000)
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    return parser.parse_args(argv)


ARGS = parse_args() if __name__ == "__main__" else None
if ARGS is not None and ARGS.database == "postgresql":
    # The database is chosen before Django reads its settings.
    from throwaway_pg import throwaway_cluster  # a script's sibling module

    _cluster = contextlib.ExitStack()
    os.environ["DATABASE_URL"] = _cluster.enter_context(throwaway_cluster())
    atexit.register(_cluster.close)

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

from wagtail.models import Locale, Page  # noqa: E402

from tqdm import tqdm  # noqa: E402

from benchmarks.disclosure import _grow  # noqa: E402
from benchmarks.growth import bulk_add_children  # noqa: E402
from demo.loader import load_demo  # noqa: E402
from documents.models import PolicyDocumentPage  # noqa: E402
from inspection.services import linkcheck, report  # noqa: E402
from pages.models import (  # noqa: E402
    CountyHomePage,
    GuideLegalBasis,
    GuideMaterial,
    GuideStep,
    NoticePage,
    SectionPage,
    ServiceGuidePage,
)

RUN_TARGET = 60.0
SCREEN_TARGET = 200.0
BODY = "<p>为进一步做好相关工作，现将有关事项通知如下。请各村（社区）认真组织实施。</p>"
WRONG = "<p>根据《中华人民共合国村民委员会组织法》的规定，现将有关事项通知如下。</p>"
LINKED = '<p>详见<a href="/no-such-page/">附件说明</a>和<a href="https://www.gov.cn/">中国政府网</a>。</p>'


def _body(n: int) -> str:
    return WRONG if n % 997 == 0 else LINKED if n % 101 == 0 else BODY


def _fill(center, per_center: int, offset: int) -> int:
    sections = {s.kind: s for s in SectionPage.objects.child_of(center)}
    today = timezone.localdate()
    notices, documents, guides = (
        per_center * 55 // 100,
        per_center * 30 // 100,
        per_center * 15 // 100,
    )
    bulk_add_children(
        sections["notices"],
        [
            NoticePage(
                title=f"第{offset + n}号公示",
                slug=f"bn-{offset + n}",
                kind="notice",
                notice_start=today - dt.timedelta(days=n % 400),
                notice_end=today - dt.timedelta(days=n % 400) + dt.timedelta(days=7),
                expire_on_end=False,
                body=_body(offset + n),
            )
            for n in range(notices)
        ],
    )
    bulk_add_children(
        sections["documents"],
        [
            PolicyDocumentPage(
                title=f"关于第{offset + n}项工作的通知",
                slug=f"bd-{offset + n}",
                publish_date=today - dt.timedelta(days=n % 900),
                doc_type="notice",
                body=_body(offset + n + 7),
            )
            for n in range(documents)
        ],
    )
    made = [
        ServiceGuidePage(
            title=f"服务事项{offset + n}申请",
            slug=f"bg-{offset + n}",
            item_type="payment",
            handling_mode="promised",
            conditions="本县户籍居民。",
            promised_limit_days=5,
            consultation_phone="0851-88881111",
            complaint_phone="0851-88882222",
        )
        for n in range(guides)
    ]
    bulk_add_children(sections["guides"], made)
    GuideStep.objects.bulk_create(GuideStep(guide=g, title="受理", sort_order=0) for g in made)
    GuideLegalBasis.objects.bulk_create(
        GuideLegalBasis(guide=g, law="《社会救助暂行办法》", sort_order=0) for g in made
    )
    GuideMaterial.objects.bulk_create(
        GuideMaterial(guide=g, name="居民身份证" if i % 50 else "其他相关材料", sort_order=0)
        for i, g in enumerate(made)
    )
    return notices + documents + guides


def _timed(call) -> tuple[float, object]:
    start = time.perf_counter()
    value = call()
    return time.perf_counter() - start, value


def main() -> int:
    args = ARGS or parse_args()
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        load_demo()
        home = CountyHomePage.objects.get(locale=Locale.get_default())
        centers = _grow(home, args.centers)
        missing = args.pages - Page.objects.count()
        per_center = max(0, missing // len(centers))
        added = 0
        for n, center in enumerate(tqdm(centers, desc="pages", unit="center")):
            added += _fill(center, per_center, n * per_center)
        total = Page.objects.count()
        print(
            f"{len(centers)} centers, {total} pages ({added} added in bulk) on {connection.vendor}"
        )

        cold, result = _timed(report.run)
        print(
            f"  first run (every page's wording scanned): {cold:.1f} s, "
            f"verdict {result['verdict']}, score {result['score']}"
        )
        warm, result = _timed(report.run)
        print(f"  next run (incremental scan, the timer's case): {warm:.1f} s")
        walk, counts = _timed(linkcheck.check_site)
        print(f"  link checker, internal links of every live page: {walk:.1f} s, {counts}")

        client = Client()
        client.force_login(get_user_model().objects.filter(is_superuser=True).first())
        client.get("/admin/inspection/")
        times = []
        for _ in range(20):
            took, response = _timed(lambda: client.get("/admin/inspection/"))
            assert response.status_code == 200, response.status_code
            times.append(took * 1000)
        median, worst = statistics.median(times), max(times)
        print(f"  admin screen from the stored run: median {median:.0f} ms, max {worst:.0f} ms")
        ok_run, ok_screen = warm < RUN_TARGET and cold < RUN_TARGET, median < SCREEN_TARGET
        print(
            f"  run: target < {RUN_TARGET:.0f} s: {'met' if ok_run else 'NOT met'} "
            f"(ratio first {cold / RUN_TARGET:.2f}, next {warm / RUN_TARGET:.2f}); "
            f"screen: target < {SCREEN_TARGET:.0f} ms: {'met' if ok_screen else 'NOT met'} "
            f"(ratio {median / SCREEN_TARGET:.2f})"
        )
        return 0 if ok_run and ok_screen else 1
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    sys.exit(main())
