"""`check --deploy`: printed QR codes must not point at a local address."""

from __future__ import annotations

from django.core import checks
from django.db import DatabaseError
from django.utils.translation import gettext as _

from .public_url import is_local, public_base_url


@checks.register(checks.Tags.urls, deploy=True)
def check_public_url(app_configs=None, **kwargs):
    try:
        base = public_base_url()
    except DatabaseError:  # no tables yet: nothing has been printed either
        return []
    if not is_local(base):
        return []
    return [
        checks.Warning(
            _("印制品上的二维码和网址指向本机地址 %(url)s，群众扫码无法打开。")
            % {"url": base or "—"},
            hint=_("请设置 PORTAL_PUBLIC_URL，或在站点设置中填写对外域名。"),
            id="printing.W001",
        )
    ]
