"""Public URLs of the documents app: the official-format PDF of a published policy document.

Included under /documents/ ahead of Wagtail's document downloads (whose
paths start with a number, so the two never collide).
"""

from django.shortcuts import get_object_or_404
from django.urls import path

from .models import PolicyDocumentPage
from .official import official_document_response


def official_document(request, page_id: int):
    """Anyone may print what is published and unrestricted; drafts stay in the admin."""
    page = get_object_or_404(PolicyDocumentPage.objects.live().public(), pk=page_id)
    return official_document_response(request, page, public=True)


urlpatterns = [
    path("official/<int:page_id>.pdf", official_document, name="official_document_pdf"),
]
