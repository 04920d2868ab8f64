"""A center's print pack: cold and cached times, total size, A4 seconds per page.

The demo's 云溪镇 center is grown to 12 windows and 30 staff first (names and
photos reused from the demo), then its whole pack is rendered into an empty
cache (cold) and again (cached). Targets on the 2-core development machine:
cold <= 20 s, cached <= 1 s, A4 products <= 0.3 s per page (median, each
rendered alone into a second empty cache). The pack renders PRINT_WORKERS
products at a time, as the admin and `print_pack` do.

    .venv/bin/python benchmarks/print_pack.py
"""

import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from pypdf import PdfReader  # noqa: E402

TARGET_COLD_S = 20
TARGET_CACHED_S = 1
TARGET_A4_PAGE_S = 0.3
WINDOWS, STAFF = 12, 30


def grow(center) -> None:
    from pages.models import ServiceWindow
    from staff.models import StaffMember

    existing = list(StaffMember.objects.filter(center=center))
    for number in range(ServiceWindow.objects.filter(unit=center).count() + 1, WINDOWS + 1):
        ServiceWindow.objects.create(
            unit=center, number=number, name=f"综合服务{number}号窗口", phone="0859-6621001"
        )
    windows = list(ServiceWindow.objects.filter(unit=center).order_by("number"))
    for n in range(len(existing), STAFF):
        model = existing[n % len(existing)]
        StaffMember.objects.create(
            center=center,
            name=f"{model.name[0]}{'晓志国建明华'[n % 6]}{'平安军芳林杰'[n % 6]}",
            title="窗口经办人",
            work_number=f"YU-{100 + n}",
            office_phone="0859-6621001",
            window=windows[n % len(windows)],
            photo=model.photo,
            status=model.status,
        )


def main() -> int:
    setup_test_environment()
    settings.PRINT_CACHE_DIR = Path(tempfile.mkdtemp(prefix="print-bench-"))
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        from demo.loader import load_demo
        from pages.models import ServiceCenterPage
        from printing.pack import render_products
        from printing.products import center_pack

        load_demo()
        center = ServiceCenterPage.objects.get(slug="yunxi", locale__language_code="zh-hans")
        grow(center)
        products = center_pack(center)
        print(
            f"center {center.official_name}: {WINDOWS} windows, {STAFF} staff, "
            f"{len(products)} products"
        )

        start = time.perf_counter()
        files = render_products(products)  # as the admin and print_pack do it
        cold = time.perf_counter() - start
        size = sum(len(f.pdf) for f in files)

        pack_cache = settings.PRINT_CACHE_DIR
        settings.PRINT_CACHE_DIR = Path(tempfile.mkdtemp(prefix="print-bench-a4-"))
        a4_per_page: list[float] = []
        for product in products:
            if (product.width_mm, product.height_mm) != (210, 297):
                continue
            began = time.perf_counter()
            (file,) = render_products([product])
            pages = len(PdfReader(io.BytesIO(file.pdf)).pages)
            a4_per_page.append((time.perf_counter() - began) / pages)
        settings.PRINT_CACHE_DIR = pack_cache
        start = time.perf_counter()
        again = render_products(center_pack(center))
        cached = time.perf_counter() - start
        assert all(f.cached for f in again), "second pass was not served from the cache"

        a4 = statistics.median(a4_per_page)
        print(f"cold: {cold:.1f} s for {len(files)} PDFs, {size / 2**20:.1f} MiB in all")
        print(f"cached: {cached:.2f} s")
        print(f"A4 products: median {a4:.2f} s per page over {len(a4_per_page)} products")
        results = [
            ("cold", cold, TARGET_COLD_S, "s"),
            ("cached", cached, TARGET_CACHED_S, "s"),
            ("A4 per page", a4, TARGET_A4_PAGE_S, "s"),
        ]
        ok = True
        for name, value, target, unit in results:
            met = value <= target
            ok &= met
            print(f"target: {name} <= {target} {unit} — {'met' if met else 'MISSED'} ({value:.2f})")
        return 0 if ok else 1
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    sys.exit(main())
