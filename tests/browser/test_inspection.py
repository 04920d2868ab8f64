"""网站检查 in a real browser: the county administrator finds the failing item and the
township on one screen, follows the link to the column, and after the township's fix the
next run is green; publishing 云溪镇's draft shows the wrong formulation."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_journey import log_into_admin, publish_from_edit_view

pytestmark = pytest.mark.browser

PASSWORD = "Inspection-browser-2026"


def _county_admin() -> str:
    # ORM imports in the test: Django is set up by the time the browser tests run.
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("insp-admin", "i@example.invalid", PASSWORD)
    return "insp-admin"


def test_the_administrator_sees_the_veto_fixes_it_and_sees_it_pass(demo_county, page):
    # ORM-backed imports in the test: Django is set up by the time the browser tests run.
    from inspection.services import report
    from tests.inspection.test_demo import _fix_chengguan

    log_into_admin(page, _county_admin(), PASSWORD)  # load_demo ran the inspection once
    page.get_by_role("link", name="网站检查").first.click()
    expect(page.locator(".insp-verdict")).to_contain_text("不合格（单项否决）")
    item = page.locator('[data-item="columns"]')
    expect(item).to_have_attribute("data-status", "fail")
    page.get_by_role("link", name="城关街道便民服务中心").first.click()
    rows = page.locator('[data-item="columns"] tbody tr')
    expect(rows.filter(has_text="街道要闻")).to_contain_text("空白栏目")
    expect(rows.filter(has_text="云溪镇")).to_have_count(0)  # only the township asked for
    rows.filter(has_text="工作动态").get_by_role("link").click()
    expect(page.locator("#id_title")).to_have_value("工作动态")

    _fix_chengguan()
    report.run()
    page.goto("/admin/inspection/")
    expect(page.locator('[data-item="columns"]')).to_have_attribute("data-status", "pass")
    expect(page.locator(".insp-verdict")).to_contain_text("合格")


def test_publishing_the_draft_warns_about_its_wording(demo_county, page):
    # ORM imports in the test: Django is set up by the time the browser tests run.
    from pages.models import NoticePage

    draft = NoticePage.objects.get(slug="law-week-draft")
    log_into_admin(page, _county_admin(), PASSWORD)
    page.goto(f"/admin/pages/{draft.pk}/edit/")
    publish_from_edit_view(page)
    expect(page.locator(".messages")).to_contain_text("「中华人民共合国」应为「中华人民共和国」")
    page.locator(".messages").get_by_text("点击查看").first.click()
    expect(page.locator("mark").first).to_contain_text("中华人民共合国")
