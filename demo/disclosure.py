"""Demo 政府信息公开: the column everywhere, an officer per unit, requests in every state.

Every center and the county have the column; each center's officer logs in
as `<center slug>-gongkai` (the county's: `county-gongkai`). 云溪镇 has a
request in each state of the legal clock (answered, waiting, paused for 补正,
extended, overdue) over this year and last, so its report has figures; the
demo phone is 13800000002 and codes are fixed (GKDEMO…) to try the tracking
page.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from wagtail.models import Locale

from core.workdays import WorkingCalendar
from demo.staff import DEMO_STAFF_PASSWORD, DemoAccount
from disclosure.models import DisclosureRequest
from disclosure.sections import ensure_column
from disclosure.services import officers
from disclosure.services import requests as cases
from pages.models import ServiceCenterPage

PHONE = "13800000002"
APPLICANT = {
    "applicant_type": "person", "name": "王建国", "id_type": "id_card",
    "id_number": "11010519491231002X", "phone": PHONE, "address": "云溪镇河街 8 号",
    "supply_form": "paper", "delivery": "pickup",
}  # fmt: skip
COMPANY = {
    "applicant_type": "business", "name": "青石县山泉茶叶专业合作社", "id_type": "",
    "id_number": "93520000MA6DEMO0X1", "contact_name": "杨秀", "phone": PHONE,
    "email": "chaye@example.invalid", "supply_form": "email", "delivery": "email",
}  # fmt: skip
# (n, applicant, what is asked, working days before today it arrived, what happened)
REQUESTS = (
    (1, APPLICANT, "2025年度本村城乡低保对象名单及保障金额", 300, ("reply", "open")),
    (2, COMPANY, "本镇茶园基础设施项目的招标公告和中标结果", 280, ("reply", "partial")),
    (3, APPLICANT, "上级下发的一份内部会议纪要", 240, ("reply", "refuse_process")),
    (4, APPLICANT, "2010年的村级集体土地权属档案", 30, ("reply", "unavailable_not_held")),
    (5, COMPANY, "镇卫生院2026年设备采购合同", 12, ("extend", None)),
    (6, APPLICANT, "“那份补贴”的文件", 6, ("correction", None)),
    (7, APPLICANT, "2026年耕地地力保护补贴发放明细", 3, ("pending", None)),
    (8, APPLICANT, "云溪河治理工程的环境影响评价文件", 24, ("overdue", None)),
)
REPLIES = {
    "open": "您申请的信息已整理成纸质材料，请携带身份证件到中心综合窗口领取。",
    "partial": "招标公告和中标结果予以公开；投标人的报价明细涉及商业秘密，不予公开。",
    "refuse_process": "您申请的会议纪要属于行政机关内部研究讨论的过程性信息，依法不予公开。",
    "unavailable_not_held": (
        "经检索，本机关未制作、获取过该年度的土地权属档案，请向县自然资源局咨询。"
    ),
}  # fmt: skip


def _officer(unit, slug: str) -> DemoAccount | None:
    office = officers.ensure_office(unit)
    username = f"{slug}-gongkai"
    user_model = get_user_model()
    if user_model.objects.filter(username=username).exists():
        return None
    password = DEMO_STAFF_PASSWORD if settings.DEBUG else secrets.token_urlsafe(12)
    name = f"{getattr(unit, 'township_name', '') or '县'}信息公开专员"
    user = user_model.objects.create_user(
        username, f"{username}@example.invalid", password, first_name=name
    )
    user.groups.add(office.group)
    return DemoAccount(username, name, password)


def _request(center, n: int, applicant: dict, what: str, days_ago: int, happened) -> None:
    code = f"GKDEMO{center.slug.upper()[:4]}{n}"
    if DisclosureRequest.objects.filter(code=code).exists():
        return
    calendar = WorkingCalendar()
    today = timezone.localdate()
    received = calendar.add_working_days(today, -days_ago)
    case = cases.receive(
        center, received_on=received, channel="online" if n % 2 else "counter",
        description=what, **applicant,
    )  # fmt: skip
    DisclosureRequest.objects.filter(pk=case.pk).update(code=code)
    case.code = code
    step, outcome = happened
    on = calendar.add_working_days(received, 2)
    if outcome == "partial":  # the bidders were asked first (第三十二条)
        cases.pause(case, None, "third_party", on, "征求中标单位意见")
        cases.resume(case, None, calendar.add_working_days(on, 6), "中标单位书面回复")
    if step == "reply":
        cases.reply(case, None, outcome=outcome, text=REPLIES[outcome],
                    on=calendar.add_working_days(received, 15))  # fmt: skip
    elif step == "extend":
        cases.extend(case, None, days=15, reason="涉及卫生院和县卫健局两个单位，需协调",
                     approved_by="云溪镇人民政府镇长", on=on)  # fmt: skip
    elif step == "correction":
        cases.pause(case, None, "correction", on, "请写明补贴的名称或文号")


OVERVIEW = (
    "<p>{year}年，云溪镇依托县政府门户网站“政府信息公开”栏目和便民服务中心公开栏，"
    "做好法定主动公开内容和基层政务公开标准目录事项的公开，依申请公开做到按期答复。</p>"
)
PROBLEMS = (
    "<p>村级公示栏更新不够及时。改进措施：每月由中心统一打印公示材料下发各村，"
    "按季度检查更新情况。</p>"
)


def _annual_report(center) -> None:
    """Last year's report, counted from the requests above, completed and published."""
    # Imported here: the report service loads the documents and pages apps' models.
    from disclosure.models import AnnualReportPage
    from disclosure.services.annual_report import generate_draft

    year = timezone.localdate().year - 1
    if AnnualReportPage.objects.live().descendant_of(center).filter(year=year).exists():
        return
    page = generate_draft(center, year)
    page.overview = OVERVIEW.format(year=year) + page.overview.split("</p>", 1)[0] + "</p>"
    page.problems = PROBLEMS
    page.save_revision().publish()


