"""A citizen searches in Chinese from any page, in a real browser: the header
box, highlighted results, a facet, and suggestions while typing."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_county(shared_county):
    """Searching only reads, so both searches run on one county."""
    return shared_county


def test_citizen_searches_from_the_header_and_narrows_by_type(demo_county, page):
    page.goto("/yunxi/")
    page.get_by_label("搜索本站").fill("低保")
    page.get_by_label("搜索本站").press("Enter")

    page.wait_for_url(re.compile(r"/search/\?q="))
    expect(page.locator("h1")).to_have_text("站内搜索")
    first = page.locator(".hit").first
    expect(first.locator(".hit__title")).to_have_text("最低生活保障申请")
    expect(page.locator(".hit mark").first).to_be_visible()

    page.locator(".facets").get_by_role("link", name=re.compile(r"^通知公示（\d+）")).click()
    expect(page).to_have_url(re.compile(r"kind=notice"))
    for label in page.locator(".hit__kind").all_inner_texts():
        assert label.startswith("通知公示")

    page.goto(page.url)  # the filtered URL is shareable: it reloads to the same answer
    expect(page.locator(".facets [aria-current=true]")).to_contain_text("通知公示")


def test_suggestions_appear_while_typing(demo_county, page):
    page.goto("/search/")
    page.locator("#search-page-q").press_sequentially("最低", delay=50)

    options = page.locator("#search-suggestions option")
    expect(options.first).to_have_attribute("value", re.compile("最低生活保障"))


PHONE = {"width": 390, "height": 844}


def test_on_a_phone_the_first_result_shows_without_scrolling(demo_county, page):
    page.set_viewport_size(PHONE)
    page.goto("/search/?q=社保")
    first = page.locator(".hit").first
    expect(first).to_be_visible()
    box = first.locator(".hit__title").bounding_box()
    assert box is not None and box["y"] + box["height"] <= PHONE["height"]
    facets = page.locator("details.facets")
    expect(facets).not_to_have_attribute("open", re.compile(".*"))  # collapsed

    facets.locator("summary").click()  # the filters are one tap away
    expect(facets.get_by_role("link", name=re.compile(r"^办事指南（\d+）"))).to_be_visible()


def test_the_no_results_message_uses_the_full_width(demo_county, page):
    for viewport in (PHONE, {"width": 1280, "height": 900}):
        page.set_viewport_size(viewport)
        page.goto("/search/?q=量子计算机")
        message = page.locator(".empty-state").bounding_box()
        article = page.locator("article").bounding_box()
        assert message is not None and article is not None
        assert message["width"] >= article["width"] - 2
