"""好差评: the counter tablet, a QR code's bad rating opening a follow-up with its
deadlines, a guide's rating page, and the monthly results."""

from django.utils import timezone

import pytest

from core.workdays import add_working_days
from interaction.models import FollowUp, Rating
from tests.factories import make_guide, make_window

pytestmark = pytest.mark.django_db


@pytest.fixture
def window(tree):
    return make_window(tree["center"], number=3, name="民政窗口")


def test_the_counter_tablet_records_a_rating_and_resets(tree, window, client):
    url = f"/rate/window/{window.pk}/"
    page = client.get(url).content.decode()
    assert page.count('name="level"') == 5 and "非常满意" in page and "非常不满意" in page
    done = client.post(url, {"level": "5"}).content.decode()
    assert "谢谢您的评价" in done and 'http-equiv="refresh"' in done
    rating = Rating.objects.get()
    assert (rating.center_id, rating.window_id, rating.channel) == (
        tree["center"].pk, window.pk, "onsite",
    )  # fmt: skip
    assert not FollowUp.objects.exists()


def test_a_bad_rating_from_a_qr_code_asks_why_and_opens_a_follow_up(tree, window, client):
    url = f"/rate/window/{window.pk}/?channel=qr"
    asked = client.post(url, {"level": "1", "channel": "qr"}).content.decode()
    assert "请告诉我们原因" in asked and not Rating.objects.exists()
    done = client.post(
        url,
        {"level": "1", "channel": "qr", "reason": "slow", "reason_text": "等了两个小时",
         "phone": "13900001111"},
    ).content.decode()  # fmt: skip
    rating = Rating.objects.get()
    assert (rating.level, rating.channel, rating.reason) == (1, "qr", "slow")
    case = rating.follow_up
    today = timezone.localdate()
    assert case.visit_due == add_working_days(today, 1)
    assert case.rectify_due == add_working_days(today, 15)
    assert case.rectify_due.strftime("%Y-%m-%d") in done


def test_a_guide_page_carries_the_five_faces_and_a_good_one_is_confirmed(tree, window, client):
    guide = make_guide(tree["center"], window=window)
    html = client.get(guide.url).content.decode()
    block = html[html.index('class="rate__faces"') :]
    block = block[: block.index("</form>")]
    assert 'method="get"' in block and f'action="/rate/guide/{guide.pk}/"' in block
    assert block.count('name="level"') == 5 and "非常满意" in block and "非常不满意" in block
    assert "csrfmiddlewaretoken" not in block  # the guide page itself stays cacheable

    chosen = client.get(f"/rate/guide/{guide.pk}/", {"level": "4"}).content.decode()
    assert "您选择了“满意”" in chosen and not Rating.objects.exists()  # a GET records nothing
    assert 'name="level" value="4"' in chosen and "csrfmiddlewaretoken" in chosen
    client.post(f"/rate/guide/{guide.pk}/", {"level": "4"})
    rating = Rating.objects.get()
    assert (rating.guide_id, rating.window_id, rating.channel) == (guide.pk, window.pk, "online")


def test_a_bad_face_on_a_guide_page_asks_why_first(tree, window, client):
    guide = make_guide(tree["center"], window=window)
    asked = client.get(f"/rate/guide/{guide.pk}/", {"level": "1"}).content.decode()
    assert "请告诉我们原因" in asked and 'name="reason"' in asked
    for nonsense in ("9", "²", "x", "-1"):
        page = client.get(f"/rate/guide/{guide.pk}/", {"level": nonsense})
        assert page.status_code == 200 and page.content.decode().count('name="level"') == 5
    assert not Rating.objects.exists()


