"""Listings as a center grows: time, queries and bytes at small and at large size.

Two counties are built side by side, each with one center, served as two sites:
one at a small size (50 guides, 500 documents, 20 staff) and one at the
realistic large size (1,000 guides, 10,000 documents, 200 staff with photos).
Every listing page of both is rendered with the test client, the two sizes in
turn, so a busy machine slows both alike and the ratio stays honest. Targets
at the large size: <= 100 ms and <= 30 queries per page; and large/small
<= 2x in time with equal query counts. The full boards (staff board, hall
display, API, organisation page) list every person by nature: for them the
time ratio is printed but only the query counts must stay equal.

Rows are added in bulk (treebeard paths computed here, one INSERT per batch)
on a throwaway SQLite database, or on PostgreSQL with ``--database postgresql``
(DATABASE_URL, e.g. postgres://portal@127.0.0.1:55442/portal).

    .venv/bin/python benchmarks/growth.py [--requests 20] [--database postgresql]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
# The staff photos and their renditions go to a directory thrown away at the end.
MEDIA = tempfile.mkdtemp(prefix="growth-media-")
os.environ["TEST_MEDIA_ROOT"] = MEDIA
# What a render costs (every page's first request after a purge), not the page cache.
os.environ["PORTAL_PAGE_CACHE_SECONDS"] = "0"


def _pick_database() -> None:
    """Before Django starts: --database sqlite drops DATABASE_URL (a throwaway file)."""
    if "--database" in sys.argv:
        index = sys.argv.index("--database")
        kind = sys.argv[index + 1] if index + 1 < len(sys.argv) else ""
        if kind == "sqlite":
            os.environ.pop("DATABASE_URL", None)
        elif kind == "postgresql" and not os.environ.get("DATABASE_URL", "").startswith("postgres"):
            sys.exit("--database postgresql needs DATABASE_URL=postgres://…")


_pick_database()

import django  # noqa: E402

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.core.files.images import ImageFile  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from wagtail.images import get_image_model  # noqa: E402
from wagtail.models import Locale, Page, Site  # noqa: E402

from PIL import Image  # noqa: E402

from documents.models import IssuingOrganisation, PolicyDocumentPage  # noqa: E402
from pages.models import (  # noqa: E402
    CountyHomePage,
    Department,
    GuideStep,
    LifeEvent,
    SectionPage,
    ServiceCenterPage,
    ServiceGuidePage,
    ServiceWindow,
)
from staff.images import prepare_renditions  # noqa: E402
from staff.models import StaffMember, WhereaboutsStatus  # noqa: E402

TARGET_MS = 100
TARGET_QUERIES = 30
TARGET_RATIO = 2.0
SMALL = {"guides": 50, "documents": 500, "staff": 20}
LARGE = {"guides": 1000, "documents": 10000, "staff": 200}
# Pages that list every person by nature (a board on the wall, a TV in the hall).
FULL_BOARDS = {"staff board", "hall display", "API", "organisation"}
BATCH = 500

WINDOW_NAMES = (
    "民政救助窗口",
    "社保医保窗口",
    "户籍窗口",
    "自然资源窗口",
    "农业农村窗口",
    "退役军人服务窗口",
    "残联窗口",
    "综合受理窗口",
)
ITEM_TYPES = ("license", "payment", "confirmation", "public", "convenience", "other")
TOPICS = ("labour", "health", "agriculture", "housing", "education", "government", "other")
VALIDITIES = ("valid", "valid", "valid", "amended", "repealed")
ORGANISATIONS = tuple(
    f"青石县{name}"
    for name in (
        *("人民政府办公室", "民政局", "人力资源和社会保障局", "医疗保障局", "公安局"),
        *("自然资源局", "住房和城乡建设局", "农业农村局", "卫生健康局", "退役军人事务局"),
        *("残疾人联合会", "市场监督管理局", "税务局", "乡村振兴局", "教育局"),
    )
)


@dataclass
class Scene:
    host: str
    home: Page
    center: Page
    guides_section: Page
    documents_section: Page
    windows: list
    departments: list
    themes: list
    organisations: list
    counts: dict


# --- building ----------------------------------------------------------------


def bulk_add_children(parent: Page, pages: list[Page]) -> None:
    """Add `pages` (all of one specific type) as the last children of `parent`.

    Wagtail's add_child costs several queries and a search update per page; for
    10,000 generated rows the treebeard paths are computed here and the rows
    inserted a batch at a time (the base table, then the specific table)."""
    if not pages:
        return
    model = type(pages[0])
    parent.refresh_from_db()
    last = parent.get_last_child()
    start = (Page._str2int(last.path[-Page.steplen :]) + 1) if last else 1
    content_type = ContentType.objects.get_for_model(model)
    now = dt.datetime.now(dt.UTC)
    base_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    bases = []
    for offset, page in enumerate(pages):
        page.depth = parent.depth + 1
        page.path = Page._get_path(parent.path, page.depth, start + offset)
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type = content_type
        page.locale_id = parent.locale_id
        page.translation_key = uuid.uuid4()
        page.live = True
        page.has_unpublished_changes = False
        page.draft_title = page.title
        page.first_published_at = page.last_published_at = now
        bases.append(Page(**{f.attname: getattr(page, f.attname) for f in base_fields}))
    for first in range(0, len(bases), BATCH):
        Page.objects.bulk_create(bases[first : first + BATCH])
    for page, base in zip(pages, bases, strict=True):
        page.pk = page.page_ptr_id = base.pk
    # Django refuses bulk_create for multi-table inheritance: insert the child rows
    # through the query's insert, as bulk_create does for a plain model.
    local = [f for f in model._meta.local_concrete_fields]
    for first in range(0, len(pages), BATCH):
        model._base_manager._insert(pages[first : first + BATCH], fields=local)
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(pages))


def build_reference() -> tuple[list, list]:
    """The life-event themes and issuing organisations both counties use."""
    themes = [
        LifeEvent.objects.create(name=name, slug=f"theme-{n}", locale=Locale.get_default())
        for n, name in enumerate(("生育收养", "就业创业", "养老服务", "婚姻登记", "农村建房"))
    ]
    organisations = [
        IssuingOrganisation.objects.create(name=name, code=f"QSX{n:03d}")
        for n, name in enumerate(ORGANISATIONS)
    ]
    return themes, organisations


def build_county(host: str, slug: str, town: str, reference: tuple[list, list]) -> Scene:
    """A county site with one published center (its sections made as on any publish)."""
    home = _published(
        Page.get_first_root_node(),
        CountyHomePage(
            title="青石县政务服务网",
            slug=f"county-{slug}",
            official_name="青石县人民政府政务服务中心",
            hotline="12345",
            supervision_phone="0851-88880000",
        ),
    )
    Site.objects.filter(hostname=host).delete()
    Site.objects.create(hostname=host, port=80, root_page=home, site_name=f"{home.title} {host}")
    center = _published(
        home,
        ServiceCenterPage(
            title=f"{town}便民服务中心",
            slug=slug,
            official_name=f"青石县{town}便民服务中心",
            township_name=town,
            address="青石县云溪镇人民路 1 号",
            opening_hours="周一至周五 上午 8:30—12:00",
            consultation_phone="0851-88881111",
            complaint_phone="0851-88882222",
            director_name="李四",
            market_day_calendar="solar",
            market_day_numbers="1,4,7",
        ),
    )
    windows, departments = [], []
    for number, name in enumerate(WINDOW_NAMES, start=1):
        window = ServiceWindow.objects.create(
            unit=center, number=number, name=name, phone=f"0851-8888{number:04d}"
        )
        department = Department.objects.create(center=center, name=name.replace("窗口", "办"))
        window.departments.add(department)
        windows.append(window)
        departments.append(department)
    themes, organisations = reference
    sections = SectionPage.objects.child_of(center)
    return Scene(
        host=host,
        home=home,
        center=center,
        guides_section=sections.get(kind="guides"),
        documents_section=sections.get(kind="documents"),
        windows=windows,
        departments=departments,
        themes=themes,
        organisations=organisations,
        counts={"guides": 0, "documents": 0, "staff": 0},
    )


def _published(parent: Page, page: Page) -> Page:
    """Added and published as an editor does, so the publish signals run."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def _photos(count: int) -> list:
    """One photo per person, with the renditions a save prepares (staff.images)."""
    images = [
        get_image_model().objects.create(title="工作照", file=_photo_file(), width=24, height=32)
        for _ in range(count)
    ]
    for image in images:
        prepare_renditions(image.pk)
    return images


