"""A new web process warms itself up before its first visitor arrives."""

from django.core.wsgi import get_wsgi_application

from core.warmup import warm_up


def test_warm_up_renders_the_configured_pages_through_the_application(shared_demo, settings):
    settings.ALLOWED_HOSTS = ["portal.example.gov.cn"]
    statuses = warm_up(get_wsgi_application(), close_connections=False)
    assert statuses == {path: 200 for path in settings.PORTAL_WARM_UP_PATHS}


def test_a_failing_warm_up_never_stops_the_server_starting(db):
    def broken(environ, start_response):
        raise RuntimeError("database still starting")

    assert warm_up(broken, ["/"], close_connections=False) == {"/": 0}
