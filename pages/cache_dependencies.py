"""What the page tree's pages show besides pages: the service catalogue's
windows, departments and themes (事项主题), and the name aliases search and
the catalogue read. Registered into core.pagecache from PagesConfig.ready()."""

from __future__ import annotations

from core import pagecache

from .models import Department, LifeEvent, NameAlias, ServiceWindow


def register() -> None:
    # Guides, centers, the organisation page and the catalogue show them; listings on
    # other pages (the county item list) do too, so every page depends on them.
    for model in (Department, ServiceWindow, LifeEvent, NameAlias):
        pagecache.register_model(model)
