"""The language switcher in a real browser: to the English home and back, and to
an untranslated guide, which is shown in Chinese with a notice."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_county(shared_county):
    """Only read: the shared county serves."""
    return shared_county


def test_switch_language_and_fall_back_to_chinese(demo_county, page):
    page.goto("/")
    switch = page.locator("nav.language-switch")
    expect(switch.locator("a[aria-current]")).to_have_text("简体中文")
    switch.get_by_role("link", name="English").click()
    page.wait_for_url(re.compile(r"/en/$"))
    expect(page.locator("h1")).to_have_text("Qingshi County Government Services")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(".translation-fallback")).to_have_count(0)
    # every center is listed: the translated one in English, the others in Chinese
    expect(page.get_by_role("link", name=re.compile("Yunxi Town"))).to_have_count(1)
    expect(page.get_by_role("link", name=re.compile("松林乡"))).not_to_have_count(0)

    page.locator("nav.language-switch").get_by_role("link", name="简体中文").click()
    page.wait_for_url(lambda url: "/en/" not in url)
    expect(page.locator("h1")).to_have_text("青石县政务服务网")

    page.goto("/yunxi/guides/qs-mz-001/")
    page.locator("nav.language-switch").get_by_role("link", name="English").click()
    page.wait_for_url(re.compile(r"/en/yunxi/guides/qs-mz-001/$"))
    expect(page.locator("h1")).to_have_text("最低生活保障申请")
    expect(page.locator(".translation-fallback")).to_contain_text("not yet available in English")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("main")).to_have_attribute("lang", "zh-CN")
    expect(page.locator("nav.language-switch a[aria-current]")).to_have_text("English")
