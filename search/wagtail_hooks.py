"""The synonym list, editable by county staff under 设置 → 同义词."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SynonymGroup


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "search"
    menu_label = "同义词"
    add_to_settings_menu = True
    list_display = ["__str__", "updated_at"]
    search_fields = ["terms"]


register_snippet(SynonymGroupViewSet)
