"""axe-core on every public page type, in both display modes where it matters.

Many readers are elderly or use assistive technology (a national requirement
for government sites), so any serious or critical axe violation fails the
build. One test per page, so a failure names the page it is about.
"""

import datetime as dt
from dataclasses import dataclass

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from pages.services.market_days import MarketDayCalendar

pytestmark = pytest.mark.browser

BLOCKING_IMPACTS = {"serious", "critical"}
TARGETS_SHOWN = 3
AXE = Axe()


@pytest.fixture
def demo_county(shared_county):
    """The pages are only read (the market-day rule below is set to the same value each time),
    so one county serves every page of this module."""
    return shared_county


@dataclass(frozen=True)
class PublicPage:
    path: str
    heading: str
    status: int = 200
    elder: bool = False
    market_banner: bool = False


CENTER = "青石县云溪镇便民服务中心"
LAST_YEAR = dt.date.today().year - 1  # the demo publishes last year's annual report
PAGES = {
    "county-home": PublicPage("/", "青石县政务服务网"),
    "center": PublicPage("/yunxi/", CENTER, market_banner=True),
    "village-station": PublicPage("/yunxi/hongyan/", "青石县云溪镇红岩村便民服务站"),
    "section": PublicPage("/yunxi/guides/", "办事指南"),
    "not-found": PublicPage("/no-such-page/", "抱歉，您访问的页面不存在", status=404),
    "service-guide": PublicPage("/yunxi/guides/qs-mz-001/", "最低生活保障申请"),
    "disclosure-board": PublicPage("/yunxi/disclosure/", "政务公开"),
    "notices": PublicPage("/yunxi/notices/", "通知公告"),
    "notice": PublicPage(
        "/yunxi/notices/dibao-gongshi-current/", "云溪镇本季度新增最低生活保障对象名单公示"
    ),
    "county-items": PublicPage("/items/", "全县服务事项清单"),
    "service-guide-elder": PublicPage("/yunxi/guides/qs-mz-001/", "最低生活保障申请", elder=True),
    "county-home-elder": PublicPage("/", "青石县政务服务网", elder=True),
    "center-elder": PublicPage("/yunxi/", CENTER, elder=True, market_banner=True),
    "staff-board": PublicPage("/yunxi/staff/", "工作人员", market_banner=True),
    "staff-board-elder": PublicPage("/yunxi/staff/", "工作人员", elder=True, market_banner=True),
    "organisation": PublicPage("/yunxi/staff/organisation/", CENTER + "领导组织机构"),
    "hall-display": PublicPage("/hall/yunxi/", CENTER),
    "staff-login": PublicPage("/staff/login/", "工作人员登录"),
    "search-results": PublicPage("/search/?q=低保", "站内搜索"),
    "search-results-elder": PublicPage("/search/?q=社保&kind=guide", "站内搜索", elder=True),
    "search-nothing-found": PublicPage("/search/?q=比特币", "站内搜索"),
    "county-home-en": PublicPage("/en/", "Qingshi County Government Services"),
    "county-catalogue": PublicPage("/catalogue/?validity=valid", "政府信息公开目录"),
    "documents-section": PublicPage("/yunxi/documents/", "政策文件"),
    "policy-document": PublicPage(
        "/yunxi/documents/housing-2026/", "云溪镇农村低收入群体住房安全保障实施方案"
    ),
    "repealed-document": PublicPage(
        "/yunxi/documents/housing-2019/", "云溪镇2019年农村危房改造实施方案"
    ),
    "interpretation": PublicPage(
        "/yunxi/documents/housing-2026-interpretation/",
        "《云溪镇农村低收入群体住房安全保障实施方案》政策解读",
    ),
    "guide-fallback-en": PublicPage("/en/yunxi/guides/qs-mz-001/", "最低生活保障申请"),
    "open-government": PublicPage("/yunxi/open-government/", "政府信息公开"),
    "disclosure-apply": PublicPage(
        "/yunxi/open-government/apply/", "向云溪镇便民服务中心申请政府信息公开"
    ),
    "annual-reports": PublicPage("/yunxi/open-government/annual-reports/", "政府信息公开年报"),
    "annual-report": PublicPage(
        f"/yunxi/open-government/annual-reports/{LAST_YEAR}/",
        f"{CENTER}{LAST_YEAR}年政府信息公开工作年度报告",
    ),
    "standard-catalogue": PublicPage(
        "/yunxi/open-government/standard-catalogue/", "云溪镇便民服务中心 基层政务公开标准目录"
    ),
}


