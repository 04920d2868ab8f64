"""The edit screen tells the editor which of the page's links are broken, where the fix
is made, rather than leaving it to the inspection report a month later."""

from django.contrib import messages
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from wagtail import hooks

from .models import LinkResult

SHOWN = 5


def broken_links_message(page) -> str | None:
    """The warning “本页有 N 个失效链接：…” (up to SHOWN of them, escaped), or None."""
    rows = LinkResult.objects.filter(page_id=page.pk, ok=False).order_by("url")
    total = rows.count()
    if not total:
        return None
    shown = format_html_join(
        "；", "{}（{}）", ((row.url, row.error or _("无法访问")) for row in rows[:SHOWN])
    )
    more = _("等") if total > SHOWN else ""
    return format_html(
        _("本页有 {count} 个失效链接：{links}{more}。请修改或删除这些链接。"),
        count=total,
        links=shown,
        more=more,
    )


@hooks.register("before_edit_page")
def warn_about_broken_links(request, page):
    """Only on GET (opening the screen); returns None so the edit view carries on."""
    if request.method == "GET":
        text = broken_links_message(page)
        if text:
            messages.warning(request, text)
    return None
