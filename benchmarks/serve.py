"""Serving speed: the portal under wrk beside a hello-world Django app, uncached and cached.

gunicorn serves the demo county (a throwaway SQLite file, production
settings) with 1 and then 2 workers, first with the page cache off
(PORTAL_PAGE_CACHE_SECONDS=0), then on; a hello-world Django app (one view
returning "hello", the same gunicorn) runs beside it as the ceiling. wrk
loads each target for --seconds and the run prints req/s and the ratio to
hello. The API's cached figure is a hall TV's conditional poll (If-None-Match,
answered 304).

Targets: cached >= 0.6 x hello; uncached guide and center pages >= 100 req/s
per worker. The machine is shared: rerun when `uptime` shows it idle.

    .venv/bin/python benchmarks/serve.py [--seconds 5] [--connections 10] [--workers 1,2]
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load_run import environment, get, prepare  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).parent / "gunicorn")
TARGETS = {
    "county home": "/",
    "center": "/yunxi/",
    "guide": "/yunxi/guides/qs-mz-001/",
    "document": None,  # the first policy document of the demo, found after loading
    "catalogue": "/catalogue/",
    "staff board": "/yunxi/staff/",
    "whereabouts API": "/api/v1/centers/yunxi/whereabouts/",
}
PER_WORKER_TARGET = {"center", "guide"}  # uncached >= 100 req/s per worker
HELLO_APP = """
import django
from django.conf import settings
from django.http import HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False, SECRET_KEY="hello-" + "x" * 50, ALLOWED_HOSTS=["*"], ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
)
django.setup()


def hello(request):
    return HttpResponse("hello")


urlpatterns = [path("", hello)]

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
"""


def port_in_range(first: int, used: set[int]) -> int:
    """A free port among the nine from `first` (a shared machine: each engineer has a range)."""
    for port in range(first, first + 9):
        if port in used:
            continue
        with socket.socket() as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
        used.add(port)
        return port
    raise SystemExit(f"no free port in {first}-{first + 8}")


def first_document(env: dict[str, str]) -> str:
    script = (
        "from documents.models import PolicyDocumentPage as P;"
        "print(P.objects.live().order_by('path').first().url)"
    )
    out = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip().splitlines()[-1]


def start(args: list[str], env: dict[str, str], port: int, log: Path, cwd: Path = ROOT):
    process = subprocess.Popen(
        [GUNICORN, *args, "--bind", f"127.0.0.1:{port}"],
        cwd=cwd,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = "".join(log.read_text().splitlines(keepends=True)[-15:])
            raise SystemExit(f"gunicorn exited during start-up ({log}):\n{tail}")
        try:
            if get(port, "/") < 500:
                return process
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not start serving")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


def etag_of(port: int, path: str) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1"})
        response = connection.getresponse()
        response.read()
        return response.getheader("ETag", "")
    finally:
        connection.close()


def wrk(port: int, path: str, seconds: float, connections: int, headers=()) -> tuple[float, int]:
    """Requests per second, and how many answers were not 2xx/3xx."""
    command = ["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s"]
    command += ["-H", "Host: 127.0.0.1"]
    for header in headers:
        command += ["-H", header]
    out = subprocess.run(
        [*command, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return rate, int(bad.group(1)) if bad else 0


def measure(port, targets, seconds, connections, cached: bool) -> dict[str, tuple[float, int]]:
    results = {}
    for name, path in targets.items():
        headers = []
        if cached:
            get(port, path)  # fill the cache (each worker fills its own on a local cache)
            if name == "whereabouts API":
                headers = [f"If-None-Match: {etag_of(port, path)}"]
        results[name] = wrk(port, path, seconds, connections, headers)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=10)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--port", type=int, default=58441, help="the first of nine to use")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    parser.add_argument("--work", type=Path, help="reuse a kept work directory (demo loaded)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed (Debian: apt-get install wrk)")
    if args.work and (args.work / "db.sqlite3").exists():
        work, args.keep = args.work, True
        env = environment(work, "portal.settings.production")
    else:
        work = Path(tempfile.mkdtemp(prefix="portal-serve-"))
        print(f"loading the demo into {work} ...", flush=True)
        env = prepare(work)
    targets = dict(TARGETS, document=first_document(env))
    (work / "hello.py").write_text(HELLO_APP)
    failed = False
    try:
        for workers in (int(w) for w in args.workers.split(",")):
            used: set[int] = set()
            hello_port = port_in_range(args.port, used)
            hello = start(
                ["--workers", str(workers), "--pythonpath", str(work), "hello:application"],
                {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
                hello_port,
                work / "hello.log",
                cwd=work,
            )
            try:
                ceiling, _bad = wrk(hello_port, "/", args.seconds, args.connections)
            finally:
                stop(hello)
            print(f"\n{workers} worker(s): hello-world {ceiling:.0f} req/s", flush=True)
            for cached in (False, True):
                port = port_in_range(args.port, used)
                run_env = dict(env, WEB_CONCURRENCY=str(workers))
                run_env["PORTAL_PAGE_CACHE_SECONDS"] = "3600" if cached else "0"
                run_env["PAGE_CACHE_DIR"] = str(work / "page-cache")
                shutil.rmtree(work / "page-cache", ignore_errors=True)  # every run starts empty
                portal = start(
                    [
                        "-c",
                        "portal/gunicorn.conf.py",
                        "--workers",
                        str(workers),
                        "portal.wsgi:application",
                    ],
                    run_env,
                    port,
                    work / "portal.log",
                )
                try:
                    results = measure(port, targets, args.seconds, args.connections, cached)
                finally:
                    stop(portal)
                print(f"  {'cached' if cached else 'uncached'}:")
                for name, (rate, bad) in results.items():
                    ratio = rate / ceiling if ceiling else 0
                    if cached:
                        ok = ratio >= 0.6
                        goal = ">= 0.6 x hello"
                    elif name in PER_WORKER_TARGET:
                        ok = rate / workers >= 100
                        goal = ">= 100 req/s per worker"
                    else:
                        ok, goal = True, ""
                    failed |= not ok or bad > 0
                    verdict = ("met" if ok else "NOT met") + f" ({goal})" if goal else ""
                    errors = f"  {bad} non-2xx/3xx" if bad else ""
                    print(
                        f"    {name:16} {rate:8.0f} req/s  {ratio:5.2f} x hello  {verdict}{errors}",
                        flush=True,
                    )
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
