"""The page chooser without other centers' drafts: titles follow the reader.

Wagtail's chooser shows every page by its admin title, which is the title of
the latest draft. Another center's live page is choosable (links to public
pages are fine) but only under its published title; its unpublished pages are
neither listed (``construct_page_chooser_queryset`` in wagtail_hooks) nor
browsable, and the multiple-choice confirmation answers only for pages the
chooser would list. Wagtail offers no hook for the titles, so these views
replace its four chooser URLs (routed in portal/urls.py).
"""

from __future__ import annotations

import copy

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.admin.views import chooser
from wagtail.models import Page

from .services.roles import center_pages_for, is_county_admin, user_cache


def _own_paths(user) -> tuple[str, ...] | None:
    """Tree paths of the user's centers (all locales); None for the county (everything)."""
    if is_county_admin(user):
        return None
    cache = user_cache(user, "_own_center_paths")
    if "paths" not in cache:
        cache["paths"] = tuple(page.path for page in center_pages_for(user))
    return cache["paths"]


def may_see_drafts(user, page: Page) -> bool:
    """Drafts (and draft titles) belong to the center whose tree holds the page."""
    paths = _own_paths(user)
    return paths is None or page.path.startswith(paths)


def admin_title_for(user, page: Page) -> str:
    """What the chooser calls the page for this user: the public title of others' pages."""
    if may_see_drafts(user, page):
        return page.get_admin_display_title()
    if page.live:
        return page.title
    return _("（未公开的页面）")


def as_seen_by(user, page: Page | None) -> Page | None:
    """An in-memory copy whose admin title is the one this user may see (never saved)."""
    if page is None or may_see_drafts(user, page):
        return page
    masked = copy.copy(page)
    masked.draft_title = admin_title_for(user, page)
    return masked


class ScopedPageTitleColumn(chooser.PageTitleColumn):
    def get_cell_context_data(self, instance, parent_context):
        user = parent_context["request"].user
        context = super().get_cell_context_data(instance, parent_context)
        context["value"] = admin_title_for(user, instance)
        context["page"] = as_seen_by(user, instance)
        return context


class ScopedParentPageColumn(chooser.ParentPageColumn):
    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["value"] = as_seen_by(parent_context["request"].user, context["value"])
        return context


def _scoped_columns(columns):
    replaced = []
    for column in columns:
        if type(column) is chooser.PageTitleColumn:
            column = ScopedPageTitleColumn(
                column.name, label=column.label, is_multiple_choice=column.is_multiple_choice
            )
        elif type(column) is chooser.ParentPageColumn:
            column = ScopedParentPageColumn(column.name, label=column.label)
        replaced.append(column)
    return replaced


class BrowseView(chooser.BrowseView):
    @property
    def columns(self):
        return _scoped_columns(super().columns)

    def get(self, request, parent_page_id=None):
        if parent_page_id is not None:
            parent = get_object_or_404(Page, pk=parent_page_id)
            if not parent.live and not may_see_drafts(request.user, parent):
                raise Http404
        return super().get(request, parent_page_id=parent_page_id)


class SearchView(chooser.SearchView):
    @property
    def columns(self):
        return _scoped_columns(super().columns)


class ChosenMultipleView(chooser.ChosenMultipleView):
    """Confirms only pages the chooser would have listed, under the titles it showed."""

    def get(self, request):
        pages = Page.objects.filter(pk__in=request.GET.getlist("id"))
        for hook in hooks.get_hooks("construct_page_chooser_queryset"):
            pages = hook(pages, request)
        result = [
            {
                "id": page.pk,
                "parentId": page.get_parent().pk,
                "adminTitle": admin_title_for(request.user, page),
                "editUrl": reverse("wagtailadmin_pages:edit", args=(page.pk,)),
                "url": page.url,
            }
            for page in pages.specific()
        ]
        return self.render_chosen_response(result)
