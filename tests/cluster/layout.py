"""Bring the multi-server layout (scripts/cluster.sh) up on free loopback ports, and down.

Used by the cluster tests and by benchmarks/cluster.py. The layout gets its
own PostgreSQL database on an existing server (created from the migrated
template when the test script prepared one, so migrating finds nothing to
do), seeded with a small county, a staff login and an administrator.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from psycopg import sql

from tests.admin_forms import read_form
from tests.cluster.browser import Browser, Response
from tests.reliability.test_render_workers import portal_env

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
PASSWORD = "Cluster-pass-2026"  # noqa: S105 - a throwaway test login

SEED = """
import json
import os
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.contrib.auth import get_user_model
from django.test import override_settings
from tests.factories import StaffMemberFactory, make_site_tree, make_user
tree = make_site_tree()
member = StaffMemberFactory(center=tree["center"], name="张丽")
# Hashed as production checks them (the test settings' hasher is not among its).
with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.PBKDF2PasswordHasher"]):
    make_user("zhangli", staff_member=member, password=os.environ["SEED_PASSWORD"])
    get_user_model().objects.create_superuser("county-admin", password=os.environ["SEED_PASSWORD"])
print(json.dumps({
    "center_id": tree["center"].pk,
    "center_path": tree["center"].url,
    "member_id": member.pk,
}))
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Layout:
    run_dir: Path
    database_url: str
    http_port: int = field(default_factory=free_port)
    app_ports: tuple[int, int] = field(default_factory=lambda: (free_port(), free_port()))
    redis_port: int = field(default_factory=free_port)
    web_concurrency: int = 1  # gunicorn workers per app server
    seeded: dict = field(default_factory=dict)

    @property
    def nginx(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    def app(self, number: int) -> str:
        """App server 1 or 2, bypassing nginx."""
        return f"http://127.0.0.1:{self.app_ports[number - 1]}"

    def env(self) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "DATABASE_", "PYTEST_", "CLUSTER_", "TEST_"))
        }
        env.update(
            CLUSTER_DIR=str(self.run_dir),
            CLUSTER_HTTP_PORT=str(self.http_port),
            CLUSTER_APP_PORTS=" ".join(str(port) for port in self.app_ports),
            CLUSTER_REDIS_PORT=str(self.redis_port),
            CLUSTER_DATABASE_URL=self.database_url,
            CLUSTER_WEB_CONCURRENCY=str(self.web_concurrency),
            # nginx serves /static/ (and gzips it): whitenoise's pre-compressed
            # copies would only cost collectstatic 20 s here.
            STATIC_COMPRESS="0",
            PYTHONPATH=str(ROOT),
        )
        return env

    def cluster_sh(self, command: str, timeout: float = 180) -> None:
        done = subprocess.run(  # noqa: S603 - our own script
            [str(ROOT / "scripts" / "cluster.sh"), command],
            cwd=ROOT,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"cluster.sh {command} failed:\n{done.stdout}\n{done.stderr}")

    def tasks(self) -> dict[str, int]:
        """How many background tasks the database queue holds, by status (READY, SUCCESSFUL…)."""
        with psycopg.connect(self.database_url) as connection:
            rows = connection.execute(
                "SELECT status, count(*) FROM django_tasks_database_dbtaskresult GROUP BY status"
            ).fetchall()
        return dict(rows)

    def pid(self, name: str) -> int | None:
        path = self.run_dir / f"{name}.pid"
        with contextlib.suppress(OSError, ValueError):
            return int(path.read_text())
        return None

    def kill(self, name: str) -> None:
        """SIGKILL a process of the layout and its whole group (gunicorn master and workers)."""
        pid = self.pid(name)
        if pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)

    def kill_everything(self) -> None:
        """The last resort after a failed stop: nothing of the layout outlives the test."""
        for path in self.run_dir.glob("*.pid"):
            name = path.stem
            if name in ("nginx", "redis"):  # daemons: their own group is not ours to know
                with contextlib.suppress(ProcessLookupError, ValueError, OSError):
                    os.kill(int(path.read_text()), signal.SIGKILL)
            else:
                self.kill(name)


