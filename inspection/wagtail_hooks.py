"""Admin registrations of the inspection app."""

from . import (
    admin_views,  # noqa: F401  (the 网站检查 screen, its menu item and the run button)
    link_admin,  # noqa: F401  (the edit screen's warning about the page's broken links)
    wording_admin,  # noqa: F401  (the lexicon, the publish warning and its review)
)
