"""Load (or refresh) the demo county. Idempotent: pages are found by slug and
only re-published when their content differs from the tables in data.py."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from wagtail.models import Page, Site

from pages.models import CountyHomePage, ServiceCenterPage, VillageAgent, VillageStationPage

from . import data

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

    _ensure_admin(result)
    return result
