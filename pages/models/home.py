"""The county portal home: the root of one installation's public site.

Townships do not run websites of their own (national guidance, 2017), so a
county's portal hosts every township center and village station beneath this
page. A city or province installation simply has several of these roots.
"""

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Min
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from core.pagination import Pager, paginate
from core.sections import page_view
from pages.routing import DirectRouteMixin
from pages.services.localized import StaysInLanguageMixin, localized, source_of

from .center import ServiceCenterPage
from .guide import ServiceGuidePage, live_guides
from .home_parts import ITEM_KEY, current_notices, item_anchor, life_event_themes, popular_items
from .mixins import ContactRequiredForm, PhoneField
from .station import VillageStationPage


class CountyHomePage(StaysInLanguageMixin, RoutablePageMixin, DirectRouteMixin, Page):
    official_name = models.CharField(
        _("门户主办单位"),
        max_length=80,
        help_text=_("例如：青石县人民政府政务服务中心"),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("标志"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hotline = PhoneField(_("政务服务热线"), help_text=_("例如：12345"))
    supervision_phone = PhoneField(_("监督投诉电话"))
    address = models.CharField(_("地址"), max_length=200, blank=True)
    intro = RichTextField(_("首页导语"), blank=True, features=["bold", "link"])
    site_code = models.CharField(_("政府网站标识码"), max_length=20, blank=True)
    icp_record = models.CharField(_("ICP 备案号"), max_length=40, blank=True)
    police_record = models.CharField(
        _("公安机关备案号"),
        max_length=60,
        blank=True,
        help_text=_("例如：黔公网安备 52000000000000号"),
    )
    organiser_mark_url = models.URLField(
        _("党政机关网站标识链接"),
        blank=True,
        help_text=_("党政机关网站标识（红色标识）的核验地址，由机构编制部门开具"),
    )

    publish_required_fields = ("official_name", "hotline", "supervision_phone")
    base_form_class = ContactRequiredForm

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["pages.ServiceCenterPage", "pages.SectionPage"]
    template = "pages/county_home_page.html"

    content_panels = Page.content_panels + [
        FieldPanel("official_name"),
        FieldPanel("logo"),
        MultiFieldPanel(
            [FieldPanel("hotline"), FieldPanel("supervision_phone"), FieldPanel("address")],
            heading=_("联系方式"),
        ),
        FieldPanel("intro"),
        InlinePanel(
            "popular_items",
            heading=_("热门事项"),
            label=_("事项"),
            help_text=_("排在首页热门事项的最前面；不足的按全县可办理地点最多的事项补齐"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("site_code"),
                FieldPanel("icp_record"),
                FieldPanel("police_record"),
                FieldPanel("organiser_mark_url"),
            ],
            heading=_("网站标识"),
        ),
    ]

    class Meta:
        verbose_name = _("县级门户首页")
        verbose_name_plural = _("县级门户首页")

    def get_context(self, request, *args, landing: bool = True, **kwargs):
        """The landing page's centers, items, themes and notices; the sub-pages
        (catalogue/, items/) render with ``landing=False`` and skip them, which at
        1,000 guides would cost them a third of their time."""
        context = super().get_context(request, *args, **kwargs)
        if not landing:
            return context
        # A translated home lists every center: translated where a translation
        # is live, the Chinese original otherwise.
        source = source_of(self)
        centers = list(ServiceCenterPage.objects.live().public().child_of(source).order_by("path"))
        stations_by_center: dict[str, list] = defaultdict(list)
        step = ServiceCenterPage.steplen
        for station in (
            VillageStationPage.objects.live().public().descendant_of(source).order_by("path")
        ):
            stations_by_center[station.path[:-step]].append(station)
        for center in centers:
            center.listed_stations = stations_by_center.get(center.path, [])
        if source.pk != self.pk:
            centers = localized(centers, self.locale_id)
        context["centers"] = centers
        context["station_count"] = sum(len(s) for s in stations_by_center.values())
        guides = live_guides(source)  # shared: one view-restriction lookup for both lists
        context["popular_items"] = popular_items(source, guides)
        context["themes"] = life_event_themes(guides)
        context["current_notices"] = current_notices(source)
        return context

    @path("catalogue/", name="catalogue")
    def document_catalogue(self, request):
        """政府信息公开目录 of the whole county, rendered by the documents app."""
        view = page_view("home", "catalogue")
        if view is None:
            raise Http404
        return view(self, request)

    @path("items/", name="items")
    def item_list(self, request):
        """全县事项清单: every published item, and which centers and stations offer it,
        a page at a time; ``?theme=`` keeps the items of one life-event theme (the home's
        主题服务), ``?item=`` one item (a 热门事项 link)."""
        themes = {theme["slug"]: theme for theme in life_event_themes(live_guides(source_of(self)))}
        theme = themes.get(request.GET.get("theme", ""))
        params = {
            "theme": theme["slug"] if theme else "",
            "item": request.GET.get("item", "")[:200],
            "page": request.GET.get("page", ""),
        }
        items = county_item_list(self, params["theme"], params)
        return self.render(
            request,
            landing=False,
            context_overrides={
                "items": items.items,
                "item_count": items.pager.count,
                "item_pager": items.pager,
                "one_item": bool(params["item"]),
                "theme": theme,
            },
            template="pages/county_item_list.html",
        )


ITEMS_PER_PAGE = 50


@dataclass
class CountyItem:
    """One service item across the county: its name and every guide that offers it."""

    title: str
    item_type: str
    anchor: str
    guides: list = field(default_factory=list)


@dataclass
class CountyItemList:
    items: list[CountyItem]
    pager: Pager


def county_item_list(home: Page, theme: str = "", params: Mapping[str, str] | None = None):
    """One page of items grouped by item code (or name when there is no code), in name
    order; the items are counted and paged by one grouped query, and only the page's
    guides are read.

    Each guide carries the place that offers it (``listed_unit``, and for a
    station its center, ``listed_center``): every township has a 红岩村 or a
    综合代办 of its own, so a station alone does not say where to go.

    Beside the page that shows it: the listings (pages.services.listings)
    import the page models, so the home could not import them back."""
    params = params or {}
    guides = live_guides(home)
    if theme:
        guides = guides.filter(
            pk__in=ServiceGuidePage.objects.filter(themes__slug=theme).values("pk")
        )
    keyed = guides.annotate(key=ITEM_KEY)
    if params.get("item"):
        keyed = keyed.filter(key=params["item"])
    rows = keyed.order_by().values("key").annotate(name=Min("title")).order_by("name", "key")
    page, pager = paginate(rows, params, ITEMS_PER_PAGE)
    names = {row["key"]: row["name"] for row in page.object_list}
    # The list links each guide and names its place: none of live_guides' prefetches.
    listed = list(keyed.prefetch_related(None).filter(key__in=list(names))) if names else []
    units = _units_above(listed)
    items = {key: CountyItem(name, "", item_anchor(key)) for key, name in names.items()}
    for guide in listed:
        item = items[guide.key]
        item.item_type = item.item_type or guide.get_item_type_display()
        # The nearest center or station above the guide, and for a station its center.
        above = [
            units[guide.path[:n]]
            for n in range(len(guide.path) - guide.steplen, 0, -guide.steplen)
            if guide.path[:n] in units
        ]
        guide.listed_unit = above[0] if above else None
        guide.listed_center = next((u for u in above[1:] if isinstance(u, ServiceCenterPage)), None)
        item.guides.append(guide)
    return CountyItemList(list(items.values()), pager)


def _units_above(guides: list) -> dict[str, Page]:
    """The centers and stations above `guides`, by path, in one query per type."""
    step = Page.steplen
    paths = {guide.path[:n] for guide in guides for n in range(step, len(guide.path), step)}
    return {
        p.path: p
        for model in (ServiceCenterPage, VillageStationPage)
        for p in model.objects.live()
        .filter(path__in=paths)
        .only("id", "path", "depth", "title", "official_name")
    }
