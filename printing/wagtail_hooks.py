"""Admin: the print menu (打印制作) and the 窗口制度 snippet the rule boards print."""

from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import views
from .models import HallRule


class HallRuleViewSet(SnippetViewSet):
    model = HallRule
    icon = "list-ul"
    menu_label = "窗口制度"
    add_to_admin_menu = True
    menu_order = 265
    list_display = ["title", "center", "board_size"]
    list_filter = ["center"]
    # The model moved here from the documents app; its admin addresses did not.
    url_prefix = "snippets/portal_documents/hallrule"
    url_namespace = "wagtailsnippets_portal_documents_hallrule"


register_snippet(HallRuleViewSet)


@hooks.register("register_admin_urls")
def print_urls():
    return [
        path("print/", views.print_index, name="print_index"),
        path("print/serials/", views.serial_counters, name="print_serials"),
        path("print/<int:center_id>/", views.print_menu, name="print_menu"),
        path(
            "print/<int:center_id>/preview/<slug:key>.png",
            views.print_preview,
            name="print_preview",
        ),
        path(
            "print/<int:center_id>/acceptance-books/",
            views.print_acceptance_books,
            name="print_acceptance_books",
        ),
        path("print/<int:center_id>/packs/", views.request_print_pack, name="print_pack_request"),
        path(
            "print/<int:center_id>/packs/<int:job_id>/",
            views.print_pack_status,
            name="print_pack_status",
        ),
        path(
            "print/<int:center_id>/packs/<int:job_id>/download/",
            views.print_pack_download,
            name="print_pack_download",
        ),
        path(
            "print/<int:center_id>/download/<str:key>",
            views.print_download,
            name="print_download",
        ),
    ]


@hooks.register("register_admin_menu_item")
def print_menu_item():
    return MenuItem("打印制作", reverse("print_index"), icon_name="doc-full", order=270)
