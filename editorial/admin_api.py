"""The admin API (``/admin/api/main/``) scoped like the admin screens.

Wagtail's images and documents endpoints list every collection's files (only
collections with a view restriction are left out), so another center's
editor could read titles and file URLs of uploads not yet published. These
endpoints list only what the user may choose, change or add in, as the
choosers do; they replace Wagtail's under the same names through the
``construct_admin_api`` hook. The pages endpoint already lists only explorable
pages (the user's own subtrees and their ancestors).
"""

from __future__ import annotations

from wagtail.documents import get_document_model
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images import get_image_model
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.permissions import policy_registry

COLLECTION_ACTIONS = ("add", "change", "choose", "delete")


def collections_for(user, model):
    """Collections whose files the user works with, through the model's permission policy."""
    policy = policy_registry.get_by_type(model)
    return policy.collections_user_has_any_permission_for(user, COLLECTION_ACTIONS)


class ScopedImagesAdminAPIViewSet(ImagesAdminAPIViewSet):
    def get_queryset(self):
        allowed = collections_for(self.request.user, get_image_model())
        return super().get_queryset().filter(collection__in=allowed)


class ScopedDocumentsAdminAPIViewSet(DocumentsAdminAPIViewSet):
    def get_queryset(self):
        allowed = collections_for(self.request.user, get_document_model())
        return super().get_queryset().filter(collection__in=allowed)


def register_scoped_endpoints(router) -> None:
    router.register_endpoint("images", ScopedImagesAdminAPIViewSet)
    router.register_endpoint("documents", ScopedDocumentsAdminAPIViewSet)
