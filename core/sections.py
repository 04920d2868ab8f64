"""Section kinds (栏目类型) and what each kind shows, contributed by the app that owns it.

Every center has the same sections in the same order, so citizens find the
same things in the same place in every township. The page tree (pages/)
owns the section page; what a section of a kind lists belongs to other apps
(the whereabouts board to staff/, the document catalogue to documents/).
Those apps register a `SectionView` here, below all of them, so the page
model never imports them and a new app adds a kind without touching it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _


class SectionKind(models.TextChoices):
    GUIDES = "guides", _("办事指南")
    DISCLOSURE = "disclosure", _("政务公开")
    DOCUMENTS = "documents", _("政策文件")
    OPEN_GOVERNMENT = "open-government", _("政府信息公开")
    NOTICES = "notices", _("通知公告")
    NEWS = "news", _("工作动态")
    STAFF = "staff", _("工作人员")
    GENERAL = "general", _("其他栏目")


# (kind, title, slug) created under every center, in this order.
CENTER_SECTIONS: tuple[tuple[SectionKind, str, str], ...] = (
    (SectionKind.GUIDES, "办事指南", "guides"),
    (SectionKind.DISCLOSURE, "政务公开", "disclosure"),
    (SectionKind.DOCUMENTS, "政策文件", "documents"),
    (SectionKind.NOTICES, "通知公告", "notices"),
    (SectionKind.STAFF, "工作人员", "staff"),
    (SectionKind.OPEN_GOVERNMENT, "政府信息公开", "open-government"),
)

# context(section, request) -> the template variables the kind's listing needs.
ContextBuilder = Callable[..., dict]


@dataclass(frozen=True)
class SectionView:
    """What a section of one kind shows: its listing's context and template, and any
    sub-pages of its own (the staff section's 领导组织机构 at organisation/)."""

    context: ContextBuilder
    template: str
    subviews: dict[str, Callable] = field(default_factory=dict)
    # populate(section): what a new section of this kind starts with (the 政府信息公开
    # column's 指南, 制度 and 年报 pages), called once, when the section is created.
    populate: Callable | None = None


_views: dict[str, SectionView] = {}
_page_views: dict[tuple[str, str], Callable] = {}


def register_section_view(kind: str, view: SectionView) -> SectionView:
    """Called from the owning app's AppConfig.ready(); one app owns each kind."""
    if kind in _views and _views[kind] != view:
        raise ValueError(f"section kind {kind!r} already has a view")
    _views[kind] = view
    return view


def section_view(kind: str) -> SectionView | None:
    return _views.get(kind)


def register_page_view(owner: str, name: str, view: Callable) -> Callable:
    """A sub-page that a lower page type routes to but a higher app renders
    (the county home's catalogue/ is the documents app's)."""
    _page_views[(owner, name)] = view
    return view


def page_view(owner: str, name: str) -> Callable | None:
    return _page_views.get((owner, name))
