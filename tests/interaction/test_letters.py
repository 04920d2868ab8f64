"""Citizens' letters: writing, the 查询码, the clock, the masked archive."""

import datetime as dt

from django.core.cache import cache

import pytest

from interaction.models import Letter, LetterEvent
from interaction.services import letters

pytestmark = pytest.mark.django_db

GOOD = {
    "kind": "consult",
    "subject": "低保怎么申请",
    "body": "我家老人想申请低保，需要带什么材料？我的电话13912345678。",
    "name": "王小明",
    "mobile": "13812345678",
    "public": "on",
}


def _write(client, center, **changes):
    return client.post(f"/{center.slug}/letters/write/", {**GOOD, **changes})


def test_a_letter_gets_a_code_and_a_due_date_in_working_days(tree, client):
    response = _write(client, tree["center"])
    assert response.status_code == 200
    letter = Letter.objects.get()
    assert letter.center_id == tree["center"].pk and letter.status == Letter.Status.RECEIVED
    assert len(letter.code) == letters.CODE_LENGTH
    text = response.content.decode()
    assert letter.code in text and letter.due_on.strftime("%Y-%m-%d") in text
    assert LetterEvent.objects.filter(letter=letter, action="received").exists()


def test_the_due_date_skips_national_day_2026():
    # 2026: 1–7 October off, Saturday 10 October worked; the day of receipt not counted.
    # 30 Sep, 8, 9, 10, 12 Oct: the 5th working day after 29 September.
    assert letters.due_date("consult", dt.date(2026, 9, 29)) == dt.date(2026, 10, 12)
    assert letters.due_date("complaint", dt.date(2026, 9, 30)) == dt.date(2026, 10, 27)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"body": ""}, "必需字段"),
        ({"body": "好"}, "至少5个字"),
        ({"body": "字" * 5000}, "2000"),
        ({"mobile": "12345"}, "11位手机号码"),
        ({"website": "http://spam.example"}, "请不要填写"),
        ({"body": "低价代开发票，加微信 fapiao888，诚信经营 www.fapiao-example.com"}, "广告"),
    ],
)
def test_bad_letters_get_a_chinese_message_and_store_nothing(tree, client, changes, message):
    response = _write(client, tree["center"], **changes)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Letter.objects.exists()


def test_markup_is_shown_as_text_never_run(tree, client):
    _write(
        client, tree["center"], subject="<script>alert(1)</script>", body="<b>加粗</b>五个字以上"
    )
    letter = Letter.objects.get()
    response = client.post("/letters/track/", {"code": letter.code, "digits": "5678"})
    text = response.content.decode()
    assert "<script>alert(1)" not in text and "&lt;script&gt;" in text


def test_floods_from_one_address_are_stopped(tree, client, settings):
    settings.LETTER_RATE_LIMITS = {"address": (3, 3600), "mobile": (100, 86400)}
    cache.clear()
    codes = [_write(client, tree["center"]).status_code for _ in range(5)]
    assert codes == [200, 200, 200, 400, 400]
    assert "过于频繁" in _write(client, tree["center"]).content.decode()
    assert Letter.objects.count() == 3


def test_tracking_needs_the_code_and_the_last_four_digits(tree, client):
    _write(client, tree["center"])
    letter = Letter.objects.get()
    found = client.post("/letters/track/", {"code": letter.code.lower(), "digits": "5678"})
    assert letter.subject in found.content.decode()
    assert letter.due_on.strftime("%Y-%m-%d") in found.content.decode()
    wrong = client.post("/letters/track/", {"code": letter.code, "digits": "0000"})
    assert letter.subject not in wrong.content.decode() and "没有找到" in wrong.content.decode()


def test_the_archive_shows_answered_letters_masked(tree, client):
    _write(client, tree["center"])
    _write(client, tree["center"], public="", subject="不要公开的信")
    for letter in Letter.objects.all():
        letters.draft(letter, None, "请携带户口簿到民政窗口办理，咨询电话13700001111。")
        letters.approve(letter, None)
    text = client.get(f"/{tree['center'].slug}/letters/").content.decode()
    assert "低保怎么申请" in text and "不要公开的信" not in text
    assert "王**" in text and "王小明" not in text
    assert "13812345678" not in text and "13912345678" not in text and "139****5678" in text
    assert "13700001111" not in text
    assert "共收到来信 2 件，已答复 2 件，按期答复 2 件" in text
    month = Letter.objects.first().received_on.strftime("%Y-%m")
    assert f'<th scope="row">{month}</th><td>2</td><td>2</td><td>2</td><td>0.0</td>' in text


def test_only_a_drafted_reply_can_be_approved(tree, client):
    _write(client, tree["center"])
    letter = Letter.objects.get()
    with pytest.raises(ValueError):
        letters.approve(letter, None)
    letters.assign(letter, None, "民政窗口")
    letters.draft(letter, None, "答复")
    letters.approve(letter, None)
    letter.refresh_from_db()
    assert letter.status == Letter.Status.REPLIED and letter.replied_on is not None
    assert [e.action for e in letter.events.all()] == [
        "received",
        "assigned",
        "drafted",
        "approved",
    ]


