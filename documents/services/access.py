"""Who may download a document (``/documents/<id>/<filename>``).

A government portal publishes a file by linking it from a published page.
So a document is public exactly while some live page that anyone may view
(no view restriction on it or its ancestors) links to it: as a guide's blank
form or sample, a policy document's attachment, a rich-text link, anything
Wagtail's reference index records. Everything else (an upload waiting for
its page to be approved, a file linked only from drafts or from restricted
pages, one whose page was unpublished) is served only to users who hold a
permission on the document's collection, which for a center's collection
means that center's editors and directors, and the county. Everyone else
gets a 404, whether or not the document exists.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType

from wagtail.documents import get_document_model
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import policy_registry

COLLECTION_ACTIONS = ("add", "change", "choose", "delete")


def linked_from_public_page(document) -> bool:
    """True when a live page that anyone may view links to the document."""
    page_type = ContentType.objects.get_for_model(Page)
    ids = (
        ReferenceIndex.get_references_to(document)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    page_ids = [int(pk) for pk in ids if str(pk).isdigit()]
    return bool(page_ids) and Page.objects.live().public().filter(pk__in=page_ids).exists()


def works_with_collection(user, document) -> bool:
    """True when the user holds any permission on the document's collection."""
    if not getattr(user, "is_authenticated", False):
        return False
    policy = policy_registry.get_by_type(get_document_model())
    collections = policy.collections_user_has_any_permission_for(user, COLLECTION_ACTIONS)
    return collections.filter(pk=document.collection_id).exists()


def may_download(user, document) -> bool:
    return works_with_collection(user, document) or linked_from_public_page(document)
