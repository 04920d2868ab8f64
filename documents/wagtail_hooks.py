"""Admin: the 发布机构 snippet and the document download guard; the official-PDF
module registers its own URL and buttons when imported here."""

from django.http import Http404

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import official_admin  # noqa: F401  (the 标准格式 PDF admin URL and buttons)
from .models import IssuingOrganisation
from .services.access import may_download


class IssuingOrganisationViewSet(SnippetViewSet):
    """County-level: the organisations that issue documents and their 索引号 codes."""

    model = IssuingOrganisation
    icon = "site"
    menu_label = "发布机构"
    add_to_admin_menu = True
    menu_order = 266
    list_display = ["name", "short_name", "code"]
    search_fields = ["name"]


register_snippet(IssuingOrganisationViewSet)


@hooks.register("before_serve_document", order=-10)
def serve_only_published_documents(document, request):
    """Unpublished uploads stay with their collection's people (documents.services.access)."""
    if not may_download(request.user, document):
        raise Http404
    return None
