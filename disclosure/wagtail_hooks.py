"""The disclosure app in the admin: the officers' requests (requests_admin)."""

from . import requests_admin  # noqa: F401  (registers the requests' viewset and URLs)
