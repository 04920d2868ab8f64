"""The login-lockout screen in the admin's 设置 menu, for those who may lift lockouts."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import UNLOCK_PERMISSION, login_lockouts


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