def _photo_file():
    buffer = io.BytesIO()
    Image.new("RGB", (24, 32), "#1d4ed8").save(buffer, format="PNG")
    return ImageFile(buffer, name="growth-photo.png")


def grow(scene: Scene, size: dict) -> None:
    """Add guides, documents and staff until the center has `size` of each."""
    with transaction.atomic():
        _add_guides(scene, size["guides"] - scene.counts["guides"])
        _add_documents(scene, size["documents"] - scene.counts["documents"])
        _add_staff(scene, size["staff"] - scene.counts["staff"])
    scene.counts = dict(size)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # the planner's statistics, as a running database keeps them


def _add_guides(scene: Scene, count: int) -> None:
    first = scene.counts["guides"]
    guides = []
    for n in range(first, first + count):
        window = scene.windows[n % len(scene.windows)]
        guides.append(
            ServiceGuidePage(
                title=f"服务事项{n:04d}申请",
                slug=f"item-{n:04d}",
                item_code=f"QS-{n:04d}",
                item_type=ITEM_TYPES[n % len(ITEM_TYPES)],
                handling_mode="promised" if n % 3 else "immediate",
                window=window,
                department=scene.departments[n % len(scene.departments)],
                audience=("individual", "legal", "both")[n % 3],
                conditions="本县户籍居民，符合条件的家庭。",
                promised_limit_days=n % 20,
                statutory_limit_days=30,
            )
        )
    bulk_add_children(scene.guides_section, guides)
    GuideStep.objects.bulk_create(
        GuideStep(guide=guide, title=title, sort_order=order)
        for guide in guides
        for order, title in enumerate(("受理", "审核", "办结"))
    )
    through = ServiceGuidePage.themes.through
    through.objects.bulk_create(
        through(serviceguidepage_id=guide.pk, lifeevent_id=scene.themes[i % 5].pk)
        for i, guide in enumerate(guides)
    )


