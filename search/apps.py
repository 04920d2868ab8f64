from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Chinese full-text search behind one small interface.

    Empty until the search issue lands; installed now so that the layout and
    settings are stable for everyone building on it.
    """

    name = "search"
    label = "portal_search"
    verbose_name = "全文检索"
