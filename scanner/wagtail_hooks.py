"""Admin registrations for the scanner: the review URL, a button on the page
header, and the lexicon under 设置."""

from django.urls import NoReverseMatch, path, reverse

from wagtail import hooks
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import views
from .models import InjectionTerm


class InjectionTermViewSet(SnippetViewSet):
    """County admins edit the lexicon; model permissions decide who sees it."""

    model = InjectionTerm
    icon = "warning"
    menu_label = "植入内容词库"
    add_to_settings_menu = True
    list_display = ["term", "category", "weight", "active", "note"]
    list_filter = ["category", "active"]
    search_fields = ["term", "note"]
    search_backend_name = None
    # The model moved here from the documents app; its admin addresses did not.
    url_prefix = "snippets/portal_documents/injectionterm"
    url_namespace = "wagtailsnippets_portal_documents_injectionterm"


register_snippet(InjectionTermViewSet)


@hooks.register("register_admin_urls")
def scanner_urls():
    return [path("scanner/<int:page_id>/", views.review, name="scanner_review")]


@hooks.register("register_page_header_buttons")
def scanner_header_button(page, user, view_name=None, next_url=None):
    """A way to the review screen from the page editor."""
    if not page.pk or not page.permissions_for_user(user).can_edit():
        return
    try:
        url = reverse("scanner_review", args=[page.pk])
    except NoReverseMatch:  # URLs built before this module was imported
        return
    yield Button("植入内容核查", url, icon_name="warning", priority=80)
