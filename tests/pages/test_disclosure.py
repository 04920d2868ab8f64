"""The disclosure board (政务公开栏) is generated from guides; notices come and go by date."""

import datetime as dt

from django.utils import timezone

import pytest
from bs4 import BeautifulSoup

from pages.models import NoticePage, SectionPage
from pages.services.listings import disclosure_board
from tests.factories import make_guide, make_window, publish


@pytest.fixture
def sections(tree):
    return {s.kind: s for s in SectionPage.objects.child_of(tree["center"])}


def _notice(section, title, start_offset, end_offset):
    today = timezone.localdate()
    notice = NoticePage(
        title=title,
        slug=f"n{abs(hash(title)) % 10**6}",
        notice_start=today + dt.timedelta(days=start_offset),
        notice_end=today + dt.timedelta(days=end_offset),
        body="<p>名单</p>",
    )
    section.add_child(instance=notice)
    return publish(notice)


def test_board_lists_every_window_with_its_items_and_the_supervision_phone(client, tree, sections):
    relief = make_window(tree["center"], 1, "民政救助窗口", "民政办")
    make_window(tree["center"], 2, "人社窗口", "人社中心")  # no items yet: still on the board
    make_guide(
        sections["guides"], window=relief, fee_free=False, fee_amount="5 元", fee_basis="县物价文件"
    )
    response = client.get(sections["disclosure"].url)
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    windows = [h.get_text(" ", strip=True) for h in soup.select(".board-window h3")]
    assert windows[0].startswith("1号 民政救助窗口") and windows[1].startswith("2号 人社窗口")
    row = [
        c.get_text(" ", strip=True)
        for c in soup.select("table.board tbody tr")[0].find_all(["th", "td"])
    ]
    assert row == [
        "最低生活保障申请",
        "本县户籍困难家庭。",
        "申请 → 审批",
        "20 个工作日",
        "5 元（县物价文件）",
    ]
    assert "本窗口暂无公开事项" in soup.select(".board-window")[1].get_text()
    assert "0851-88882222" in soup.select_one(".banner").get_text()


def test_board_follows_the_guides_without_retyping(client, tree, sections):
    guide = make_guide(sections["guides"], window=make_window(tree["center"]))
    guide.promised_limit_days = 7
    publish(guide)
    assert "7 个工作日" in client.get(sections["disclosure"].url).content.decode()
    guide.unpublish()
    assert guide.title not in client.get(sections["disclosure"].url).content.decode()


def test_notices_drop_off_the_board_when_their_period_ends_and_stay_in_the_archive(
    client, tree, sections
):
    _notice(sections["notices"], "低保对象公示", -2, 3)
    _notice(sections["notices"], "去年的公示", -40, -33)
    _notice(sections["notices"], "下周的公示", 3, 10)
    board = disclosure_board(tree["center"])
    assert [n.title for n in board.notices] == ["低保对象公示"]
    later = disclosure_board(tree["center"], timezone.localdate() + dt.timedelta(days=4))
    assert [n.title for n in later.notices] == ["下周的公示"]

    soup = BeautifulSoup(client.get(sections["notices"].url).content.decode(), "html.parser")
    current, ended = soup.select("main section")
    assert [a.get_text() for a in current.select("a")] == ["低保对象公示"]
    assert [a.get_text() for a in ended.select("a")] == ["去年的公示"]


def test_notice_period_must_make_sense(sections):
    from django.core.exceptions import ValidationError

    notice = NoticePage(
        title="x",
        slug="x",
        notice_start=dt.date(2026, 5, 2),
        notice_end=dt.date(2026, 5, 1),
        body="x",
    )
    with pytest.raises(ValidationError, match="公示截止日期不能早于开始日期"):
        notice.clean()


def test_demo_county_has_live_boards(client, demo):
    from pages.models import ServiceCenterPage

    for center in ServiceCenterPage.objects.filter(locale__language_code="zh-hans"):
        board = disclosure_board(center)
        assert board.item_count >= 8
        assert len(board.notices) == 1
        guides = SectionPage.objects.child_of(center).get(kind="guides")
        assert client.get(guides.url, {"theme": "pension"}).status_code == 200


def test_board_groups_items_by_place_and_the_print_lists_the_same(client, tree, sections):
    """A station's "1号 综合代办窗口" is listed under the station, never among the center's."""
    from printing.boards import disclosure_board as printed_board

    center, station = tree["center"], tree["station"]
    make_window(center, 1, "综合受理窗口", "党政办")
    desk = make_window(station, 1, "综合代办窗口", department=None)
    make_guide(sections["guides"], window=None, title="中心事项")
    make_guide(station, window=desk, title="户籍证明代办", level="village")
    soup = BeautifulSoup(client.get(sections["disclosure"].url).content.decode(), "html.parser")
    places = {
        section.h2.get_text(" ", strip=True): [
            (
                h.get_text(" ", strip=True),
                [a.get_text() for a in h.find_parent("section").select("tbody th a")],
            )
            for h in section.select(".board-window h3")
        ]
        for section in soup.select(".board-place")
    }
    titles = list(places)
    assert titles[0].startswith(center.official_name) and titles[1].startswith(
        station.official_name
    )
    station_rows = places[titles[1]]
    assert station_rows[0][0].startswith("1号 综合代办窗口")
    assert station_rows[0][1] == ["户籍证明代办"]
    assert all("户籍证明代办" not in rows for _w, rows in places[titles[0]])

    product = printed_board(center, "青石政务")
    html = BeautifulSoup(product.html(), "html.parser")
    printed = [h.get_text(strip=True) for h in html.select(".disclosure__place")]
    assert printed == [center.official_name, station.official_name]
    printed_items = sorted(
        td.strong.get_text() for td in html.select(".disclosure-table td:first-child")
    )
    assert printed_items == sorted(["中心事项", "户籍证明代办"])


def test_demo_notices_name_only_their_own_centers_villages(demo):
    from pages.models import ServiceCenterPage, VillageStationPage

    every_village = set(VillageStationPage.objects.values_list("village_name", flat=True))
    for center in ServiceCenterPage.objects.filter(locale__language_code="zh-hans"):
        own = set(
            VillageStationPage.objects.child_of(center).values_list("village_name", flat=True)
        )
        # The 公示 list households by village; a 通知 need not name any village.
        for notice in NoticePage.objects.descendant_of(center).filter(kind="publicity"):
            named = {v for v in every_village if v in notice.body}
            assert named and named <= own, (center.title, named - own)
