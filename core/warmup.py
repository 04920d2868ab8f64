"""Warm a freshly started web process so its first visitor does not wait for it.

Loading Wagtail's page models, compiling templates, the Chinese segmenter's
dictionary and the URL resolver all happen on the first request otherwise —
seconds on this hardware. `warm_up` sends a few requests through the WSGI
application itself (no socket) before the server accepts any, then closes
the database connections it opened, so that forked workers never share one.
"""

from __future__ import annotations

import io
import logging
import sys
from collections.abc import Callable, Iterable
from typing import cast

from django.conf import settings
from django.core import signals
from django.db import close_old_connections, connections

log = logging.getLogger(__name__)


def _environ(path: str, host: str) -> dict:
    path, _, query = path.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": host,
        "SERVER_PORT": "80",
        "HTTP_HOST": host,
        "REMOTE_ADDR": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


def _host() -> str:
    """The first host name ALLOWED_HOSTS names exactly (a pattern names none)."""
    hosts = [h for h in settings.ALLOWED_HOSTS if h and "*" not in h and not h.startswith(".")]
    return hosts[0] if hosts else "localhost"


def _get(application: Callable, environ: dict) -> int:
    seen: list[str] = []
    body = application(environ, lambda status, headers, *exc_info: seen.append(status))
    for _chunk in body:
        pass
    getattr(body, "close", lambda: None)()
    return int(seen[0].split()[0]) if seen else 0


def fetch(path: str, application: Callable | None = None) -> tuple[int, bytes]:
    """GET `path` through the WSGI application in this process: what a visitor would be
    served, without a socket or a server running (the inspection reads the footer so)."""
    if application is None:
        # Built on demand: costly, and only the inspection asks for it.
        from django.core.wsgi import get_wsgi_application

        application = cast(Callable, get_wsgi_application())
    environ = _environ(path, _host())
    if settings.SECURE_SSL_REDIRECT:  # as the visitor arrives: over HTTPS, not redirected
        environ.update({"wsgi.url_scheme": "https", "SERVER_PORT": "443"})
        if settings.SECURE_PROXY_SSL_HEADER:
            header, value = settings.SECURE_PROXY_SSL_HEADER
            environ[header] = value
    seen: list[str] = []
    # A request closes "old" database connections when it starts and ends: here it would
    # close the caller's own connection (and break its transaction), as the test client
    # knows too.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        body = application(environ, lambda status, headers, *exc_info: seen.append(status))
        try:
            content = b"".join(body)
        finally:
            getattr(body, "close", lambda: None)()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    return (int(seen[0].split()[0]) if seen else 0), content


def warm_up(
    application: Callable, paths: Iterable[str] | None = None, close_connections: bool = True
) -> dict[str, int]:
    """GET each path through `application`; returns path → status. Never raises."""
    paths = list(paths if paths is not None else settings.PORTAL_WARM_UP_PATHS)
    host = _host()
    statuses: dict[str, int] = {}
    for path in paths:
        try:
            statuses[path] = _get(application, _environ(path, host))
        except Exception:  # a warm-up that fails must not stop the server starting
            log.warning("warm-up request for %s failed", path, exc_info=True)
            statuses[path] = 0
    if close_connections:
        connections.close_all()
    return statuses
