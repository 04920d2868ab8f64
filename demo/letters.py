"""Demo letters and ratings for every center: one in each state of handling, one overdue, and in
云溪镇 one overdue for 75 days, close to the inspection's three months (互动回应差).

Codes are fixed (DEMO + center + n) so that a visitor can try the tracking
page; every demo mobile is 13800000001."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from core.workdays import add_working_days
from interaction.models import Letter, LetterEvent, Rating
from interaction.services import letters, ratings
from pages.models import ServiceCenterPage, ServiceWindow

# (kind, subject, body, reply or "", days ago received, status)
LETTERS = (
    ("consult", "城乡居民医保怎么缴费", "想问一下今年的城乡居民医保在哪里缴费，可以在手机上交吗？",
     "可以通过“贵州医保”小程序或到中心社保医保窗口缴费，截止时间以县医保局通知为准。",
     20, Letter.Status.REPLIED),
    ("suggestion", "建议延长逢场天的办公时间", "逢场天办事的人多，建议中午不休息，方便赶场的群众。",
     "感谢您的建议。自下月起逢场日中午安排窗口轮流值守。", 12, Letter.Status.REPLIED),
    ("help", "老人行动不便，能否上门办理", "我父亲八十多岁，行动不便，想办理高龄津贴，能不能上门？",
     "", 2, Letter.Status.ASSIGNED),
    ("complaint", "窗口工作人员不在岗", "上周三上午去办事，民政窗口一直没人，等了一个多小时。",
     "", 30, Letter.Status.RECEIVED),
    ("consult", "新生儿落户要带什么", "孩子刚出生，落户需要准备哪些材料？",
     "", 0, Letter.Status.RECEIVED),
)  # fmt: skip
# Overdue and close to the inspection's three months (互动回应差), not past them: the demo
# fails only the one item 城关街道 is set up to fail (demo/inspection.py).
LONG_UNANSWERED_DAYS = 75
LONG_UNANSWERED = ("complaint", "村道修了一半停工", "村里通组路修了一半就停工了，什么时候能修完？")


def _add(center, n: int, kind, subject, body, reply, days_ago, status) -> None:
    code = f"DEMO{center.slug.upper()[:4]}{n}"
    if Letter.objects.filter(code=code).exists():
        return
    received = timezone.localdate() - dt.timedelta(days=days_ago)
    letter = Letter.objects.create(
        center=center, kind=kind, subject=subject, body=body, name="张晓梅",
        mobile="13800000001", public=True, code=code,
        received_on=received, due_on=letters.due_date(kind, received),
    )  # fmt: skip
    LetterEvent.objects.create(letter=letter, action="received")
    if status != Letter.Status.RECEIVED:
        letters.assign(letter, None, "民政窗口")
    if reply:
        letters.draft(letter, None, reply)
        letters.approve(letter, None)
        answered = add_working_days(received, 3)
        Letter.objects.filter(pk=letter.pk).update(replied_on=answered)


def _error_report(center) -> None:
    """One 找错 report about the center's own guide list (contact left, so trackable)."""
    code = f"DEMO{center.slug.upper()[:4]}E"
    if Letter.objects.filter(code=code).exists():
        return
    received = timezone.localdate() - dt.timedelta(days=1)
    letter = Letter.objects.create(
        center=center, kind=Letter.Kind.ERROR, subject="链接错误",
        body="办事指南列表里“残疾人两项补贴”的链接打不开。", name="", mobile="13800000001",
        public=False, code=code, page_url=f"/{center.slug}/guides/", received_on=received,
        due_on=letters.due_date("error", received),
    )  # fmt: skip
    LetterEvent.objects.create(letter=letter, action="received")


def load_letters() -> int:
    centers = list(ServiceCenterPage.objects.filter(locale__language_code="zh-hans").live())
    for center in centers:
        for n, values in enumerate(LETTERS, start=1):
            _add(center, n, *values)
        if center.slug == "yunxi":
            _add(center, 9, *LONG_UNANSWERED, "", LONG_UNANSWERED_DAYS, Letter.Status.RECEIVED)
            _error_report(center)
    return Letter.objects.count()


def load_ratings() -> int:
    """Three months of ratings at every center's windows (mostly good, as halls
    report), and in 云溪镇 two bad ones whose follow-up is under way."""
    if Rating.objects.exists():
        return Rating.objects.count()
    rng = random.Random(20261201)
    now = timezone.now()
    made = []
    for center in ServiceCenterPage.objects.filter(locale__language_code="zh-hans").live():
        windows = list(ServiceWindow.objects.filter(unit=center))
        for _ in range(60):
            made.append(
                Rating(
                    center=center,
                    window=rng.choice(windows) if windows else None,
                    level=rng.choices((5, 4, 3), weights=(70, 22, 8))[0],
                    channel=rng.choice(("onsite", "onsite", "qr", "online")),
                )
            )
    Rating.objects.bulk_create(made)
    for rating in made:
        rating.created_at = now - dt.timedelta(days=rng.randrange(90), minutes=rng.randrange(600))
    Rating.objects.bulk_update(made, ["created_at"])
    yunxi = ServiceCenterPage.objects.filter(slug="yunxi", locale__language_code="zh-hans").first()
    if yunxi is not None:
        window = ServiceWindow.objects.filter(unit=yunxi).first()
        ratings.rate(yunxi, level=1, channel="qr", window=window, reason="slow",
                     reason_text="排队两个多小时", phone="13800000002")  # fmt: skip
        ratings.rate(yunxi, level=2, channel="online", window=window, reason="unclear")
    return Rating.objects.count()