def _add_documents(scene: Scene, count: int) -> None:
    first = scene.counts["documents"]
    documents = []
    for n in range(first, first + count):
        day = dt.date(2016, 1, 1) + dt.timedelta(days=(n * 7) % 3650)
        documents.append(
            PolicyDocumentPage(
                title=f"关于做好第{n:05d}项工作的通知",
                slug=f"doc-{n:05d}",
                document_number=f"青府办发〔{day.year}〕{n % 300 + 1}号",
                publish_date=day,
                written_date=day,
                topic=TOPICS[n % len(TOPICS)],
                doc_type="notice",
                validity=VALIDITIES[n % len(VALIDITIES)],
                body="<p>为进一步做好相关工作，现将有关事项通知如下。</p>",
            )
        )
    bulk_add_children(scene.documents_section, documents)
    through = PolicyDocumentPage.organisations.through
    through.objects.bulk_create(
        through(
            policydocumentpage_id=doc.pk,
            issuingorganisation_id=scene.organisations[i % len(scene.organisations)].pk,
        )
        for i, doc in enumerate(documents)
    )


def _add_staff(scene: Scene, count: int) -> None:
    statuses = list(WhereaboutsStatus.objects.order_by("pk"))
    first = scene.counts["staff"]
    photos = iter(_photos(sum(1 for n in range(first, first + count) if n % 4)))
    members = StaffMember.objects.bulk_create(
        StaffMember(
            center=scene.center,
            name=f"职员{n:03d}",
            title="窗口经办人",
            work_number=f"{scene.center.slug[:2].upper()}-{n:04d}",
            window=None if n % 10 == 0 else scene.windows[n % len(scene.windows)],
            department=scene.departments[n % len(scene.departments)],
            office_phone="0851-88885555",
            photo=next(photos) if n % 4 else None,
            status=statuses[n % len(statuses)],
            is_leadership=n < 3,
            sort_order=n,
        )
        for n in range(first, first + count)
    )
    # AB posts: every other person names the next one as B post.
    for a, b in zip(members[::2], members[1::2], strict=False):
        a.ab_partner = b
    StaffMember.objects.bulk_update(members[::2], ["ab_partner"])