def load_disclosure(home) -> tuple[int, list[DemoAccount]]:
    """The columns, the officers and 云溪镇's requests; returns (requests, new accounts)."""
    accounts = []
    ensure_column(home)
    if (account := _officer(home, "county")) is not None:
        accounts.append(account)
    centers = ServiceCenterPage.objects.child_of(home).filter(locale=Locale.get_default())
    for center in centers:
        ensure_column(center)
        if (account := _officer(center, center.slug)) is not None:
            accounts.append(account)
        if center.slug == "yunxi":
            for n, applicant, what, days_ago, happened in REQUESTS:
                _request(center, n, applicant, what, days_ago, happened)
            load_catalogue(center)
            _annual_report(center)
    return DisclosureRequest.objects.count(), accounts


# The standard catalogue (基层政务公开标准目录): four areas, rows linked to the center's
# own pages by their type and what their titles say, one row overdue.
CATALOGUE_AREAS = ("03", "08", "10", "12")  # 财政预决算, 农村危房改造, 涉农补贴, 社会救助
CATALOGUE_LINKS = (  # (key, the page type that fulfils it, words its title may contain)
    ("12-02", "ServiceGuidePage", ("最低生活保障", "低保")),  # 办理指南
    ("12-01", "PolicyDocumentPage", ("救助", "低收入")),  # 救助政策及标准
    ("12-04", "NoticePage", ("最低生活保障对象", "低保对象")),  # 保障对象名单, quarterly
    ("08-01", "PolicyDocumentPage", ("住房安全", "危房")),  # 补助政策及申请条件
    ("10-01", "PolicyDocumentPage", ("补贴",)),  # 补贴政策文件
)
CATALOGUE_OVERDUE = "12-05"  # 特困人员认定结果: changed, never published


def load_catalogue(center, today=None) -> int:
    """A center's catalogue for the demo; idempotent. Returns the rows with links."""
    # Imported here so that this part of the demo stays self-contained: the page tree,
    from wagtail.models import Page

    # the catalogue's models and its service.
    from disclosure.models import CatalogueEntry, CatalogueLink
    from disclosure.services.catalogue import set_areas

    today = today or timezone.localdate()
    set_areas(center, CATALOGUE_AREAS)
    pages = list(
        Page.objects.descendant_of(center).live().public().specific().order_by("-last_published_at")
    )
    linked = 0
    for key, kind, words in CATALOGUE_LINKS:
        page = next(
            (p for p in pages if type(p).__name__ == kind and any(w in p.title for w in words)),
            None,
        )
        if page is None:
            continue
        entry, _created = CatalogueEntry.objects.get_or_create(unit=center, key=key)
        CatalogueLink.objects.get_or_create(entry=entry, page=page)
        linked += 1
    overdue, _created = CatalogueEntry.objects.get_or_create(unit=center, key=CATALOGUE_OVERDUE)
    overdue.changed_on = WorkingCalendar().add_working_days(today, -30)
    overdue.note = "本年度新认定特困人员名单待公示"
    overdue.save()
    return linked
