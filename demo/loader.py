"""Load (or refresh) the demo county. Idempotent: pages are found by slug and
only re-published when their content differs from the tables in data.py."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from wagtail.models import Locale, Page, Site

from core.sections import SectionKind
from pages.models import (
    CountyHomePage,
    Department,
    GuideLegalBasis,
    GuideMaterial,
    GuideStep,
    LifeEvent,
    NoticePage,
    SectionPage,
    ServiceCenterPage,
    ServiceGuidePage,
    ServiceWindow,
    VillageAgent,
    VillageStationPage,
)
from scanner.service import seed_default_lexicon
from search.service import deferred_updates

from . import data, service_items
from .accounts import load_roles, load_translations
from .disclosure import load_disclosure
from .documents import load_documents
from .inspection import load_inspection
from .letters import load_letters, load_ratings
from .rules import load_rules
from .staff import load_staff

DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_PASSWORD = "Qingshi-demo-2026"  # noqa: S105  (documented demo login, DEBUG only)

Progress = Callable[[str], None]


@dataclass
class DemoResult:
    home: CountyHomePage
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    admin_username: str = DEMO_ADMIN_USERNAME
    admin_password: str | None = None  # None: existing account, password left alone
    staff_accounts: list = field(default_factory=list)  # demo.staff.DemoAccount, new this run


def _remove_wagtail_welcome_page() -> None:
    """Wagtail's first migration leaves a 'Welcome' page; the county home replaces it."""
    page_type = ContentType.objects.get_for_model(Page)
    for page in Page.objects.filter(depth=2, content_type=page_type):
        if page.numchild == 0:
            page.delete()


def _upsert(parent: Page, model: type[Page], values: dict, result: DemoResult, **children) -> Page:
    slug = values["slug"]
    page = model.objects.child_of(parent).filter(slug=slug).first()
    label = f"{model._meta.verbose_name}: {values['title']}"
    if page is None:
        page = model(**values, **children)
        parent.add_child(instance=page)
        page.save_revision().publish()
        result.created.append(label)
        return page
    changed = False
    for name, value in values.items():
        current = getattr(page, name)
        if isinstance(current, Decimal):
            value = Decimal(value)
        if current != value:
            setattr(page, name, value)
            changed = True
    if changed or not page.live or page.has_unpublished_changes:
        page.save_revision().publish()
        result.updated.append(label)
    else:
        result.unchanged.append(label)
    return page


def _sync_agents(station: VillageStationPage, agents: list[dict], result: DemoResult) -> None:
    fields = ("name", "phone", "center_weekdays", "on_market_days", "duties")
    current = [{f: getattr(a, f) for f in fields} for a in station.agents.all()]
    if current == agents:
        return
    station.agents = [VillageAgent(sort_order=i, **agent) for i, agent in enumerate(agents)]
    station.save_revision().publish()
    result.updated.append(f"代办员: {station.title}")


def _ensure_admin(result: DemoResult) -> None:
    user_model = get_user_model()
    user = user_model.objects.filter(username=DEMO_ADMIN_USERNAME).first()
    if user is not None:
        return
    password = DEMO_ADMIN_PASSWORD if settings.DEBUG else secrets.token_urlsafe(12)
    user_model.objects.create_superuser(
        DEMO_ADMIN_USERNAME, "admin@example.invalid", password, first_name="演示管理员"
    )
    result.admin_password = password


@transaction.atomic
def load_demo(progress: Progress = lambda message: None) -> DemoResult:
    with deferred_updates():  # index everything once, at the end
        return _load_demo(progress)


