"""Admin: staff and the status list under one menu; the change log is read on the
director's console (staff.views.manage_board), never edited."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from editorial.scoping import CenterScopedViewSet
from staff.models import StaffMember, WhereaboutsStatus


class StaffMemberViewSet(CenterScopedViewSet):
    model = StaffMember
    icon = "user"
    menu_label = _("工作人员")
    list_display = ["name", "center", "window", "title", "status"]
    list_filter = ["center", "is_leadership"]
    search_fields = ["name"]


class WhereaboutsStatusViewSet(SnippetViewSet):
    model = WhereaboutsStatus
    icon = "tag"
    menu_label = _("去向状态")
    list_display = ["name", "is_present", "sort_order", "active"]


class StaffGroup(SnippetViewSetGroup):
    menu_label = _("工作人员与去向")
    menu_icon = "group"
    menu_order = 260
    items = (StaffMemberViewSet, WhereaboutsStatusViewSet)


register_snippet(StaffGroup)


class MyStatusMenuItem(MenuItem):
    """Only an account linked to an active staff record has whereabouts to update."""

    def is_shown(self, request):
        return StaffMember.objects.filter(user_id=request.user.pk, active=True).exists()


@hooks.register("register_admin_menu_item")
def my_status_menu_item():
    return MyStatusMenuItem(
        _("更新我的去向"), reverse("staff:my_status"), icon_name="time", order=255
    )
