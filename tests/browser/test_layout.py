"""Layout on a phone, a desktop and the hall's TV, measured in a real browser.

Every public page type is visited at 390×844 (a phone) and 1366×768 (a
laptop), in the standard and the elder mode: nothing may scroll sideways, the
header may take at most a fifth of a phone's screen, and numbers such as
"8:30—12:00" or "12 号" never break across lines. Screenshots of every page
are kept under the test's tmp dir for a look by eye. The hall display is
measured at 1920×1080: date, weekday and market-day state beside the clock,
no text cut, phones readable from 5 m.

One module on one shared demo county; each test visits many pages, so the
module stays a few seconds long.
"""

import re
from dataclasses import dataclass

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import make_today_a_market_day
from tests.browser.test_whereabouts import context_for as whereabouts_context

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}
TV = {"width": 1920, "height": 1080}
HEADER_SHARE_OF_PHONE = 0.20
# Readable at 5 m on a 1080p hall screen.
HALL_MIN_PHONE_PX = 40

PUBLIC_PAGES = {
    "county-home": "/",
    "center": "/yunxi/",
    "station": "/yunxi/hongyan/",
    "guides-section": "/yunxi/guides/",
    "disclosure-section": "/yunxi/disclosure/",
    "notices-section": "/yunxi/notices/",
    "documents-section": "/yunxi/documents/",
    "guide": "/yunxi/guides/qs-mz-001/",
    "policy-document": "/yunxi/documents/housing-2026/",
    "interpretation": "/yunxi/documents/housing-2026-interpretation/",
    "notice": "/yunxi/notices/dibao-gongshi-current/",
    "organisation": "/yunxi/staff/organisation/",
    "catalogue": "/catalogue/?validity=valid",
    "search-results": "/search/?q=低保",
    "staff-board": "/yunxi/staff/",
    "county-items": "/items/",
}

# Time ranges, dates (2026年12月1日), numbers with their unit (12 号, 3 楼) and phone numbers: each
# must sit on one line, wherever it appears. Measured with a Range over the text.
UNBROKEN_NUMBERS_JS = r"""
() => {
    const time = String.raw`\d{1,2}[:：]\d{2}`;
    const pattern = new RegExp(
        `${time}\\s*[—–~～至-]+\\s*${time}|\\d{4}\\s?年\\s?\\d{1,2}\\s?月\\s?\\d{1,2}\\s?日`
        + `|\\d+\\s?[号楼层室组栋幢]|\\d{3,4}-\\d{7,8}`, "g");
    const broken = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || parent.closest("script, style, .visually-hidden, [hidden]")) continue;
        for (const match of node.data.matchAll(pattern)) {
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            const tops = new Set(
                [...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top))
            );
            if (tops.size > 1) broken.push(match[0]);
        }
    }
    return broken;
}
"""

PAGE_FACTS_JS = """
() => {
    const root = document.scrollingElement;
    const header = document.querySelector(".site-header");
    return {
        scrollWidth: root.scrollWidth,
        clientWidth: root.clientWidth,
        header: header ? header.getBoundingClientRect().height : 0,
        wide: [...document.querySelectorAll("body *")]
            .filter(e => e.getBoundingClientRect().right > root.clientWidth + 1)
            .slice(0, 3).map(e => e.tagName + "." + e.className),
    };
}
"""

# A label above its value: the value starts below the label's bottom.
STACKED_PAIRS_JS = """
() => [...document.querySelectorAll(".facts > div")].filter(d => d.offsetParent).map(d => {
    const dt = d.querySelector("dt").getBoundingClientRect();
    const dd = d.querySelector("dd").getBoundingClientRect();
    return dd.top >= dt.bottom - 1;
})
"""


@dataclass(frozen=True)
class Mode:
    name: str
    viewport: dict
    elder: bool


MODES = {
    "phone": Mode("phone", PHONE, elder=False),
    "phone-elder": Mode("phone-elder", PHONE, elder=True),
    "laptop": Mode("laptop", LAPTOP, elder=False),
    "laptop-elder": Mode("laptop-elder", LAPTOP, elder=True),
}


@pytest.fixture
def demo_county(shared_county):
    """Every page here is only read."""
    return shared_county


@pytest.fixture(scope="module")
def screenshot_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("layout-screenshots")
    print(f"layout screenshots: {path}")
    return path


def context_for(browser, live_server, settings, viewport, elder=False):
    """A Chinese-locale context of this size, in elder mode when asked."""
    context = whereabouts_context(browser, live_server, viewport=viewport)
    if elder:
        context.add_cookies(
            [{"name": settings.PORTAL_DISPLAY_COOKIE, "value": "elder", "url": live_server.url}]
        )
    return context


