"""What the inspection reads at the bottom of the home page, read from the page as served.

The marks are looked for in the rendered HTML, not in the settings that fill it,
because that is what the inspectors see: a code typed in but dropped from the
template is still missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.warmup import fetch


@dataclass(frozen=True)
class Mark:
    code: str
    label: str
    present: bool
    points: float  # deducted when missing (estimated)


# (code, label, pattern in the served page, points): the 网站标识码 is ten digits or more.
MARKS: tuple[tuple[str, str, re.Pattern[str], float], ...] = (
    ("site_code", gettext_noop("网站标识码"), re.compile(r"网站标识码\s*[:：]?\s*\d{10}"), 1.0),
    ("icp", gettext_noop("ICP 备案编号"), re.compile(r"ICP\s*备\s*\d+"), 1.0),
    ("police", gettext_noop("公安机关备案标识"), re.compile(r"公网安备\s*\d+"), 1.0),
    ("organiser", gettext_noop("党政机关网站标识"), re.compile(r"conac\.cn|党政机关网站标识"), 1.0),
    ("elder", gettext_noop("无障碍 / 适老化入口"), re.compile(r"长辈模式|适老化|无障碍"), 2.0),
    ("error_report", gettext_noop("“我为政府网站找错”入口"), re.compile(r"我为政府网站找错"), 2.0),
)


def marks_in(html: str) -> list[Mark]:
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]*>", " ", html))
    text = text + " " + " ".join(re.findall(r'href="([^"]*)"', html))  # the marks' links
    return [Mark(code, _(label), bool(rx.search(text)), pts) for code, label, rx, pts in MARKS]


def checks(path: str = "/") -> list[Mark]:
    """The marks of the home page as this process serves it; all missing if it fails."""
    status, body = fetch(path)
    html = body.decode("utf-8", "replace") if status == 200 else ""
    return marks_in(html)
