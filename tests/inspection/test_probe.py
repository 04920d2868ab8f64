"""The uptime probe over real HTTP: a local server stands in for the portal."""

import io
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.core.management import call_command

import pytest

from inspection.models import Probe
from inspection.services import monitor, probe

pytestmark = pytest.mark.django_db


class _Portal(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the http.server API
        if self.path.startswith("/slow"):
            time.sleep(1.5)
        status = 500 if "broken" in self.path else 200
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write("<h1>县政务服务门户</h1>".encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def portal():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Portal)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_the_command_probes_the_home_and_every_center_and_stores_each(towns, portal):
    out = io.StringIO()
    call_command("inspection_probe", "--base", portal, stdout=out)
    probes = list(Probe.objects.order_by("url"))
    units = {p.unit_id for p in probes}
    assert len(probes) == 3 and units == {
        towns[0].center.get_parent().pk,
        *(t.center.pk for t in towns),
    }
    assert all(p.status == 200 and not p.failed and p.seconds < 5 for p in probes)
    assert "共 3 个地址，0 个打不开或超过 15 秒" in out.getvalue()
    assert monitor.uptime(monitor.context()).status == monitor.PASS


def test_errors_slow_answers_and_refused_connections_count_as_failed(portal, monkeypatch):
    assert probe.probe_once(f"{portal}/broken/")[0] == 500
    status, seconds, error = probe.probe_once("http://127.0.0.1:9/")  # nothing listens
    assert status is None and error
    monkeypatch.setattr(probe, "TIMEOUT", 0.5)
    status, seconds, error = probe.probe_once(f"{portal}/slow/")
    assert status is None and seconds < 1.4  # given up at the timeout, not waited out
    assert probe.probe_once("file:///etc/passwd")[2] == "只能监测 http/https 地址"
    slow = Probe.objects.create(url="x", status=200, seconds=15.0)
    assert slow.failed and not Probe(url="x", status=200, seconds=14.9).failed