def publish_new_title(editor: Browser, page_id: int, title: str) -> Response:
    """Publish the page with a new title through the admin's edit form, as an editor does."""
    edit_url = f"/admin/pages/{page_id}/edit/"
    form = editor.get(edit_url)
    if form.status_code != 200:
        raise RuntimeError(f"{edit_url} answered {form.status_code}")
    data = read_form(form.text)
    data.update(title=title, **{"action-publish": "action-publish"})
    return editor.post(edit_url, data)


@contextlib.contextmanager
def throwaway_server(port: int) -> Iterator[str]:
    """A PostgreSQL cluster of our own on loopback (as scripts/test.sh starts one); its URL."""
    pg_bin = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    if not pg_bin:
        raise RuntimeError("PostgreSQL server binaries not found under /usr/lib/postgresql")
    as_pg = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
    # Straight under /tmp: the postgres user may not reach a directory of root's.
    data_dir = Path(tempfile.mkdtemp(prefix="portal-cluster-pg-"))
    if as_pg:
        shutil.chown(data_dir, "postgres", "postgres")
    run = functools.partial(subprocess.run, check=True, capture_output=True)  # noqa: S603
    ctl = [*as_pg, str(pg_bin[-1] / "pg_ctl"), "-D", str(data_dir)]
    initdb = [*as_pg, str(pg_bin[-1] / "initdb"), "-D", str(data_dir), "-U", "portal"]
    run([*initdb, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8"])
    options = f"-h 127.0.0.1 -p {port} -k {data_dir} -c fsync=off -c synchronous_commit=off"
    run([*ctl, "-l", str(data_dir / "server.log"), "-w", "-o", options, "start"])
    try:
        yield f"postgres://portal@127.0.0.1:{port}/postgres"
    finally:
        run([*ctl, "-m", "immediate", "stop"])
        shutil.rmtree(data_dir, ignore_errors=True)


def _admin_url(database_url: str) -> str:
    parts = urllib.parse.urlsplit(database_url)
    return urllib.parse.urlunsplit(parts._replace(path="/postgres"))


def _with_database(database_url: str, name: str) -> str:
    parts = urllib.parse.urlsplit(database_url)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))


def _drop(server_url: str, name: str) -> None:
    with psycopg.connect(_admin_url(server_url), autocommit=True) as admin:
        drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
        admin.execute(drop.format(sql.Identifier(name)))


@contextlib.contextmanager
def throwaway_database(server_url: str, name: str, template: str | None) -> Iterator[str]:
    """A new database on the server of `server_url`, dropped afterwards."""
    _drop(server_url, name)
    create = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
    if template:
        create += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
    with psycopg.connect(_admin_url(server_url), autocommit=True) as admin:
        admin.execute(create)
    try:
        yield _with_database(server_url, name)
    finally:
        _drop(server_url, name)


def seed(layout: Layout) -> dict:
    """Migrate, then write the county, a staff login and an administrator (before any
    app server starts, so that none of them has cached the empty site)."""
    env = portal_env(layout.run_dir)  # the test settings, on the layout's database
    env.update(DATABASE_URL=layout.database_url, SEED_PASSWORD=PASSWORD)
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [PYTHON, "-c", SEED], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


@contextlib.contextmanager
def running_layout(run_dir: Path, database_url: str, web_concurrency: int = 1) -> Iterator[Layout]:
    """Start the layout on `database_url` (seeded first); always stop it, even half-started."""
    run_dir.mkdir(parents=True, exist_ok=True)
    layout = Layout(run_dir=run_dir, database_url=database_url, web_concurrency=web_concurrency)
    try:
        layout.seeded = seed(layout)
        layout.cluster_sh("start")
        yield layout
    finally:
        try:
            layout.cluster_sh("stop", timeout=90)
        finally:
            layout.kill_everything()