def _load_demo(progress: Progress) -> DemoResult:
    _remove_wagtail_welcome_page()
    root = Page.get_first_root_node()
    county = {k: v for k, v in data.COUNTY.items()}
    result = DemoResult(home=None)  # type: ignore[arg-type]
    home = _upsert(root, CountyHomePage, county, result)
    result.home = home
    progress(f"county home: {home.title}")

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=home.title,
        )
    elif site.root_page_id != home.pk or site.site_name != home.title:
        site.root_page = home
        site.site_name = home.title
        site.save()

    for center_data in data.CENTERS:
        values = {k: v for k, v in center_data.items() if k != "stations"}
        center = _upsert(home, ServiceCenterPage, values, result)
        progress(f"center: {center.title}")
        for station_data in center_data["stations"]:
            values = {k: v for k, v in station_data.items() if k != "agents"}
            agents = station_data["agents"]
            station = _upsert(
                center,
                VillageStationPage,
                values,
                result,
                agents=[VillageAgent(sort_order=i, **a) for i, a in enumerate(agents)],
            )
            _sync_agents(station, agents, result)
            progress(f"  station: {station.title}")

    _load_catalogue(home, result)
    progress(f"catalogue: {len(service_items.ITEMS)} items per center, windows and notices")
    result.staff_accounts = load_staff(home, result.created)
    progress("staff: every window staffed, AB pairs, statuses")
    load_rules()
    progress("hall rules: county-wide rule boards")
    seed_default_lexicon()

    documents = load_documents(home)
    progress(f"policy documents: {documents} created (one repealed, one interpretation)")
    result.staff_accounts += load_roles(home)
    progress("roles: an editor (编辑) and a director (审核) login per center")
    progress(f"letters: {load_letters()} from citizens, in every state of handling")
    progress(f"ratings: {load_ratings()} over three months, two bad ones followed up")
    requests, officers = load_disclosure(home)
    result.staff_accounts += officers
    progress(f"disclosure: the column everywhere, an officer per unit, {requests} requests")
    for line in load_inspection():
        progress(f"inspection: {line}")
    translated = load_translations(home)
    progress(f"translations: {len(translated)} pages translated into English")
    _ensure_admin(result)
    return result


def _load_catalogue(home: CountyHomePage, result: DemoResult) -> None:
    """Windows, departments, guides and notices for every demo center (create-only)."""
    themes = {}
    for order, (name, slug) in enumerate(service_items.LIFE_EVENTS):
        themes[slug], _ = LifeEvent.objects.get_or_create(
            slug=slug, locale=Locale.get_default(), defaults={"name": name, "sort_order": order}
        )
    for center in ServiceCenterPage.objects.child_of(home):
        windows = {}
        for number, name, departments in service_items.WINDOWS:
            window, _ = ServiceWindow.objects.get_or_create(
                unit=center,
                number=number,
                defaults={"name": name, "phone": center.consultation_phone},
            )
            for department_name in departments:
                department, _ = Department.objects.get_or_create(
                    center=center, name=department_name
                )
                window.departments.add(department)
            windows[number] = window
        section = SectionPage.of_kind(center, SectionKind.GUIDES).first()
        if section is None:
            continue
        for item in service_items.ITEMS:
            slug = item["code"].lower()
            if ServiceGuidePage.objects.child_of(section).filter(slug=slug).exists():
                result.unchanged.append(f"办事指南: {item['title']}")
                continue
            window = windows[item["window"]]
            guide = _build_guide(item, slug, window)
            section.add_child(instance=guide)
            guide.themes.set([themes[t] for t in item["themes"]])
            guide.save_revision().publish()
            result.created.append(f"办事指南: {center.title} {item['title']}")
        _load_notices(center, result)
        for station in VillageStationPage.objects.child_of(center):
            _load_station_catalogue(station, themes, result)


