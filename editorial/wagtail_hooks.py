"""Admin hooks: isolation in the page chooser and explorer, gated approval."""

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from core.gates import submitted_problems

from . import (
    catalogue_admin,  # noqa: F401  (the catalogue's scoped snippets)
    dashboard,  # noqa: F401  (registers the freshness dashboard's hooks)
    shortcuts,  # noqa: F401  (the explorer's start page and the 新建办事指南 shortcuts)
)
from .admin_api import register_scoped_endpoints
from .approval import refusal_message, show_refusal
from .services.roles import center_pages_for, is_county_admin
from .views import (
    guarded_convert_to_alias,
    guarded_submit_page_translation,
    guarded_submit_snippet_translation,
    guarded_update_translations,
    translation_status,
    translations_report,
    translations_report_results,
)


def _own_subtrees(user) -> Q:
    q = Q(pk__in=[])
    for center in center_pages_for(user):
        q |= Q(path__startswith=center.path)
    return q


@hooks.register("construct_page_chooser_queryset")
def hide_other_centers_drafts(pages, request):
    """Choosers list public pages and the user's own center's drafts, no one else's."""
    if is_county_admin(request.user):
        return pages
    return pages.filter(Q(live=True) | _own_subtrees(request.user))


@hooks.register("construct_admin_api", order=100)
def scope_admin_api(router):
    """Runs after Wagtail's own hooks (order 0) so the scoped endpoints replace theirs."""
    register_scoped_endpoints(router)


@hooks.register("before_edit_page")
def gate_approval_in_editor(request, page):
    """Approving from the edit screen passes the same gates as from the dashboard
    (editorial.models.GatedGroupApprovalTask), and the screen a refused approval
    leads to shows why."""
    if request.method == "GET":
        show_refusal(request, page)
        return None
    if request.method != "POST" or request.POST.get("workflow-action-name") != "approve":
        return None
    problems = submitted_problems(page)
    if problems:
        messages.error(request, refusal_message(problems))
        return redirect(request.path)
    return None


@hooks.register("register_admin_urls", order=-10)
def translation_guard_urls():
    """wagtail-localize's screens behind our guards, ahead of its own URLs (order 0).

    wagtail-localize has no hook or setting to replace its views, so the guards
    take the same paths earlier in the admin's URL list, where Wagtail wraps them
    as it wraps every admin view. tests/security/test_guarded_routes.py reverses
    the library's URL names and checks they land here, so a renamed path in an
    upgrade fails the suite instead of skipping the guard.
    """
    return [
        path("localize/submit/page/<int:page_id>/", guarded_submit_page_translation),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            guarded_submit_snippet_translation,
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            guarded_update_translations,
        ),
        path("localize/page/<int:page_id>/convert_to_alias/", guarded_convert_to_alias),
        path("localize/reports/translations/", translations_report),
        path("localize/reports/translations/results/", translations_report_results),
    ]


@hooks.register("register_admin_urls")
def editorial_urls():
    return [path("translations/status/", translation_status, name="editorial_translation_status")]


@hooks.register("register_admin_menu_item")
def translation_status_menu_item():
    return MenuItem(
        _("翻译状态"), reverse("editorial_translation_status"), icon_name="globe", order=280
    )


@hooks.register("construct_reports_menu")
def hide_county_wide_reports(request, menu_items):
    """The translations report lists every center's pages: county administrators only."""
    if not is_county_admin(request.user):
        menu_items[:] = [item for item in menu_items if item.name != "translations"]
