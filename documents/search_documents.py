"""How policy documents and their interpretations read in the site search
(registered into search.registry from DocumentsConfig.ready())."""

from __future__ import annotations

from pages.search_documents import common
from search import registry
from search.backends.base import SearchDocument
from search.indexing import text

from .models import PolicyDocumentPage, PolicyInterpretationPage


def document_document(page: PolicyDocumentPage) -> SearchDocument:
    fields = common(page)
    body = text(
        page.document_number,
        page.index_number,
        page.organisation_names,
        page.keywords,
        page.addressees,
        page.body,
        " ".join(a.title for a in page.attachments.all()),
    )
    return SearchDocument(
        kind="document",
        body=body,
        validity=page.get_validity_display(),
        boost=1.1,
        **{**fields, "date": page.publish_date or fields["date"]},
    )


def interpretation_document(page: PolicyInterpretationPage) -> SearchDocument:
    fields = common(page)
    body = text("政策解读", page.interpreter, page.body)
    return SearchDocument(
        kind="document", body=body, **{**fields, "date": page.publish_date or fields["date"]}
    )


def register() -> None:
    registry.register_page_source(PolicyDocumentPage, registry.PageSource(document_document))
    registry.register_page_source(
        PolicyInterpretationPage, registry.PageSource(interpretation_document)
    )