@pytest.mark.parametrize("mode", MODES.values(), ids=MODES.keys())
def test_every_public_page_fits_the_screen(
    demo_county, browser, live_server, settings, screenshot_dir, mode
):
    """No sideways scrolling, a compact header on phones, numbers kept whole."""
    make_today_a_market_day(demo_county.yunxi)
    context = context_for(browser, live_server, settings, mode.viewport, mode.elder)
    page = context.new_page()
    problems = []
    for name, path in PUBLIC_PAGES.items():
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        assert ("mode-elder" in (page.locator("html").get_attribute("class") or "")) == mode.elder
        page.screenshot(path=str(screenshot_dir / f"{mode.name}-{name}.png"), full_page=True)
        facts = page.evaluate(PAGE_FACTS_JS)
        if facts["scrollWidth"] > facts["clientWidth"]:
            problems.append(
                f"{path}: scrolls sideways ({facts['scrollWidth']} > {facts['clientWidth']} px,"
                f" e.g. {facts['wide']})"
            )
        limit = HEADER_SHARE_OF_PHONE * PHONE["height"]
        if mode.viewport == PHONE and facts["header"] > limit:
            problems.append(f"{path}: header {facts['header']:.0f} px > {limit:.0f} px")
        broken = page.evaluate(UNBROKEN_NUMBERS_JS)
        if broken:
            problems.append(f"{path}: numbers broken across lines: {broken[:5]}")
    context.close()
    assert not problems, "\n".join(problems)


def test_materials_become_cards_and_pairs_stack_on_a_phone(
    demo_county, browser, live_server, settings
):
    """A phone shows each material as a card with its labels, never a table to scroll sideways;
    label/value pairs stack on a phone and in elder mode, side by side on a standard desktop."""
    for mode in MODES.values():
        context = context_for(browser, live_server, settings, mode.viewport, mode.elder)
        page = context.new_page()
        page.goto(PUBLIC_PAGES["guide"])
        wrap = page.locator(".table-wrap").first
        assert wrap.evaluate("e => e.scrollWidth <= e.clientWidth"), f"{mode.name}: table scrolls"
        stacked = page.evaluate(STACKED_PAIRS_JS)
        assert stacked, "the guide shows label/value pairs"
        expected = mode.viewport == PHONE or mode.elder
        assert all(s == expected for s in stacked), f"{mode.name}: stacked {stacked}"
        if mode.viewport == PHONE:
            first = page.locator("table.materials tbody tr").first
            assert first.evaluate("e => getComputedStyle(e).display") == "block"
            # Each value carries its column's name, read out before it.
            name_cell = first.locator("td").nth(1)
            label = name_cell.evaluate("e => getComputedStyle(e, '::before').content")
            assert "材料名称" in label
        context.close()


BOARD_PAGES = ("disclosure-section", "county-items", "organisation")


def test_board_tables_fit_a_phone_as_cards(demo_county, browser, live_server, settings):
    """The disclosure board, the county item list and the organisation board never scroll
    inside their box on a phone: each row is a card, each value under its column's name."""
    for mode in (MODES["phone"], MODES["phone-elder"]):
        context = context_for(browser, live_server, settings, mode.viewport, mode.elder)
        page = context.new_page()
        for name in BOARD_PAGES:
            page.goto(PUBLIC_PAGES[name])
            wraps = page.locator(".table-wrap:has(table.board)")
            assert wraps.count(), f"{name}: no board table"
            scrolling = wraps.evaluate_all(
                "ws => ws.filter(w => w.scrollWidth > w.clientWidth).length"
            )
            assert scrolling == 0, f"{mode.name} {name}: {scrolling} board tables scroll sideways"
            row = page.locator("table.board tbody tr").first
            assert row.evaluate("e => getComputedStyle(e).display") == "block", name
            cell = row.locator("td[data-label]").first
            label = cell.evaluate("e => getComputedStyle(e, '::before').content")
            assert label.strip('"') == cell.get_attribute("data-label"), (name, label)
        context.close()


HOME_SCREENS = 3  # phone screens above the notices in force, elder mode included


def test_home_finds_items_themes_and_notices_within_a_few_phone_screens(
    demo_county, browser, live_server, settings
):
    """Popular items, themes two or more a row, and the notices in force all start within
    the first few screens of a phone, so the home stays light where most residents read it."""
    for mode in (MODES["phone"], MODES["phone-elder"]):
        context = context_for(browser, live_server, settings, mode.viewport, mode.elder)
        page = context.new_page()
        page.goto(PUBLIC_PAGES["county-home"])
        tops = {
            heading: page.locator(f"#{heading}").bounding_box()["y"]
            for heading in ("popular-title", "themes-title", "home-notices-title")
        }
        limit = HOME_SCREENS * PHONE["height"]
        assert all(top < limit for top in tops.values()), (mode.name, tops)
        rows = page.locator("#themes-title ~ ul .tile").evaluate_all(
            "tiles => new Set(tiles.map(t => Math.round(t.getBoundingClientRect().top))).size"
        )
        tiles = page.locator("#themes-title ~ ul .tile").count()
        assert tiles >= 4 and rows <= (tiles + 1) // 2, (mode.name, tiles, rows)
        context.close()


