"""Template tags for the public frame: breadcrumbs, the county and the center in view."""

import json
import re

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html
from django.utils.http import urlencode
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page, Site

from pages.models import CountyHomePage, ServiceCenterPage
from pages.routing import ancestors, nearest
from pages.services import localized

register = template.Library()


@register.simple_tag(takes_context=True)
def portal_frame(context, page=None):
    """Return the county home, the center (if any) and the breadcrumb trail for `page`.

    Nothing more for a routed page, whose route brought its ancestors (and
    three queries at most otherwise), whatever the depth.
    """
    if not isinstance(page, Page):
        page = None
    request = context.get("request")
    cache = getattr(request, "_portal_frame", None) if request else None
    if cache is not None and cache.get("page_id") == getattr(page, "pk", None):
        return cache

    frame = {"page_id": getattr(page, "pk", None), "home": None, "center": None, "crumbs": []}
    if page is not None and page.pk:
        # The routed page brings its ancestors from the route (pages.routing).
        frame["crumbs"] = list(ancestors(page))
        frame["home"] = nearest(page, CountyHomePage, inclusive=True)
        frame["center"] = nearest(page, ServiceCenterPage, inclusive=True)
    elif request is not None:
        site = Site.find_for_request(request)
        if site is not None:
            frame["home"] = CountyHomePage.objects.filter(pk=site.root_page_id).first()
    if request is not None:
        request._portal_frame = frame
    return frame


@register.simple_tag(takes_context=True)
def display_mode_url(context, mode):
    """Link that switches the display mode and comes back to this page."""
    request = context["request"]
    return "/display/?" + urlencode({"mode": mode, "next": request.get_full_path()})


@register.filter
def lines(value):
    """Split multi-line text (opening hours) into lines for a list."""
    return [line.strip() for line in str(value or "").splitlines() if line.strip()]


@register.simple_tag
def display_modes():
    return settings.PORTAL_DISPLAY_MODES


WEEKDAY_NAMES = (_("周一"), _("周二"), _("周三"), _("周四"), _("周五"), _("周六"), _("周日"))


@register.filter
def weekday_cn(day):
    """周一 … 周日 for a date (Mon … Sun on English pages)."""
    return str(WEEKDAY_NAMES[day.weekday()])


_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def json_ld(data):
    """A schema.org <script type="application/ld+json"> block, safe against "</script>"."""
    payload = json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308


# hreflang wants the BCP 47 spelling of Django's language codes.
HREFLANG = {"zh-hans": "zh-Hans"}


@register.simple_tag(takes_context=True)
def language_links(context, page=None):
    """The language switcher's entries for `page`: each content language with
    the address to read this page in it and whether a translation exists.

    An untranslated page is still offered, at its address under the
    language's prefix, where the Chinese original is served with a notice
    (themes.views.serve_page).
    """
    languages = settings.WAGTAIL_CONTENT_LANGUAGES
    request = context.get("request")
    if len(languages) < 2:
        return []
    if not isinstance(page, Page) or not page.pk:
        return _view_language_links(request, languages)
    # The language asked for (the address's prefix), which a fallback page
    # is read in even though its content is Chinese.
    current = getattr(request, "LANGUAGE_CODE", None) or translation.get_language()
    live = {
        p.locale.language_code: p
        for p in page.get_translations(inclusive=True).live().select_related("locale")
    }
    default = settings.LANGUAGE_CODE
    source = live.get(default) or page
    with translation.override(default):
        source_url = source.get_url(request) or "/"
    links = []
    for code, name in languages:
        target = live.get(code)
        if target is not None:
            with translation.override(code):
                url = target.get_url(request)
        elif code == default:
            url = source_url
        else:
            url = f"/{code}{source_url}" if source_url.startswith("/") else source_url
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "translated": target is not None,
                "current": code == current,
                "hreflang": HREFLANG.get(code, code),
            }
        )
    return links


def _view_language_links(request, languages) -> list[dict]:
    """The switcher for a view that is not a page (search, the item list, staff pages):
    the same address under each language's prefix, when the view has one."""
    if request is None:
        return []
    here = request.get_full_path()
    current = getattr(request, "LANGUAGE_CODE", None) or translation.get_language()
    urls = {code: translate_url(here, code) for code, _name in languages}
    if len(set(urls.values())) < len(urls):
        return []  # not an address that changes with the language
    return [
        {
            "code": code,
            "name": name,
            "url": urls[code],
            "translated": True,
            "current": code == current,
            "hreflang": HREFLANG.get(code, code),
        }
        for code, name in languages
    ]


@register.simple_tag(takes_context=True)
def reading_pageurl(context, page):
    """pageurl for a plain Page (the breadcrumbs'), under the prefix of the language read."""
    request = context.get("request")
    url = page.get_url(request) or ""
    return localized.in_reading_language(url, localized.reading_language(request))


@register.filter
def in_reading_language(path: str) -> str:
    """A stored page address (a search hit's) under the prefix of the language being read."""
    return localized.in_reading_language(path, translation.get_language())


@register.filter
def html_lang(code: str) -> str:
    """BCP 47 for the <html lang> attribute: zh-hans → zh-CN (what screen readers expect)."""
    return {"zh-hans": "zh-CN"}.get(code, code)


# A number with its separators and what it is glued to: "8:30—12:00", "0838-1234567",
# "12 号", "5个". A line may break around such a run, never inside it.
_NUMBER_RUN = re.compile(r"\d+(?:\s?[:：.．/\-—–~～至]+\s?\d+)*(?:\s?[\u3400-\u9fff])?")


@register.filter
def keep_numbers(value) -> str:
    """Escape `value` and wrap each number run in a no-break span, whatever the text is."""
    text = str(value or "")
    escape = str if isinstance(value, SafeData) else conditional_escape
    pieces, start = [], 0
    for match in _NUMBER_RUN.finditer(text):
        pieces.append(escape(text[start : match.start()]))
        pieces.append(f'<span class="nowrap">{escape(match.group())}</span>')
        start = match.end()
    pieces.append(escape(text[start:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped or was safe


@register.filter
def day(value) -> str:
    """A date in the site's format that never breaks across lines ("2026年12月1日"), marked
    up as <time>; empty for no date, so `|default:"—"` still works."""
    if not value:
        return ""
    shown = conditional_escape(date_format(value, "DATE_FORMAT"))
    machine = value.isoformat()[:10]
    return format_html('<time class="nowrap" datetime="{}">{}</time>', machine, shown)
