"""The wording checker in the admin: the lexicon under 设置, a warning after every
save or publish of a page whose latest revision has wrong formulations, and the
review screen that marks them in the page's text (imported by wagtail_hooks only)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.widgets.button import Button
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from scanner.service import latest, page_text

from .models import Formulation
from .services.wording import Hit, Lexicon, excerpt, segments

REVIEW_URL_NAME = "inspection_wording_review"
MAX_EXAMPLES = 3
SEVERITY_LABELS = dict(Formulation.Severity.choices)


class FormulationViewSet(SnippetViewSet):
    """County administrators keep the lexicon; model permissions decide who sees it."""

    model = Formulation
    icon = "openquote"
    menu_label = gettext_lazy("规范表述词库")
    add_to_settings_menu = True
    list_display = ["wrong", "correct", "severity", "active", "note"]
    list_filter = ["severity", "active"]
    search_fields = ["wrong", "correct"]
    search_backend_name = None


register_snippet(FormulationViewSet)


def review_url(page) -> str:
    try:
        return reverse(REVIEW_URL_NAME, args=[page.pk])
    except NoReverseMatch:  # admin URLs not loaded (e.g. a management command)
        return ""


def summary(hits: list[Hit]) -> str:
    """One sentence: how many, and the first few wrong forms with their correct ones."""
    pairs = dict.fromkeys((hit.wrong, hit.correct) for hit in hits)
    examples = "；".join(
        _("「%(wrong)s」应为「%(correct)s」") % {"wrong": wrong, "correct": correct}
        for wrong, correct in list(pairs)[:MAX_EXAMPLES]
    )
    more = _("等") if len(pairs) > MAX_EXAMPLES else ""
    return _("本页有 %(count)d 处表述可能不规范：%(examples)s%(more)s。") % {
        "count": len(hits),
        "examples": examples,
        "more": more,
    }


def warn_about_wording(request, page) -> None:
    """After a save, publish or create: warn once per request when the latest revision has hits."""
    if getattr(request, "_wording_warned", None) == page.pk or not request.accepts("text/html"):
        return  # publishing runs two hooks; autosave answers JSON and shows no messages
    request._wording_warned = page.pk
    text, _html = page_text(latest(page))
    hits = Lexicon.from_db().find(text)
    if not hits:
        return
    url = review_url(page)
    buttons = [messages.button(url, _("点击查看"))] if url else None
    messages.warning(request, summary(hits), buttons=buttons)


@hooks.register("after_create_page")
def wording_after_create(request, page):
    warn_about_wording(request, page)


@hooks.register("after_edit_page")
def wording_after_edit(request, page):
    warn_about_wording(request, page)


@hooks.register("after_publish_page")
def wording_after_publish(request, page):
    warn_about_wording(request, page)


def review(request, page_id: int):
    """The latest revision's text with every wrong formulation marked and corrected."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    text, _html = page_text(latest(page))
    hits = Lexicon.from_db().find(text)
    numbers = {hit: number for number, hit in enumerate(hits, 1)}
    rows = [
        {
            "number": number,
            "hit": hit,
            "severity": SEVERITY_LABELS.get(hit.severity, hit.severity),
            "excerpt": excerpt(text, hit),
        }
        for hit, number in numbers.items()
    ]
    return TemplateResponse(
        request,
        "inspection/wording_review.html",
        {
            "page": page,
            "hits": hits,
            "rows": rows,
            "severe": sum(hit.severity == Formulation.Severity.SEVERE for hit in hits),
            "segments": [
                {"text": part, "hit": hit, "number": numbers.get(hit) if hit else None}
                for part, hit in segments(text, hits)
            ],
        },
    )


@hooks.register("register_admin_urls")
def wording_urls():
    return [path("inspection/wording/<int:page_id>/", review, name=REVIEW_URL_NAME)]


@hooks.register("register_page_header_buttons")
def wording_header_button(page, user, view_name=None, next_url=None):
    """A way to the review screen from the page editor."""
    if not page.pk or not page.permissions_for_user(user).can_edit():
        return
    url = review_url(page)
    if url:
        yield Button(_("规范表述检查"), url, icon_name="openquote", priority=81)
