"""The disclosure app in the admin: the officers' requests (requests_admin)."""

from . import (
    catalogue_admin,  # noqa: F401  (the standard catalogue's views and snippet)
    requests_admin,  # noqa: F401  (registers the requests' viewset and URLs)
)
