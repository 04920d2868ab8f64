"""受理告知书 counters, listed read-only for a center's own staff: another center's
counters are never shown to them."""

from printing.models import SerialCounter
from tests.editorial.conftest import towns  # noqa: F401 - the two-centers fixture

URL = "/admin/print/serials/"


def test_each_center_sees_only_its_own_counters(towns):  # noqa: F811
    a, b = towns
    SerialCounter.reserve(a.center, 2026, 30)
    SerialCounter.reserve(b.center, 2026, 10)
    SerialCounter.reserve(b.center, 2025, 50)

    page = a.client("director").get(URL).content.decode()
    assert a.center.official_name in page
    prefix_a = a.center.slug.upper()
    assert f"{prefix_a}-2026-0030" in page and f"{prefix_a}-2026-0031" in page  # last, next
    assert b.center.official_name not in page
    prefix_b = b.center.slug.upper()
    assert prefix_b not in page

    other = b.client("director").get(URL).content.decode()
    assert f"{prefix_b}-2026-0011" in other and f"{prefix_b}-2025-0051" in other
    assert a.center.official_name not in other


def test_the_listing_is_read_only(towns):  # noqa: F811
    a, _b = towns
    SerialCounter.reserve(a.center, 2026, 10)
    client = a.client("director")
    assert client.post(URL, {"last": 0}).status_code == 405
    assert SerialCounter.objects.get(center=a.center, year=2026).last == 10
    assert "/admin/print/serials/" in client.get("/admin/print/").content.decode()
