"""Load run: gunicorn on the embedded SQLite under readers, publishers and staff POSTs.

The production layout on one machine without PostgreSQL: gunicorn with two
workers (portal/gunicorn.conf.py, production settings) on a throwaway SQLite
file holding the demo county. For --seconds it runs, all at once:

- --connections readers, each GETting public pages (homes, guides, boards,
  documents, the catalogue, search, the whereabouts API) one after another;
- two publish loops, separate processes that publish a guide again and again
  through Wagtail's revision publishing (as the admin's 发布 does);
- staff status changes POSTed through /staff/ by the demo staff logins.

Target: 0 errors — no 5xx, no refused or timed-out connection, no failed
publish, no failed POST. Prints the figures and exits 1 when any error was seen.

    .venv/bin/python benchmarks/load_run.py [--seconds 60] [--connections 50]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
READ_PATHS = [
    "/",
    "/yunxi/",
    "/yunxi/hongyan/",
    "/yunxi/guides/",
    "/yunxi/guides/qs-mz-001/",
    "/yunxi/disclosure/",
    "/items/",
    "/yunxi/staff/",
    "/hall/yunxi/",
    "/yunxi/documents/",
    "/catalogue/?validity=valid",
    "/search/?q=" + urllib.parse.quote("低保"),
    "/api/v1/centers/yunxi/whereabouts/",
    "/songlin/",
    "/chengguan/guides/",
]
STAFF_LOGINS = [
    f"{town}-{role}" for town in ("yunxi", "songlin", "chengguan") for role in ("window", "deputy")
]
DEMO_STAFF_PASSWORD = "Qingshi-staff-2026"  # noqa: S105 - the demo's documented login
TIMEOUT = 30


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(work: Path, settings: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CACHE_URL")}
    env.update(
        DJANGO_SETTINGS_MODULE=settings,
        SECRET_KEY="load-run-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=f"sqlite:///{work / 'db.sqlite3'}",
        MEDIA_ROOT=str(work / "media"),
        STATIC_ROOT=str(work / "static"),
        PRINT_CACHE_DIR=str(work / "print-cache"),
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        WEB_CONCURRENCY="2",
        PYTHONPATH=str(ROOT),
    )
    return env


def prepare(work: Path) -> dict[str, str]:
    """Migrate, load the demo (dev settings: the documented demo passwords), collect static."""
    dev = environment(work, "portal.settings.dev")
    for args in (["migrate", "--no-input", "-v0"], ["load_demo"]):
        subprocess.run(
            [PYTHON, "manage.py", *args], cwd=ROOT, env=dev, check=True, stdout=subprocess.DEVNULL
        )
    production = environment(work, "portal.settings.production")
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT,
        env=production,
        check=True,
    )
    return production


# --- the publish loop (run as its own process) ------------------------------------


def publish_loop(index: int, seconds: float) -> None:
    import django

    django.setup()
    from pages.models import ServiceGuidePage

    guides = ServiceGuidePage.objects.live().filter(url_path__contains="/yunxi/guides/")
    guide_id = guides.order_by("path").values_list("pk", flat=True)[index]
    done, errors = 0, []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            guide = ServiceGuidePage.objects.get(pk=guide_id)
            base = guide.title.split("（第")[0]
            guide.title = f"{base}（第{done + 1}次修订）"
            guide.save_revision().publish()
            done += 1
        except Exception as exc:  # every failure is what the run counts
            errors.append(f"{type(exc).__name__}: {exc}"[:200])
    print(json.dumps({"published": done, "errors": errors}))


# --- readers and staff --------------------------------------------------------------


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self.posts = 0

    def ok(self, seconds: float) -> None:
        with self.lock:
            self.latencies.append(seconds)

    def error(self, what: str) -> None:
        with self.lock:
            self.errors.append(what)


def get(port: int, path: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1"})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def reader(port: int, number: int, deadline: float, tally: Tally) -> None:
    step = number
    while time.monotonic() < deadline:
        path = READ_PATHS[step % len(READ_PATHS)]
        step += 1
        start = time.perf_counter()
        try:
            status = get(port, path)
        except OSError as exc:
            tally.error(f"GET {path}: {type(exc).__name__}: {exc}")
            continue
        if status >= 400:
            tally.error(f"GET {path}: HTTP {status}")
        else:
            tally.ok(time.perf_counter() - start)


class StaffSession:
    """One staff login with its own cookies, posting its own status.

    Production cookies are Secure and nginx would say the request came over
    HTTPS; the session says so too (X-Forwarded-Proto) and keeps its cookies
    itself, as a browser behind TLS would.
    """

    def __init__(self, port: int, username: str):
        self.port = port
        self.username = username
        self.cookies: dict[str, str] = {}

    def _request(self, method: str, path: str, data: dict | None = None) -> tuple[int, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
        headers = {
            "Host": "127.0.0.1",
            "X-Forwarded-Proto": "https",
            "Referer": f"https://127.0.0.1{path}",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        body = None
        if data is not None:
            data = {**data, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
            body = urllib.parse.urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode()
            for header, value in response.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    self.cookies[name] = rest.split(";")[0]
            if response.status in (301, 302, 303) and method == "POST":
                location = urllib.parse.urlsplit(response.getheader("Location", "/"))
                return self._request("GET", location.path or "/")
            if response.status >= 400:
                raise RuntimeError(f"HTTP {response.status} for {method} {path}")
            return response.status, text
        finally:
            connection.close()

    def login(self) -> None:
        self._request("GET", "/staff/login/")
        _status, page = self._request(
            "POST", "/staff/login/", {"username": self.username, "password": DEMO_STAFF_PASSWORD}
        )
        self.action = re.search(r'action="(/staff/members/\d+/status/)"', page).group(1)
        self.statuses = re.findall(r'name="status" value="(\d+)"', page)

    def change(self, turn: int) -> None:
        status = self.statuses[turn % len(self.statuses)]
        self._request("POST", self.action, {"status": status, "return_choice": "none"})


def staff_sessions(port: int, tally: Tally) -> list[StaffSession]:
    """Log every demo staff account in (before the load starts, as staff would be)."""
    sessions = []
    for username in STAFF_LOGINS:
        session = StaffSession(port, username)
        try:
            session.login()
            sessions.append(session)
        except Exception as exc:
            tally.error(f"login {username}: {type(exc).__name__}: {exc}")
    return sessions


def staff(session: StaffSession, deadline: float, interval: float, tally: Tally) -> None:
    turn = 0
    while time.monotonic() < deadline:
        try:
            session.change(turn)
            with tally.lock:
                tally.posts += 1
        except Exception as exc:
            tally.error(f"POST status {session.username}: {type(exc).__name__}: {exc}")
        turn += 1
        time.sleep(interval)


# --- the run --------------------------------------------------------------------------


def wait_until_serving(port: int, process: subprocess.Popen, limit: float = 120) -> float:
    start = time.monotonic()
    while time.monotonic() - start < limit:
        if process.poll() is not None:
            raise SystemExit("gunicorn exited during start-up")
        try:
            if get(port, "/") < 500:
                return time.monotonic() - start
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start serving")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument(
        "--post-interval",
        type=float,
        default=3.0,
        help="seconds between staff status POSTs (within the rate limit)",
    )
    parser.add_argument("--publish-loop", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.publish_loop is not None:
        publish_loop(args.publish_loop, args.seconds)
        return 0

    with tempfile.TemporaryDirectory(prefix="portal-load-") as directory:
        work = Path(directory)
        print("preparing a SQLite demo county …", flush=True)
        env = prepare(work)
        port = free_port()
        log = (work / "gunicorn.log").open("w")
        gunicorn = subprocess.Popen(
            [
                str(Path(PYTHON).parent / "gunicorn"),
                "-c",
                "portal/gunicorn.conf.py",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "portal.wsgi:application",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        try:
            started = wait_until_serving(port, gunicorn)
            first = []
            for _ in range(4):  # the first requests each worker serves
                begin = time.perf_counter()
                get(port, "/yunxi/guides/qs-mz-001/")
                first.append((time.perf_counter() - begin) * 1000)
            print(
                f"gunicorn serving after {started:.1f} s; first requests "
                + ", ".join(f"{ms:.0f}" for ms in first)
                + " ms",
                flush=True,
            )

            tally = Tally()
            sessions = staff_sessions(port, tally)
            deadline = time.monotonic() + args.seconds
            publishers = [
                subprocess.Popen(
                    [PYTHON, __file__, "--publish-loop", str(i), "--seconds", str(args.seconds)],
                    cwd=ROOT,
                    env=env,
                    stdout=subprocess.PIPE,
                    text=True,
                )
                for i in range(2)
            ]
            threads = [
                threading.Thread(target=reader, args=(port, i, deadline, tally))
                for i in range(args.connections)
            ]
            threads += [
                threading.Thread(target=staff, args=(s, deadline, args.post_interval, tally))
                for s in sessions
            ]
            print(
                f"running {args.connections} connections, 2 publish loops and staff POSTs "
                f"for {args.seconds:g} s …",
                flush=True,
            )
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(args.seconds + TIMEOUT + 30)
            results = [
                json.loads(p.communicate(timeout=120)[0].strip().splitlines()[-1])
                for p in publishers
            ]
        finally:
            gunicorn.terminate()
            gunicorn.wait(30)
            log.close()
            errors_logged = (work / "gunicorn.log").read_text()
            if "Traceback" in errors_logged:
                print("gunicorn logged errors:\n" + errors_logged[-3000:])

    latencies = sorted(s * 1000 for s in tally.latencies)
    publish_errors = [e for r in results for e in r["errors"]]
    errors = tally.errors + publish_errors
    p95 = statistics.quantiles(latencies, n=20)[18] if len(latencies) > 20 else float("nan")
    print(
        f"GET: {len(latencies)} ok, {len(latencies) / args.seconds:.1f}/s, "
        f"median {statistics.median(latencies):.0f} ms, p95 {p95:.0f} ms"
    )
    print(
        "publishes: "
        + ", ".join(
            f"loop {i + 1}: {r['published']} ok, {len(r['errors'])} failed"
            for i, r in enumerate(results)
        )
    )
    print(f"staff status POSTs: {tally.posts} ok")
    print(f"errors: {len(errors)} (target 0) — " + ("met" if not errors else "MISSED"))
    for error in errors[:15]:
        print("  " + error)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
