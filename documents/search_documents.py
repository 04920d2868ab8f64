"""How policy documents and their interpretations read in the site search
(registered into search.registry from DocumentsConfig.ready()).

The body is the document's text (its snippet); numbers, issuers and addressees
are context. The date is the document's own: 发布日期, else 成文日期, never
the day it was loaded."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from pages.search_documents import common, place_name
from search import registry
from search.backends.base import SearchDocument
from search.indexing import text

from .models import PolicyDocumentPage, PolicyInterpretationPage


def document_document(page: PolicyDocumentPage) -> SearchDocument:
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("主题词：%(words)s。") % {"words": page.keywords} if page.keywords else ""
    body = text(page.body, " ".join(a.title for a in page.attachments.all()), subject)
    context = text(
        page.document_number, page.index_number, page.organisation_names, page.addressees
    )
    return SearchDocument(
        kind="document",
        body=body,
        context=context,
        validity=page.get_validity_display(),
        boost=1.1,
        place=place_name(page),
        **{**common(page), "date": page.publish_date or page.written_date},
    )


def interpretation_document(page: PolicyInterpretationPage) -> SearchDocument:
    return SearchDocument(
        kind="document",
        body=text(page.body),
        context=text("政策解读", page.interpreter),
        place=place_name(page),
        **{**common(page), "date": page.publish_date or _interpreted_date(page)},
    )


def _interpreted_date(page: PolicyInterpretationPage):
    """Without its own date, an interpretation is dated as the document it explains."""
    document = page.document
    return (document.publish_date or document.written_date) if document else None


def register() -> None:
    registry.register_page_source(PolicyDocumentPage, registry.PageSource(document_document))
    registry.register_page_source(
        PolicyInterpretationPage, registry.PageSource(interpretation_document)
    )
