"""A new web process warms itself up before its first visitor arrives."""

from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, connection

import pytest

from core.warmup import fetch, warm_up


@pytest.fixture
def keep_test_connection():
    """As Django's test client does: a request must not close the test's transaction."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_warm_up_renders_the_configured_pages_through_the_application(
    shared_demo, settings, keep_test_connection
):
    settings.ALLOWED_HOSTS = ["portal.example.gov.cn"]
    statuses = warm_up(get_wsgi_application(), close_connections=False)
    assert statuses == {path: 200 for path in settings.PORTAL_WARM_UP_PATHS}


def test_a_failing_warm_up_never_stops_the_server_starting(db):
    def broken(environ, start_response):
        raise RuntimeError("database still starting")

    assert warm_up(broken, ["/"], close_connections=False) == {"/": 0}


def test_fetch_serves_a_page_in_process_and_keeps_the_callers_connection(shared_demo, settings):
    settings.SECURE_SSL_REDIRECT = True  # as in production: the page, not a redirect to https
    status, body = fetch("/")
    assert status == 200 and "我为政府网站找错" in body.decode()
    assert connection.connection is not None and connection.in_atomic_block