def test_a_centers_rating_page_lets_the_rater_pick_one_of_its_services(towns, client):
    a, b = towns
    mine, theirs = make_guide(a.center, title="甲镇低保"), make_guide(b.center, title="乙镇低保")
    page = client.get(f"/rate/center/{a.center.slug}/?channel=qr").content.decode()
    assert "甲镇低保" in page and "乙镇低保" not in page and page.count('name="level"') == 5
    url = f"/rate/center/{a.center.slug}/"
    client.post(url, {"level": "5", "channel": "qr", "guide": str(mine.pk)})
    client.post(url, {"level": "5", "channel": "qr", "guide": str(theirs.pk)})  # not this center's
    client.post(url, {"level": "5", "channel": "qr"})
    picked = list(Rating.objects.order_by("pk").values_list("center_id", "guide_id", "channel"))
    assert picked == [
        (a.center.pk, mine.pk, "qr"),
        (a.center.pk, None, "qr"),
        (a.center.pk, None, "qr"),
    ]
    asked = client.post(url, {"level": "1", "guide": str(mine.pk)}).content.decode()
    assert f'name="guide" value="{mine.pk}"' in asked  # the pick travels to the reason step


def test_nonsense_is_refused_with_a_chinese_message(tree, window, client):
    url = f"/rate/window/{window.pk}/"
    assert "请选择一个评价" in client.post(url, {"level": "9"}).content.decode()
    bad_phone = {"level": "2", "reason": "other", "phone": "12345"}
    assert "11位手机号码" in client.post(url, bad_phone).content.decode()
    assert not Rating.objects.exists()
    assert client.get("/rate/window/999999/").status_code == 404


def test_the_results_show_the_monthly_good_rate(tree, window, client):
    for level in (5, 5, 4, 1):
        Rating.objects.create(center=tree["center"], window=window, level=level, channel="onsite")
    text = client.get(f"/{tree['center'].slug}/ratings/").content.decode()
    assert "75.0%" in text and timezone.localdate().strftime("%Y-%m") in text
    assert "3号窗口 民政窗口" in text  # this month per window


def test_a_center_handles_its_own_follow_ups_only(towns):
    from interaction.services import ratings

    a, b = towns
    mine = ratings.rate(a.center, level=1, channel="qr", reason="slow", phone="13900001111")
    theirs = ratings.rate(b.center, level=2, channel="online", reason="other")
    cases = "/admin/snippets/interaction/followup/"
    listing = a.client("editor").get(cases)
    assert listing.status_code == 200
    assert a.client("editor").get(f"{cases}edit/{theirs.follow_up.pk}/").status_code == 404
    edit = a.client("editor").post(
        f"{cases}edit/{mine.follow_up.pk}/",
        {"visited_on": "2026-12-02", "result": "已调整窗口人员，高峰期增开窗口。", "closed_on": ""},
    )
    assert edit.status_code == 302
    mine.follow_up.refresh_from_db()
    assert mine.follow_up.result.startswith("已调整")
    home = a.client("director").get("/admin/").content.decode()
    assert "差评整改中" in home


def test_the_api_gives_monthly_ratings_and_letter_counts_only(demo, client):
    ratings_json = client.get("/api/v1/centers/yunxi/ratings/").json()
    assert ratings_json["months"] and ratings_json["months"][0]["total"] > 0
    assert set(ratings_json["months"][0]["levels"]) == {
        "非常满意", "满意", "基本满意", "不满意", "非常不满意",
    }  # fmt: skip
    stats = client.get("/api/v1/centers/yunxi/letters/stats/")
    body = stats.content.decode()
    assert stats.json()["received"] >= 6 and stats.json()["answered"] >= 2
    assert "张晓梅" not in body and "13800000001" not in body
    assert client.get("/api/v1/centers/nowhere/ratings/").status_code == 404


def test_the_rater_reads_what_was_done_with_the_cases_code(tree, window, client):
    url = f"/rate/window/{window.pk}/"
    done = client.post(url, {"level": "2", "reason": "errands"}).content.decode()
    case = FollowUp.objects.get()
    assert case.code and case.code in done
    before = client.post("/rate/track/", {"code": case.code.lower()}).content.decode()
    assert "正在整改" in before and case.rectify_due.strftime("%Y-%m-%d") in before
    case.result = "已推行一次性告知清单。"
    case.save()
    after = client.post("/rate/track/", {"code": case.code}).content.decode()
    assert "已推行一次性告知清单" in after
    assert "没有找到" in client.post("/rate/track/", {"code": "AAAAAAAAAA"}).content.decode()
