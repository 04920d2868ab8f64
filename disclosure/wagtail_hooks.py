"""The disclosure app in the admin: the officers' requests, the catalogue, the annual report."""

from . import (
    catalogue_admin,  # noqa: F401  (the standard catalogue's views and snippet)
    report_admin,  # noqa: F401  (the annual report's warning and its draft)
    requests_admin,  # noqa: F401  (registers the requests' viewset and URLs)
)
