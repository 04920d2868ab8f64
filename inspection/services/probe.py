"""The uptime probe: the home page and one page per center fetched over HTTP, as the
inspectors' robot does (20 and more times a day, from a timer), each result stored."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from collections.abc import Callable

from django.utils.translation import gettext as _

from ..models import SLOW_SECONDS, Probe
from . import columns as cols

# Wait a little past the 15 s rule, so a slow answer is recorded as slow, not as lost.
TIMEOUT = SLOW_SECONDS + 5


def targets(base: str) -> list[tuple[str, object]]:
    """(absolute URL, unit) for the county home and every center page."""
    base = base.rstrip("/")
    found = []
    for unit in cols.all_units():
        parts = unit.get_url_parts()  # (site id, site root URL, path below it) or None
        path = parts[2] if parts else "/"
        found.append((base + (path or "/"), unit))
    return found


def probe_once(
    url: str, opener: Callable = urllib.request.urlopen
) -> tuple[int | None, float, str]:
    """(status, seconds, error): never raises, the body is read but not kept."""
    started = time.monotonic()
    if not url.startswith(("http://", "https://")):
        return None, 0.0, _("只能监测 http/https 地址")
    try:
        request = urllib.request.Request(url, headers={"User-Agent": "portal-inspection-probe"})  # noqa: S310 - scheme checked above
        with opener(request, timeout=TIMEOUT) as response:
            while response.read(65536):
                if time.monotonic() - started > TIMEOUT:
                    return response.status, time.monotonic() - started, _("读取超时")
            return response.status, time.monotonic() - started, ""
    except urllib.error.HTTPError as error:
        return error.code, time.monotonic() - started, _("返回 %(code)d") % {"code": error.code}
    except (OSError, ValueError) as error:
        return None, time.monotonic() - started, str(error)[:200] or _("无法连接")


def run(base: str) -> list[Probe]:
    probes = []
    for url, unit in targets(base):
        status, seconds, error = probe_once(url)
        probes.append(
            Probe.objects.create(url=url, unit=unit, status=status, seconds=seconds, error=error)
        )
    return probes