def _load_station_catalogue(station, themes: dict, result: DemoResult) -> None:
    """A station's own windows and the items its village agents handle."""
    windows = {}
    for number, name in service_items.STATION_WINDOWS:
        windows[number], _ = ServiceWindow.objects.get_or_create(
            unit=station, number=number, defaults={"name": name, "phone": station.phone}
        )
    for item in service_items.STATION_ITEMS:
        slug = item["code"].lower()
        if ServiceGuidePage.objects.child_of(station).filter(slug=slug).exists():
            result.unchanged.append(f"代办事项: {item['title']}")
            continue
        guide = _build_guide(item, slug, windows[item["window"]])
        guide.level = "village"
        station.add_child(instance=guide)
        guide.themes.set([themes[t] for t in item["themes"]])
        guide.save_revision().publish()
        result.created.append(f"代办事项: {station.title} {item['title']}")


def _build_guide(item: dict, slug: str, window) -> ServiceGuidePage:
    return ServiceGuidePage(
        title=item["title"],
        slug=slug,
        item_code=item["code"],
        item_type=item["item_type"],
        handling_mode=item["handling_mode"],
        audience=item["audience"],
        window=window,
        department=window.departments.order_by("pk").first(),
        conditions=item["conditions"],
        statutory_limit_days=item["statutory"],
        promised_limit_days=item["promised"],
        visits=item["visits"],
        fee_free=item.get("fee_free", True),
        fee_amount=item.get("fee_amount", ""),
        fee_basis=item.get("fee_basis", ""),
        online_channel="青石县政务服务网“网上办”专区",
        legal_bases=[GuideLegalBasis(law=law, articles=art) for law, art in item["basis"]],
        materials=[
            GuideMaterial(
                name=n,
                original_or_copy=o,
                copies=c,
                required=r,
                condition=cond,
                source=src,
                sort_order=i,
            )
            for i, (n, o, c, r, cond, src) in enumerate(item["materials"])
        ],
        steps=[
            GuideStep(title=t, description=d, sort_order=i)
            for i, (t, d) in enumerate(item["steps"])
        ],
    )


def _load_notices(center: ServiceCenterPage, result: DemoResult) -> None:
    section = SectionPage.of_kind(center, SectionKind.NOTICES).first()
    if section is None:
        return
    today = timezone.localdate()
    notices = [
        (
            "dibao-gongshi-current",
            f"{center.township_name}本季度新增最低生活保障对象名单公示",
            today - dt.timedelta(days=2),
            today + dt.timedelta(days=5),
        ),
        (
            "gaoling-gongshi-ended",
            f"{center.township_name}高龄津贴新增发放对象公示",
            today - dt.timedelta(days=40),
            today - dt.timedelta(days=33),
        ),
    ]
    body = _notice_body(center)
    for slug, title, start, end in notices:
        existing = NoticePage.objects.child_of(section).filter(slug=slug).first()
        if existing is not None:
            if existing.body != body:  # repair: an older demo named other centers' villages
                existing.body = body
                existing.save_revision().publish()
                result.updated.append(f"公示: {title}")
            continue
        ended = end < today
        notice = NoticePage(
            title=title,
            slug=slug,
            kind="publicity",
            notice_start=start,
            notice_end=end,
            objection_phone=center.complaint_phone,
            expire_on_end=not ended,  # the ended one stays in the archive
            body=body,
        )
        section.add_child(instance=notice)
        notice.save_revision().publish()
        result.created.append(f"公示: {title}")


_NOTICE_ENTRIES = ("张某某 家庭 3 人", "李某某 家庭 1 人", "王某某 家庭 2 人")


def _notice_body(center: ServiceCenterPage) -> str:
    """A 公示 lists households of the center's own villages, never another township's."""
    villages = list(
        VillageStationPage.objects.child_of(center)
        .order_by("path")
        .values_list("village_name", flat=True)
    ) or [f"{center.township_name}辖区"]
    rows = "".join(
        f"<li>{village} {entry}</li>"
        for village, entry in zip(villages, _NOTICE_ENTRIES, strict=False)
    )
    return (
        "<p>经本人申请、村（社区）评议、中心审核，拟将下列对象纳入保障范围，"
        f"现予公示（演示数据，姓名已隐去）：</p><ol>{rows}</ol>"
    )