def test_staff_board_uses_the_page_width(demo_county, browser, live_server, settings):
    """On a desktop the windows' cards fill the width, and a 工号 stays on one line."""
    context = context_for(browser, live_server, settings, LAPTOP)
    page = context.new_page()
    page.goto(PUBLIC_PAGES["staff-board"])
    main = page.locator("main").bounding_box()
    rights = page.locator(".staff-card").evaluate_all(
        "cards => cards.map(c => c.getBoundingClientRect().right)"
    )
    assert max(rights) > main["x"] + 0.85 * main["width"], "the right of the page stays empty"
    windows = page.locator(".board-window")
    assert windows.nth(0).bounding_box()["y"] == windows.nth(1).bounding_box()["y"], (
        "two windows sit side by side"
    )
    for elder in (False, True):
        for viewport in (PHONE, LAPTOP):
            ctx = context_for(browser, live_server, settings, viewport, elder)
            board = ctx.new_page()
            board.goto(PUBLIC_PAGES["staff-board"])
            lines = board.locator(".work-number").evaluate_all(
                "spans => spans.map(s => new Set([...s.getClientRects()]"
                ".map(r => Math.round(r.top))).size)"
            )
            assert lines and all(n == 1 for n in lines), (viewport, elder, lines)
            ctx.close()
    context.close()


HALL_FACTS_JS = """
() => {
    const shown = (selector) => [...document.querySelectorAll(
        ".hall-slide:not([hidden]) " + selector)];
    const cut = shown(".hall-card__post, .hall-card__name, .hall-card__return")
        .filter(e => e.scrollWidth > e.clientWidth
            || getComputedStyle(e).textOverflow === "ellipsis")
        .map(e => e.textContent);
    // A word (a name, "15:00", "明天") broken across lines.
    const broken = [];
    for (const e of shown(".hall-card__name, .hall-card__return, .hall-card__post")) {
        const node = e.firstChild;
        for (const match of node.data.matchAll(/\\S+/g)) {
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            if (new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1) {
                broken.push(match[0]);
            }
        }
    }
    const phones = [...document.querySelectorAll(".hall__footer .hall__phone")]
        .map(e => parseFloat(getComputedStyle(e).fontSize));
    const slides = document.getElementById("hall-slides").getBoundingClientRect();
    const cards = shown(".hall-card").map(c => c.getBoundingClientRect());
    const last = cards[cards.length - 1];
    return {
        cut, broken, phones,
        pageWidth: document.scrollingElement.scrollWidth,
        freeBelow: slides.bottom - Math.max(...cards.map(c => c.bottom)),
        cardHeight: last.height,
    };
}
"""


@pytest.fixture
def hall(demo_county, browser, live_server, settings, screenshot_dir):
    """The hall display of 云溪 on a 1920×1080 TV, on a market day, its cards drawn."""
    make_today_a_market_day(demo_county.yunxi)
    context = context_for(browser, live_server, settings, TV)
    page = context.new_page()
    page.goto("/hall/yunxi/")
    expect(page.locator(".hall-card").first).to_be_visible()
    page.screenshot(path=str(screenshot_dir / "hall-1920.png"))
    yield page
    context.close()


def test_hall_clock_shows_date_weekday_and_market_day(hall):
    clock_area = hall.locator(".hall__when")
    expect(clock_area.locator("#hall-clock")).to_have_text(re.compile(r"^\d{2}:\d{2}:\d{2}$"))
    expect(clock_area.locator("#hall-date")).to_have_text(
        re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日星期[一二三四五六日]$")
    )
    expect(clock_area.locator("#hall-market-state")).to_have_text("今日逢场")


def test_hall_cards_cut_and_break_nothing(hall):
    """Window names are never cut ("1号 综合受理…"); names and return times break only
    between words."""
    facts = hall.evaluate(HALL_FACTS_JS)
    assert not facts["cut"], f"text cut: {facts['cut']}"
    assert not facts["broken"], f"words broken across lines: {facts['broken']}"
    assert facts["pageWidth"] <= TV["width"]


def test_hall_fills_the_screen_before_a_second_page(hall):
    assert hall.locator(".hall-slide--board").count() > 1, "the demo hall needs two pages"
    facts = hall.evaluate(HALL_FACTS_JS)
    # A page is split off only when another row of cards would not fit.
    assert facts["freeBelow"] < facts["cardHeight"], facts


def test_hall_footer_phones_are_readable_from_afar(hall):
    phones = hall.evaluate(HALL_FACTS_JS)["phones"]
    assert len(phones) == 2 and min(phones) >= HALL_MIN_PHONE_PX, phones
