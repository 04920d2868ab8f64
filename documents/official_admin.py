"""Admin: the official-format PDF (标准格式 PDF) of a policy document, drafts included.

Editors check the printed layout before they publish, so the admin prints
the latest revision; only someone who may edit the page may print it, and
anyone else is told it does not exist.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, path, reverse

from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.models import Page

from .models import PolicyDocumentPage
from .official import official_document_response

LABEL = "标准格式 PDF"


def official_document_admin(request, page_id: int):
    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, PolicyDocumentPage):
        raise Http404
    if not page.permissions_for_user(request.user).can_edit():
        raise Http404
    return official_document_response(request, page.get_latest_revision_as_object(), public=False)


def admin_urls() -> list:
    return [
        path(
            "official-documents/<int:page_id>.pdf",
            official_document_admin,
            name="official_document_admin_pdf",
        )
    ]


hooks.register("register_admin_urls", admin_urls)


def _button(page, user, priority: int) -> list[Button]:
    if not issubclass(page.specific_class or Page, PolicyDocumentPage):
        return []
    if not page.permissions_for_user(user).can_edit():
        return []
    try:
        url = reverse("official_document_admin_pdf", args=[page.pk])
    except NoReverseMatch:  # the admin URLs were built before this module was imported
        return []
    return [Button(LABEL, url, icon_name="doc-full", priority=priority)]


@hooks.register("register_page_header_buttons")
def official_document_header_button(page, user, view_name=None, next_url=None):
    return _button(page, user, priority=66)


@hooks.register("register_page_listing_more_buttons")
def official_document_listing_button(page, user, next_url=None):
    return _button(page, user, priority=55)
