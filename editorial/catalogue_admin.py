"""The service catalogue's snippets in the admin, grouped under one menu; a
center's staff see only their own center's windows, departments and name aliases.

Registered here rather than in pages/ because the per-center scoping is
editorial's (roles and scoping sit above the page tree); loaded from
editorial/wagtail_hooks.py."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from pages.models import Department, LifeEvent, NameAlias, ServiceWindow

from .scoping import CenterScopedViewSet


class DepartmentViewSet(CenterScopedViewSet):
    model = Department
    icon = "group"
    menu_label = _("进驻部门")
    list_display = ["name", "center", "home_unit"]
    list_filter = ["center"]
    search_fields = ["name"]


class ServiceWindowViewSet(CenterScopedViewSet):
    model = ServiceWindow
    scope_field = "unit"
    icon = "doc-full"
    menu_label = _("窗口")
    list_display = ["number", "name", "unit", "phone"]
    search_fields = ["name"]


class NameAliasViewSet(CenterScopedViewSet):
    """Other names files use for windows and departments; a center's staff keep their
    own, the county keeps the county-wide list (seeded with the 2018 reform's names)."""

    model = NameAlias
    icon = "link"
    menu_label = _("名称别名")
    list_display = ["name", "standard", "center"]
    list_filter = ["center"]
    search_fields = ["name", "standard"]


class LifeEventViewSet(SnippetViewSet):
    model = LifeEvent
    icon = "tag"
    menu_label = _("人生事件主题")
    list_display = ["name", "slug", "sort_order"]


class CatalogueGroup(SnippetViewSetGroup):
    menu_label = _("服务目录")
    menu_icon = "list-ul"
    menu_order = 250
    items = (ServiceWindowViewSet, DepartmentViewSet, NameAliasViewSet, LifeEventViewSet)


register_snippet(CatalogueGroup)
