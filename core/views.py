"""Admin screen: current login lockouts, each with a button to lift it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import lockouts

UNLOCK_PERMISSION = "axes.delete_accessattempt"


@require_http_methods(["GET", "POST"])
def login_lockouts(request):
    if not request.user.has_perm(UNLOCK_PERMISSION):
        raise PermissionDenied
    if request.method == "POST":
        kind, value = request.POST.get("kind", ""), request.POST.get("value", "")
        if kind in (lockouts.USERNAME, lockouts.ADDRESS) and value:
            lockouts.lift(kind, value)
            messages.success(request, _("已解除对“%(value)s”的登录锁定。") % {"value": value})
        return redirect("core_login_lockouts")
    return TemplateResponse(
        request,
        "security/lockouts.html",
        {"lockouts": lockouts.current_lockouts(), "USERNAME": lockouts.USERNAME},
    )
