"""The admin's 设置 menu entries of the bottom layer: the login-lockout screen, for
those who may lift lockouts, and the working-day calendar's overrides."""

from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from . import pagecache, workdays
from .models import CalendarOverride
from .views import UNLOCK_PERMISSION, login_lockouts


@hooks.register("before_serve_page")
def offer_to_page_cache(page, request, serve_args, serve_kwargs):
    """The public page cache stores only what Wagtail serves as a page (core.pagecache)."""
    pagecache.mark_page(page, request)


@hooks.register("register_admin_urls")
def lockout_urls():
    return [path("security/lockouts/", login_lockouts, name="core_login_lockouts")]


class LockoutMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(UNLOCK_PERMISSION)


@hooks.register("register_settings_menu_item")
def lockout_menu_item():
    return LockoutMenuItem(
        _("登录锁定"), reverse("core_login_lockouts"), icon_name="lock", order=900
    )


class CalendarOverrideIndexView(IndexView):
    """The listing says which years the built-in calendar covers, and warns for the
    coming year when it does not cover it yet."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        years = workdays.known_years()
        today = timezone.localdate()
        context["calendar_years"] = years
        context["calendar_missing_years"] = [
            year for year in (today.year, today.year + 1) if not workdays.known_year(year)
        ]
        return context


class CalendarOverrideViewSet(SnippetViewSet):
    """County admins enter the holiday notice for years chinesecalendar lacks;
    model permissions decide who sees it."""

    model = CalendarOverride
    icon = "date"
    menu_label = _("节假日与调休")
    menu_order = 850
    add_to_settings_menu = True
    index_view_class = CalendarOverrideIndexView
    index_template_name = "core/calendar_override_index.html"
    list_display = ["date", "is_working_day", "note"]
    list_filter = ["is_working_day"]
    search_fields = ["note"]
    search_backend_name = None


register_snippet(CalendarOverrideViewSet)