def test_published_letters_are_found_by_search_masked_and_only_those(tree, client):
    from search import service
    from search.models import SearchEntry

    _write(client, tree["center"])
    _write(client, tree["center"], public="", subject="不公开的低保来信")
    for letter in Letter.objects.all():
        letters.draft(letter, None, "请到民政窗口办理低保。")
        letters.approve(letter, None)
    shown = Letter.objects.get(public=True)
    hits = service.search("低保怎么申请").results.hits
    assert [h.url for h in hits if h.kind == "letter"] == [
        f"/{tree['center'].slug}/letters/{shown.pk}/"
    ]
    entry = SearchEntry.objects.get(key=f"letter:{shown.pk}")
    assert "王小明" not in entry.body and "13912345678" not in entry.body
    assert not SearchEntry.objects.filter(title="不公开的低保来信").exists()
    page = client.get(f"/{tree['center'].slug}/letters/{shown.pk}/").content.decode()
    assert "低保怎么申请" in page and "王**" in page and "王小明" not in page
    hidden = Letter.objects.get(public=False)
    assert client.get(f"/{tree['center'].slug}/letters/{hidden.pk}/").status_code == 404


def test_an_error_report_goes_to_the_center_owning_the_page(demo, client):
    from pages.models import ServiceCenterPage

    guide = "/yunxi/guides/qs-mz-001/"
    page = client.get(guide).content.decode()
    assert "/report-error/?url=/yunxi/guides/qs-mz-001/" in page  # the footer's link
    form = client.get("/report-error/", {"url": guide}).content.decode()
    assert f'value="{guide}"' in form
    report = {"url": guide, "problem": "outdated", "body": "办理时限已经改了，页面还是旧的。"}
    response = client.post("/report-error/", report)
    assert response.status_code == 200
    letter = Letter.objects.get(kind=Letter.Kind.ERROR, page_url=guide)
    assert (
        letter.center_id
        == ServiceCenterPage.objects.get(slug="yunxi", locale__language_code="zh-hans").pk
    )
    assert (letter.page_url, letter.subject) == (guide, "内容过期")
    assert letter.due_on == letters.due_date("error", letter.received_on)

    client.post("/report-error/", {**report, "url": "/en/about/"})
    county = Letter.objects.filter(kind=Letter.Kind.ERROR).latest("pk")
    assert county.center_id == demo.home.pk
    outside = client.post("/report-error/", {**report, "url": "https://example.com/"})
    assert outside.status_code == 400 and "本网站" in outside.content.decode()


def test_anonymous_error_reports_are_limited_per_address_not_site_wide(tree, settings):
    from django.test import Client

    settings.LETTER_RATE_LIMITS = {"address": (2, 3600), "mobile": (1, 86400)}
    report = {"url": "/", "problem": "typo", "body": "首页有一个错别字需要改正。"}
    first, second = Client(REMOTE_ADDR="10.0.0.1"), Client(REMOTE_ADDR="10.0.0.2")
    codes = [c.post("/report-error/", report).status_code for c in (first, first, second)]
    assert codes == [200, 200, 200]
    assert first.post("/report-error/", report).status_code == 400


def test_the_county_sets_the_limits_in_the_admin(tree, client):
    from django.contrib.auth import get_user_model

    from interaction.models import ClockSettings

    assert letters.due_date("consult", dt.date(2026, 9, 29)) == dt.date(2026, 10, 12)
    admin = get_user_model().objects.create_superuser("clock", "c@example.invalid", "x-2026-pw")
    client.force_login(admin)
    url = "/admin/settings/interaction/clocksettings/"
    assert client.get(url, follow=True).status_code == 200
    ClockSettings.objects.update_or_create(pk=1, defaults={"consult_days": 2})
    assert letters.due_date("consult", dt.date(2026, 9, 29)) == dt.date(2026, 10, 8)


def test_a_letter_names_one_of_its_centers_services(towns, client):
    from tests.factories import make_guide

    a, b = towns
    mine, theirs = make_guide(a.center, title="甲镇低保"), make_guide(b.center, title="乙镇低保")
    form = client.get(f"/{a.center.slug}/letters/write/", {"guide": mine.pk}).content.decode()
    assert "甲镇低保" in form and "乙镇低保" not in form
    assert f'<option value="{mine.pk}" selected>' in form  # from the guide page's link

    refused = _write(client, a.center, guide=str(theirs.pk))
    assert refused.status_code == 400 and not Letter.objects.exists()
    _write(client, a.center, guide=str(mine.pk))
    letter = Letter.objects.get()
    assert letter.guide_id == mine.pk
    letters.draft(letter, None, "请到民政窗口办理。")
    letters.approve(letter, None)
    shown = client.get(f"/{a.center.slug}/letters/{letter.pk}/").content.decode()
    assert "相关事项：" in shown and f'href="{mine.url}"' in shown


def test_a_guide_page_links_to_a_letter_about_it(tree, client):
    from tests.factories import make_guide

    guide = make_guide(tree["center"])
    page = client.get(guide.url).content.decode()
    assert f"/{tree['center'].slug}/letters/write/?guide={guide.pk}" in page


def test_the_countys_form_keeps_a_service_chosen_on_a_guide_page(tree, client):
    from tests.factories import make_guide

    guide = make_guide(tree["center"])
    form = client.get("/letters/write/", {"guide": guide.pk}).content.decode()
    assert f'type="hidden" name="guide" value="{guide.pk}"' in form and "<select" not in form
    client.post("/letters/write/", {**GOOD, "guide": str(guide.pk)})
    assert Letter.objects.get().guide_id == guide.pk
