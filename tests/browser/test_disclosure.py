"""政府信息公开 end to end in a real browser: a citizen applies on a phone to 云溪镇 from
its column, the officer asks for a 补正, restarts the clock and answers with a printed
告知书; the citizen reads the answer back; 松林乡's officer never sees the case."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_journey import log_into_admin

pytestmark = pytest.mark.browser

PASSWORD = "Disclosure-browser-2026"
WANTED = "2026年红岩村道路硬化项目的验收报告"


def _officer(center_slug: str) -> str:
    # ORM imports in the test: Django is set up by the time the browser tests run.
    from django.contrib.auth import get_user_model

    from disclosure.services.officers import ensure_office
    from pages.models import ServiceCenterPage

    center = ServiceCenterPage.objects.get(slug=center_slug, locale__language_code="zh-hans")
    user = get_user_model().objects.create_user(f"{center_slug}-gk-b", password=PASSWORD)
    user.groups.add(ensure_office(center).group)
    return user.username


def test_an_application_from_a_phone_is_paused_answered_and_read_back(
    demo_county, browser, live_server
):
    phone = browser.new_context(
        base_url=live_server.url, locale="zh-CN", viewport={"width": 390, "height": 844},
        is_mobile=True, has_touch=True,
    )  # fmt: skip
    citizen = phone.new_page()
    citizen.goto("/yunxi/")
    citizen.get_by_role("link", name="政府信息公开").first.click()
    expect(citizen.locator("h1")).to_have_text("政府信息公开")
    citizen.get_by_role("link", name="依申请公开").click()
    citizen.get_by_label("自然人").check()
    citizen.get_by_label("姓名或名称").fill("赵大伯")
    citizen.get_by_label("证件号码或统一社会信用代码").fill("11010519491231002X")
    citizen.get_by_label("联系电话").fill("13912340000")
    citizen.get_by_label("所需政府信息的名称或描述").fill(WANTED)
    citizen.get_by_label("纸质").check()
    citizen.get_by_label("邮寄").check()
    citizen.get_by_role("button", name="提交申请").click()
    expect(citizen.locator("h1")).to_have_text("申请已收到")
    code = citizen.locator(".letter-code strong").inner_text()
    assert re.fullmatch(r"GK\d{4}[2-9A-Z]{8}", code)
    expect(citizen.locator("main")).to_contain_text(re.compile(r"答复期限：\d{4}-\d{2}-\d{2}"))

    from disclosure.models import DisclosureRequest

    case = DisclosureRequest.objects.get(code=code)
    handle_url = f"/admin/disclosure/requests/{case.pk}/handle/"
    for username in (_officer("songlin"), _officer("yunxi")):
        context = browser.new_context(base_url=live_server.url, locale="zh-CN")
        page = context.new_page()
        log_into_admin(page, username, PASSWORD)
        page.goto("/admin/snippets/disclosure/disclosurerequest/")
        if username.startswith("songlin"):
            expect(page.locator("main")).not_to_contain_text(code)
            assert page.goto(handle_url).status == 404
            context.close()
            continue
        page.get_by_role("link", name=code).click()
        page.get_by_role("link", name="办理（补正、延期、答复）").click()
        page.get_by_label("暂停原因").select_option("correction")
        page.get_by_label("说明").first.fill("请写明是哪个组的道路")
        page.locator("section", has_text="暂停计时（补正").get_by_role("button").click()
        expect(page.locator("main")).to_contain_text("计时暂停中")
        page.locator("section", has_text="恢复计时").get_by_role("button").click()
        expect(page.locator("main")).to_contain_text("补正")
        page.get_by_label("办理结果").select_option("open")
        page.get_by_label("答复内容").fill("验收报告复印件已备好，将邮寄给您。")
        page.locator("section", has_text="答复").last.get_by_role("button").click()
        expect(page.locator("main")).to_contain_text("依申请公开告〔")
        with page.expect_response(lambda r: "/letter/" in r.url) as letter:
            page.get_by_role("link", name="查看、打印告知书").click()
        assert letter.value.headers["content-type"] == "application/pdf"
        context.close()

    citizen.goto("/yunxi/open-government/track/")
    citizen.get_by_label("申请编号").fill(code.lower())
    citizen.get_by_label("联系电话后4位").fill("0000")
    citizen.get_by_role("button", name="查询").click()
    expect(citizen.locator(".letter__reply")).to_contain_text("验收报告复印件")
    expect(citizen.locator("main")).not_to_contain_text("赵大伯")
    phone.close()
