"""The journey that matters, end to end in a real browser.

A villager finds their township center from the county home, reads its phone
number, switches to the elder-friendly mode, which must stick while they move
on to their village station; then an editor corrects the phone number in the
Wagtail admin and the public page shows the new one.
"""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

COUNTY_NAME = "青石县政务服务网"
CENTER_NAME = "青石县云溪镇便民服务中心"
STATION_NAME = "青石县云溪镇红岩村便民服务站"
OLD_PHONE = "0859-6621001"
NEW_PHONE = "0859-6629999"
ELDER_CLASS = re.compile(r"(^|\s)mode-elder(\s|$)")


def log_into_admin(page: Page, username: str, password: str) -> None:
    """Sign in through the real login form, as an editor would."""
    page.goto("/admin/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))


def publish_from_edit_view(page: Page) -> None:
    """Use the footer's action menu: "保存草稿" is the main button, publishing sits behind it."""
    footer = page.locator("footer.footer")
    footer.locator("[data-w-dropdown-target=toggle]").click()
    publish = footer.locator("button[name=action-publish]")
    expect(publish).to_be_visible()
    publish.click()
    page.wait_for_url(lambda url: "/edit/" not in url)


def test_villager_finds_center_and_editor_updates_its_phone(demo_county, page, settings):
    """The public pages, elder mode and the admin together, against the live server.

    Autosave is switched off: it posts drafts in the background, and a draft
    landing after the publish would leave the page with unpublished changes.
    """
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0

    # The county home is served for the live server's host through the default site.
    page.goto("/")
    expect(page.locator("h1")).to_have_text(COUNTY_NAME)
    center_link = page.locator(".card-list").get_by_role("link", name=CENTER_NAME, exact=True)
    expect(center_link).to_be_visible()

    center_link.click()
    expect(page.locator("h1")).to_have_text(CENTER_NAME)
    expect(page.locator("main .phone").filter(has_text=OLD_PHONE)).to_be_visible()
    center_url = page.url
    expect(page.locator("html")).not_to_have_class(ELDER_CLASS)

    page.locator(".display-switch").get_by_role("link", name="长辈模式").click()
    page.wait_for_url(center_url)
    expect(page.locator("html")).to_have_class(ELDER_CLASS)
    expect(page.locator(".display-switch")).to_contain_text("返回标准模式")

    page.get_by_role("link", name=STATION_NAME, exact=True).click()
    expect(page.locator("h1")).to_have_text(STATION_NAME)
    expect(page.locator("html")).to_have_class(ELDER_CLASS)

    log_into_admin(page, demo_county.username, demo_county.password)
    page.goto(f"/admin/pages/{demo_county.yunxi.pk}/edit/")
    phone_field = page.locator("input[name=consultation_phone]")
    expect(phone_field).to_have_value(OLD_PHONE)
    phone_field.fill(NEW_PHONE)
    publish_from_edit_view(page)
    expect(page.locator(".messages .success")).to_contain_text(
        re.compile(r"云溪镇便民服务中心.*发布")
    )

    page.goto(center_url)
    expect(page.locator("main .phone").filter(has_text=NEW_PHONE)).to_be_visible()
    expect(page.locator("main")).not_to_contain_text(OLD_PHONE)

    demo_county.yunxi.refresh_from_db()
    assert demo_county.yunxi.consultation_phone == NEW_PHONE
    assert demo_county.yunxi.live
    assert not demo_county.yunxi.has_unpublished_changes