def make_today_a_market_day(center) -> None:
    """The market-day banner depends on the date; show it on every run, so it is always scanned.

    A weekday rule covering the whole week also keeps the upcoming market days listed.
    """
    type(center).objects.filter(pk=center.pk).update(
        market_day_calendar=MarketDayCalendar.WEEKDAYS.value,
        market_day_numbers="1,2,3,4,5,6,7",
    )


def blocking_violations(violations: list[dict]) -> list[dict]:
    """Moderate and minor findings are reported by axe but do not block a release."""
    return [v for v in violations if v.get("impact") in BLOCKING_IMPACTS]


def describe(violations: list[dict]) -> str:
    """One line per rule: id, impact, help and the first few offending selectors."""
    lines = []
    for violation in violations:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]]
        shown = "; ".join(targets[:TARGETS_SHOWN])
        more = f" (+{len(targets) - TARGETS_SHOWN} more)" if len(targets) > TARGETS_SHOWN else ""
        lines.append(
            f"- {violation['id']} [{violation['impact']}] {violation['help']}: {shown}{more}"
        )
    return "\n".join(lines)


@pytest.mark.parametrize("public_page", PAGES.values(), ids=PAGES.keys())
def test_page_has_no_serious_accessibility_violations(
    demo_county, browser_context, page, live_server, settings, public_page
):
    """Scans the rendered page (CSS applied), so contrast and landmarks count too."""
    make_today_a_market_day(demo_county.yunxi)
    if public_page.elder:
        browser_context.add_cookies(
            [{"name": settings.PORTAL_DISPLAY_COOKIE, "value": "elder", "url": live_server.url}]
        )

    response = page.goto(public_page.path)
    assert response is not None and response.status == public_page.status
    expect(page.locator("h1")).to_have_text(public_page.heading)
    html_class = page.locator("html").get_attribute("class") or ""
    assert ("mode-elder" in html_class.split()) == public_page.elder
    expect(page.locator(".banner--market")).to_have_count(1 if public_page.market_banner else 0)

    violations = blocking_violations(AXE.run(page).response["violations"])
    if violations:
        pytest.fail(
            f"axe found serious/critical violations on {public_page.path}:\n{describe(violations)}",
            pytrace=False,
        )


@pytest.mark.parametrize("path", ["/yunxi/guides/?audience=individual", "/catalogue/"])
def test_page_links_are_accessible_and_large_on_a_phone_in_elder_mode(
    demo_county, browser_context, page, live_server, settings, monkeypatch, path
):
    """Long lists come a page at a time; the demo's lists fit one page, so the pages are
    made small here. Every page link is a target of at least 44 × 44 px."""
    from documents.services import document_list
    from pages.services import listings

    monkeypatch.setattr(listings, "GUIDES_PER_PAGE", 2)
    monkeypatch.setattr(document_list, "PER_PAGE", 2)
    browser_context.add_cookies(
        [{"name": settings.PORTAL_DISPLAY_COOKIE, "value": "elder", "url": live_server.url}]
    )
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(path)
    nav = page.locator("nav.pagination")
    expect(nav.locator(".pagination__status")).to_contain_text("第 1 页 / 共")
    links = nav.locator("a")
    assert links.count() >= 3
    for n in range(links.count()):
        box = links.nth(n).bounding_box()
        assert box is not None and box["width"] >= 44 and box["height"] >= 44
    violations = blocking_violations(AXE.run(page).response["violations"])
    assert not violations, describe(violations)
    links.filter(has_text="下一页").click()
    expect(nav.locator("a[aria-current=page]")).to_have_text("2")
    if "audience" in path:
        assert "audience=individual" in page.url
