"""A citizen's letter end to end in a real browser: written on a phone to 云溪镇,
answered by its editor and approved by its director, read back with the 查询码;
松林乡's staff never see it."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_journey import log_into_admin

pytestmark = pytest.mark.browser

SUBJECT = "红岩村路灯坏了"
REPLY = "已安排电工本周内修复，谢谢您的反映。"
PASSWORD = "Letters-browser-2026"


def _staff(center_slug: str, role: str):
    # ORM imports in the test: Django is set up by the time the browser tests run.
    from django.contrib.auth import get_user_model

    from editorial.models import CenterWorkspace
    from pages.models import ServiceCenterPage

    center = ServiceCenterPage.objects.get(slug=center_slug, locale__language_code="zh-hans")
    workspace = CenterWorkspace.objects.get(center=center)
    user = get_user_model().objects.create_user(f"{center_slug}-{role}-b", password=PASSWORD)
    user.groups.add(workspace.editor_group if role == "editor" else workspace.reviewer_group)
    return user.username


def test_a_letter_written_on_a_phone_is_answered_and_read_back(demo_county, browser, live_server):
    phone = browser.new_context(
        base_url=live_server.url, locale="zh-CN", viewport={"width": 390, "height": 844},
        is_mobile=True, has_touch=True,
    )  # fmt: skip
    citizen = phone.new_page()
    citizen.goto("/yunxi/")
    citizen.get_by_role("link", name="写信给本中心").click()
    citizen.get_by_label("投诉").check()
    citizen.get_by_label("标题").fill(SUBJECT)
    citizen.get_by_label("内容").fill("村口的路灯坏了一个多月，晚上走路很不方便。")
    citizen.get_by_label("姓名").fill("王大妈")
    citizen.get_by_label("手机号码").fill("13912345678")
    citizen.get_by_role("button", name="提交").click()
    expect(citizen.locator("h1")).to_have_text("来信已受理")
    code = citizen.locator(".letter-code strong").inner_text()
    assert re.fullmatch(r"[2-9A-Z]{10}", code)

    editor, director, other = (
        _staff("yunxi", "editor"),
        _staff("yunxi", "director"),
        _staff("songlin", "editor"),
    )
    # The letter as the live server stored it (same database).
    from interaction.models import Letter

    letter = Letter.objects.get(code=code)
    edit_url = f"/admin/snippets/interaction/letter/edit/{letter.pk}/"

    for username, check in ((other, "hidden"), (editor, "draft"), (director, "approve")):
        context = browser.new_context(base_url=live_server.url, locale="zh-CN")
        page = context.new_page()
        log_into_admin(page, username, PASSWORD)
        page.goto("/admin/snippets/interaction/letter/")
        if check == "hidden":
            expect(page.locator("main")).not_to_contain_text(SUBJECT)
            assert page.goto(edit_url).status == 404
        elif check == "draft":
            expect(page.locator("main")).to_contain_text(SUBJECT)
            page.goto(edit_url)
            # One of the center's own windows or departments (the first offered).
            page.locator("select[name=handler]").select_option(index=1)
            page.locator("textarea[name=reply]").fill(REPLY)
            page.locator("footer button[type=submit]").first.click()
            page.wait_for_url(lambda url: "/edit/" not in url)
        else:
            page.goto(edit_url)
            page.get_by_role("link", name="批准答复并发送").click()
            page.get_by_role("button", name="批准并发送").click()
            expect(page.locator(".messages")).to_contain_text("答复已批准")
        context.close()

    citizen.goto("/letters/track/")
    citizen.get_by_label("查询码").fill(code.lower())
    citizen.get_by_label("手机号码后4位").fill("5678")
    citizen.get_by_role("button", name="查询").click()
    expect(citizen.locator(".letter__reply")).to_contain_text(REPLY)
    expect(citizen.locator(".letter")).to_contain_text(letter.due_on.strftime("%Y-%m-%d"))
    citizen.goto("/yunxi/letters/")
    expect(citizen.locator("main")).to_contain_text(SUBJECT)
    expect(citizen.locator("main")).to_contain_text("王**")
    expect(citizen.locator("main")).not_to_contain_text("王大妈")
    phone.close()