# --- measuring ---------------------------------------------------------------


def listing_urls(scene: Scene) -> dict[str, str]:
    center = scene.center.url_path.removeprefix(scene.home.url_path)
    return {
        "catalogue": "/catalogue/",
        "catalogue p.9": "/catalogue/?validity=valid&page=9",
        "documents": f"/{center}documents/",
        "guide list": f"/{center}guides/",
        "guides p.3": f"/{center}guides/?audience=individual&page=3",
        "disclosure": f"/{center}disclosure/",
        "county items": "/items/",
        "organisation": f"/{center}staff/organisation/",
        "feed": "/feeds/documents/",
        "staff board": f"/{center}staff/",
        "hall display": f"/hall/{scene.center.slug}/",
        "API": f"/api/v1/centers/{scene.center.slug}/whereabouts/",
    }


@dataclass
class Measure:
    ms: float
    queries: int
    size: int
    status: int


def _cold(client: Client, url: str, host: str):
    """The first request after the caches are emptied: its queries and its response."""
    for cache in caches.all(initialized_only=True):
        cache.clear()  # cold: the first query count a citizen's request can meet
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, HTTP_HOST=host)
    return len(queries.captured_queries), response  # now: the next request resets the log


def measure_pair(
    client: Client, small: Scene, large: Scene, label: str, requests: int
) -> tuple[Measure, Measure]:
    """One page at both sizes, timed in turn (small, large, small, …)."""
    scenes = (small, large)
    urls = [listing_urls(scene)[label] for scene in scenes]
    firsts = [_cold(client, url, scene.host) for url, scene in zip(urls, scenes, strict=True)]
    timings: tuple[list[float], list[float]] = ([], [])
    for _ in range(requests):
        for url, scene, found in zip(urls, scenes, timings, strict=True):
            start = time.perf_counter()
            client.get(url, HTTP_HOST=scene.host)
            found.append((time.perf_counter() - start) * 1000)
    small_m, large_m = (
        Measure(statistics.median(found), count, len(response.content), response.status_code)
        for (count, response), found in zip(firsts, timings, strict=True)
    )
    return small_m, large_m


def report(small: dict[str, Measure], large: dict[str, Measure]) -> bool:
    print(
        f"{'page':<14} {'small ms':>9} {'large ms':>9} {'ratio':>6} "
        f"{'queries':>11} {'large KB':>9}  target"
    )
    met = True
    for label, big in large.items():
        little = small[label]
        ratio = big.ms / little.ms if little.ms else 0.0
        ok = (
            big.status == little.status == 200
            and big.ms <= TARGET_MS
            and big.queries <= TARGET_QUERIES
            and big.queries == little.queries
            and (ratio <= TARGET_RATIO or label in FULL_BOARDS)
        )
        met &= ok
        print(
            f"{label:<14} {little.ms:>9.1f} {big.ms:>9.1f} {ratio:>5.1f}x "
            f"{little.queries:>5} →{big.queries:>4} {big.size / 1024:>9.1f}  "
            + ("met" if ok else f"MISSED (HTTP {big.status})" if big.status != 200 else "MISSED")
        )
    print(
        f"targets at {LARGE['guides']} guides / {LARGE['documents']} documents / "
        f"{LARGE['staff']} staff: <= {TARGET_MS} ms and <= {TARGET_QUERIES} queries, "
        f"equal query counts, time ratio <= {TARGET_RATIO}x (full boards: not the ratio) — "
        + ("met" if met else "MISSED")
    )
    return met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20, help="timed requests per page")
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    args = parser.parse_args()

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        started = time.perf_counter()
        reference = build_reference()
        small_scene = build_county("small.localhost", "yunxi", "云溪镇", reference)
        grow(small_scene, SMALL)
        large_scene = build_county("large.localhost", "baisha", "白沙镇", reference)
        grow(large_scene, LARGE)
        print(f"built {SMALL} and {LARGE} in {time.perf_counter() - started:.1f} s")
        client = Client()
        small, large = {}, {}
        for label in listing_urls(small_scene):
            small[label], large[label] = measure_pair(
                client, small_scene, large_scene, label, args.requests
            )
        met = report(small, large)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        shutil.rmtree(MEDIA, ignore_errors=True)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
