"""What the county home shows besides the centers: popular items, life-event
themes and the notices in force.

热门事项 are the editor's picks (HomePopularItem) followed by the items offered
in the most places of the county: the portal keeps no visit or search counts,
and an item every center and station handles (低保, 医保缴费, 户籍证明) is the
one most residents come for. Each is read with one grouped query, so the
home stays light however many guides the county has.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Count, Min, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable, Page

from modelcluster.fields import ParentalKey

from .catalogue import LifeEvent
from .center import ServiceCenterPage
from .guide import ServiceGuidePage, live_guides
from .notice import NoticePage
from .station import VillageStationPage

POPULAR_LIMIT = 8
NOTICE_LIMIT = 6


class HomePopularItem(Orderable):
    """An item the county puts first among the home's 热门事项 (any center's guide of it)."""

    home = ParentalKey(
        "pages.CountyHomePage", on_delete=models.CASCADE, related_name="popular_items"
    )
    guide = models.ForeignKey(
        "pages.ServiceGuidePage",
        verbose_name=_("服务事项"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("选择任一中心或站点的该事项办事指南；首页按事项列出，并链接到全县可办理的地方"),
    )

    panels = [FieldPanel("guide")]

    class Meta(Orderable.Meta):
        verbose_name = _("热门事项")
        verbose_name_plural = _("热门事项")


def item_key(guide: ServiceGuidePage) -> str:
    """What makes guides one item across the county: the item code, else the name."""
    return guide.item_code or guide.title


# item_key in SQL, to group, count and page items in the database.
ITEM_KEY = Coalesce(NullIf("item_code", Value("")), "title")


def item_anchor(key: str) -> str:
    """A stable anchor for an item's row in the county item list (codes and names
    may hold any character, an id may not)."""
    return "item-" + hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest()[:10]


@dataclass(frozen=True)
class PopularItem:
    title: str
    anchor: str
    places: int  # how many centers and stations offer it
    key: str = ""  # the county item list shows this item alone with ?item=key


def popular_items(home: Page, guides=None, limit: int = POPULAR_LIMIT) -> list[PopularItem]:
    """The editor's picks that are still offered, then the most widely offered items.

    `home` is the Chinese original: guides and picks live in its tree; `guides`, its
    live guides when the caller has them already."""
    guides = live_guides(home) if guides is None else guides
    counted = (
        guides.order_by()
        .annotate(key=ITEM_KEY)
        .values("key")
        .annotate(places=Count("pk"), name=Min("title"))
    )
    picks = [
        item_key(row.guide)
        for row in HomePopularItem.objects.filter(home=home).select_related("guide")
    ]
    by_key = {row["key"]: row for row in counted.filter(key__in=picks)} if picks else {}
    rows = [by_key[key] for key in dict.fromkeys(picks) if key in by_key][:limit]
    if len(rows) < limit:
        widest = counted.exclude(key__in=list(by_key)).order_by("-places", "name")
        rows += list(widest[: limit - len(rows)])
    return [
        PopularItem(row["name"], item_anchor(row["key"]), row["places"], row["key"]) for row in rows
    ]


def life_event_themes(guides) -> list[dict]:
    """Themes of at least one of `guides` (a county's live guides), in their order, each
    with its count; named in the reader's language where the theme is translated."""
    themes = (
        LifeEvent.objects.filter(guides__in=guides.order_by().values("pk"))
        .annotate(guide_count=Count("guides", distinct=True))
        .order_by("sort_order", "name")
    )
    translate = translation.get_language() != settings.LANGUAGE_CODE
    return [
        {
            "slug": theme.slug,
            "name": (theme.localized if translate else theme).name,
            "count": theme.guide_count,
        }
        for theme in themes
    ]


def current_notices(home: Page, day: dt.date | None = None, limit: int = NOTICE_LIMIT):
    """公示 and 公告 still in force anywhere in the county, newest first, each with the
    center or station it comes from (``notice.place``)."""
    notices = list(
        NoticePage.objects.live()
        .public()
        .descendant_of(home)
        .current(day)
        .order_by("-notice_start", "-pk")[:limit]
    )
    places = _places_above(notices)
    for notice in notices:
        notice.place = places.get(notice.pk)
    return notices


def _places_above(pages: list[Page]) -> dict[int, Page]:
    """The nearest center or station above each page, in one query."""
    step = Page.steplen
    paths = {page.path[:n] for page in pages for n in range(step, len(page.path), step)}
    units = {
        unit.path: unit
        for unit in Page.objects.filter(path__in=paths)
        .type(ServiceCenterPage, VillageStationPage)
        .only("id", "path", "title")
    }
    found = {}
    for page in pages:
        for n in range(len(page.path) - step, 0, -step):
            if page.path[:n] in units:
                found[page.pk] = units[page.path[:n]]
                break
    return found
