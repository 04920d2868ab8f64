"""Admin: the print menu (打印制作), 窗口制度 and 发布机构 snippets; the official-PDF and
scanner modules register their own screens when imported here."""

from django.http import Http404
from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import (
    official_admin,  # noqa: F401  (the 标准格式 PDF admin URL and buttons)
    print_views,
)
from .models import HallRule, IssuingOrganisation
from .scanner import admin as scanner_admin  # noqa: F401  (review screen, button, 植入内容词库)


class HallRuleViewSet(SnippetViewSet):
    model = HallRule
    icon = "list-ul"
    menu_label = "窗口制度"
    add_to_admin_menu = True
    menu_order = 265
    list_display = ["title", "center", "board_size"]
    list_filter = ["center"]


register_snippet(HallRuleViewSet)


class IssuingOrganisationViewSet(SnippetViewSet):
    """County-level: the organisations that issue documents and their 索引号 codes."""

    model = IssuingOrganisation
    icon = "site"
    menu_label = "发布机构"
    add_to_admin_menu = True
    menu_order = 266
    list_display = ["name", "short_name", "code"]
    search_fields = ["name"]


register_snippet(IssuingOrganisationViewSet)


@hooks.register("before_serve_document", order=-10)
def serve_only_published_documents(document, request):
    """Unpublished uploads stay with their collection's people (documents.services.access)."""
    from .services.access import may_download

    if not may_download(request.user, document):
        raise Http404
    return None


@hooks.register("register_admin_urls")
def print_urls():
    return [
        path("print/", print_views.print_index, name="print_index"),
        path("print/<int:center_id>/", print_views.print_menu, name="print_menu"),
        path(
            "print/<int:center_id>/preview/<slug:key>.png",
            print_views.print_preview,
            name="print_preview",
        ),
        path(
            "print/<int:center_id>/download/<str:key>",
            print_views.print_download,
            name="print_download",
        ),
    ]


@hooks.register("register_admin_menu_item")
def print_menu_item():
    return MenuItem("打印制作", reverse("print_index"), icon_name="doc-full", order=270)
