"""Admin shortcuts for people who work on a center: the page explorer opens at
their own center, and 新建办事指南 is one click from the admin home, from the
center's listing and from its 办事指南 section.

Wagtail opens the explorer at the closest common ancestor of the pages a user
holds permissions on (its "explorable root"). A center's roles hold them on
the center page in every locale (editorial.services.roles), so once a center
is translated the Chinese and English centers share only the tree's Root, and
the explorer opened there. The permissions are right (translators edit the
English page); only where the explorer starts changes, through Wagtail's menu
hook, so every other check keeps Wagtail's explorable root.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.sidebar import PageExplorerMenuItem
from wagtail.admin.widgets import ListingButton
from wagtail.models import Page

from core.sections import SectionKind
from pages.models import SectionPage, ServiceCenterPage

from .services.roles import center_ids_for, is_county_admin


def explorer_start_page(user) -> Page | None:
    """The user's own center in the default locale (their common ancestor if several)."""
    ids = center_ids_for(user)
    if not ids:
        return None
    return Page.objects.filter(pk__in=ids).first_common_ancestor(include_self=True)


class CenterExplorerMenuItem(MenuItem):
    """Wagtail's 页面 item, opening at a given page instead of the explorable root."""

    def __init__(self, item: MenuItem, start_page: Page):
        super().__init__(
            item.label,
            reverse("wagtailadmin_explore", args=[start_page.pk]),
            name=item.name,
            classname=item.classname,
            icon_name=item.icon_name,
            attrs=item.attrs,
            order=item.order,
        )
        self.start_page = start_page

    def render_component(self, request):
        return PageExplorerMenuItem(
            self.name,
            self.label,
            self.url,
            self.start_page.pk,
            icon_name=self.icon_name,
            classname=self.classname,
            attrs=self.attrs,
        )


@hooks.register("construct_main_menu")
def open_explorer_at_own_center(request, menu_items):
    if is_county_admin(request.user):
        return
    start = explorer_start_page(request.user)
    if start is None:
        return
    menu_items[:] = [
        CenterExplorerMenuItem(item, start) if item.name == "explorer" else item
        for item in menu_items
    ]


def new_guide_url(section: Page) -> str:
    return reverse("wagtailadmin_pages:add", args=["pages", "serviceguidepage", section.pk])


def _guides_section(page: Page) -> SectionPage | None:
    specific = page.specific_deferred
    if isinstance(specific, SectionPage) and specific.kind == SectionKind.GUIDES:
        return specific
    return None


@hooks.register("register_page_listing_buttons")
def new_guide_listing_button(page, user, next_url=None):
    """On the guides section's row of its center's listing."""
    section = _guides_section(page)
    if section is not None and page.permissions_for_user(user).can_add_subpage():
        yield ListingButton(_("新建办事指南"), new_guide_url(section), icon_name="plus", priority=5)


class NewGuidePanel(Component):
    """On the admin home: one 新建办事指南 button per center the user works on."""

    name = "new_guide"
    order = 80
    template_name = "editorial/new_guide_panel.html"

    def __init__(self, links: list[dict]):
        self.links = links

    def get_context_data(self, parent_context=None):
        return {"links": self.links}


def new_guide_links(user) -> list[dict]:
    links = []
    for center in ServiceCenterPage.objects.filter(pk__in=center_ids_for(user)).order_by("path"):
        section = SectionPage.of_kind(center, SectionKind.GUIDES).first()
        if section is None or not section.permissions_for_user(user).can_add_subpage():
            continue
        links.append({"center": center.title, "url": new_guide_url(section)})
    return links


@hooks.register("construct_homepage_panels")
def add_new_guide_panel(request, panels):
    links = new_guide_links(request.user)
    if links:
        panels.append(NewGuidePanel(links))
