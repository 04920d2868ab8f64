"""Print render processes never outlive the web process that asked for them.

These run real processes: a gunicorn serving the portal from a file SQLite
database, and a plain Python "web worker". They read the process tree from
/proc (Linux), so they skip elsewhere. Every wait is bounded and everything
started here is killed at the end whatever happens.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests import premigrated

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")


# --- the process tree, from /proc ---------------------------------------------


def _stat(pid: int) -> tuple[str, int, int] | None:
    """(state, parent pid, start time) of a process, or None once it is gone."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    fields = raw[raw.rindex(")") + 2 :].split()
    return fields[0], int(fields[1]), int(fields[19])


def descendants(pid: int) -> dict[int, int]:
    """Every process below `pid`, as pid -> start time (so a reused pid is not mistaken)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (stat := _stat(int(entry.name))):
            parents.setdefault(stat[1], []).append(int(entry.name))
    found: dict[int, int] = {}
    todo = [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            if (stat := _stat(child)) and child not in found:
                found[child] = stat[2]
                todo.append(child)
    return found


def alive(processes: dict[int, int]) -> dict[int, str]:
    """The processes among `processes` still running (a zombie has already died)."""
    left = {}
    for pid, started in processes.items():
        stat = _stat(pid)
        if stat and stat[2] == started and stat[0] != "Z":
            try:
                command = Path(f"/proc/{pid}/cmdline").read_bytes()
            except (FileNotFoundError, ProcessLookupError):
                continue  # it ended between the two reads: gone, as hoped
            left[pid] = command.replace(b"\0", b" ").decode()
    return left


def wait_until_gone(processes: dict[int, int], seconds: float) -> dict[int, str]:
    deadline = time.monotonic() + seconds
    while (left := alive(processes)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


def socket_inodes(pid: int) -> set[str]:
    inodes = set()
    try:
        fds = list(Path(f"/proc/{pid}/fd").iterdir())
    except (FileNotFoundError, PermissionError):
        return inodes
    for fd in fds:
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    return inodes


def listening_inode(port: int) -> str:
    """The inode of the TCP socket listening on 127.0.0.1:`port`."""
    wanted = f"0100007F:{port:04X}"
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if fields[1] == wanted and fields[3] == "0A":  # 0A: LISTEN
            return fields[9]
    raise AssertionError(f"nothing listens on 127.0.0.1:{port}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def can_bind(port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
            probe.listen()
        except OSError:
            return False
    return True


def kill_all(processes: dict[int, int]) -> None:
    for pid in alive(processes):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


# --- a real gunicorn ------------------------------------------------------------

SEED = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from tests.factories import make_site_tree
from documents.models import PolicyDocumentPage
from pages.models import SectionPage
tree = make_site_tree()
section = SectionPage.objects.child_of(tree["center"]).get(kind="documents")
page = PolicyDocumentPage(
    title="关于印发便民服务中心值班制度的通知",
    slug="duty-rota",
    document_number="测府办发〔2026〕3号",
    body="<p>" + "为进一步做好便民服务中心值班工作，现将有关事项通知如下。" * 40 + "</p>",
)
section.add_child(instance=page)
page.save_revision().publish()
print(page.pk)
"""


def portal_env(tmp: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "PYTEST_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.test",
        DATABASE_URL=f"sqlite:///{tmp / 'db.sqlite3'}",
        TEST_MEDIA_ROOT=str(tmp / "media"),
        TEST_STATIC_ROOT=str(tmp / "static"),
        PYTHONPATH=str(ROOT),
    )
    return env


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """A migrated file database with one published policy document: (env, its page id)."""
    tmp = tmp_path_factory.mktemp("render-workers")
    env = portal_env(tmp)
    # The seed's migrate then finds nothing to do when the test script migrated a file.
    premigrated.copy_migrated_sqlite(tmp / "db.sqlite3")
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [PYTHON, "-c", SEED], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return env, int(done.stdout.split()[-1])


def start_gunicorn(env: dict[str, str], port: int, log: Path) -> subprocess.Popen:
    gunicorn = str(Path(PYTHON).with_name("gunicorn"))
    return subprocess.Popen(  # noqa: S603 - our own gunicorn
        [
            gunicorn,
            "--config",
            str(ROOT / "portal" / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--graceful-timeout",
            "10",
            "portal.wsgi:application",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log.open("ab"),
        start_new_session=True,  # its own group, so a failure here can kill it all
    )


def wait_for_http(url: str, seconds: float) -> None:
    """Until the server answers at all (any status)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=5).close()  # noqa: S310 - loopback
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_after_printing_a_gunicorn_restart_finds_its_port_free_and_no_render_process(
    seeded, tmp_path
):
    env, page_id = seeded
    log = tmp_path / "gunicorn.log"
    port = free_port()
    master = start_gunicorn(env, port, log)
    tracked: dict[int, int] = {}
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for_http(base + "/sitemap.xml", 60)
        # Uncached: every gunicorn worker has a fresh, empty print cache.
        with urllib.request.urlopen(  # noqa: S310 - loopback
            f"{base}/documents/official/{page_id}.pdf", timeout=120
        ) as response:
            assert response.status == 200
            assert response.read().startswith(b"%PDF")

        tracked = descendants(master.pid)
        tracked[master.pid] = _stat(master.pid)[2]
        assert len(tracked) > 3, "printing started no render process"
        gunicorn_workers = {pid for pid in tracked if _stat(pid)[1] == master.pid}
        listener = listening_inode(port)
        holders = {
            pid: alive({pid: tracked[pid]}).get(pid)
            for pid in tracked
            if pid not in gunicorn_workers | {master.pid} and listener in socket_inodes(pid)
        }
        assert not holders, f"render processes hold the listening socket: {holders}"

        master.send_signal(signal.SIGTERM)
        master.wait(timeout=40)
        left = wait_until_gone(tracked, 15)
        assert not left, f"processes outlived gunicorn: {left}\n{log.read_text()[-2000:]}"
        assert can_bind(port), "the port is still held after gunicorn stopped"

        # And a new gunicorn starts on it and serves.
        again = start_gunicorn(env, port, log)
        try:
            wait_for_http(base + "/sitemap.xml", 60)
            assert again.poll() is None
        finally:
            more = descendants(again.pid)
            again.send_signal(signal.SIGTERM)
            again.wait(timeout=40)
            kill_all(more)
    finally:
        if master.poll() is None:
            os.killpg(master.pid, signal.SIGKILL)
            master.wait(5)
        kill_all(tracked)


# --- a plain "web worker" that prints and is then killed -----------------------

PRINTER = """
import os, sys, time
import django
django.setup()
from printing.render import render_pdf, worker_pids
html = '<html lang="zh-CN"><body><p>便民服务中心</p></body></html>'
assert render_pdf(html).pdf.startswith(b"%PDF")
print(os.getpid(), *worker_pids(), flush=True)
time.sleep(120)
"""


@pytest.fixture
def printer(tmp_path):
    env = portal_env(tmp_path)
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and script
        [PYTHON, "-c", PRINTER],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    tracked: dict[int, int] = {}
    try:
        line = process.stdout.readline()
        assert line, process.stderr.read()[-3000:]
        parent, *workers = (int(pid) for pid in line.split())
        assert parent == process.pid and workers
        tracked = descendants(process.pid)
        assert set(workers) <= set(tracked)
        yield process, workers, tracked
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(5)
        kill_all(tracked)


def test_render_workers_die_when_the_web_process_is_killed(printer):
    process, workers, tracked = printer

    process.kill()  # SIGKILL: no atexit, no hook, nothing runs in the parent
    process.wait(5)

    left = wait_until_gone(tracked, 10)
    assert not left, f"processes outlived their SIGKILLed web process: {left}"


def test_a_render_worker_dies_when_its_own_parent_is_killed(printer):
    process, workers, tracked = printer
    worker = workers[0]
    parent = _stat(worker)[1]

    os.kill(parent, signal.SIGKILL)

    left = wait_until_gone({worker: tracked[worker]}, 10)
    assert not left, f"the render worker outlived its SIGKILLed parent {parent}: {left}"


def test_a_render_worker_stops_on_sigterm_and_holds_no_socket_but_its_pipe(printer):
    process, workers, tracked = printer
    worker = workers[0]

    assert len(socket_inodes(worker)) <= 1  # its job pipe; nothing inherited
    os.kill(worker, signal.SIGTERM)

    left = wait_until_gone({worker: tracked[worker]}, 5)
    assert not left, "the render worker ignored SIGTERM"


def test_a_print_after_a_worker_was_killed_still_works(tree):
    """A dead worker is replaced; the public API stays as it was."""
    from printing.render import render_pdf, worker_pids

    html = '<html lang="zh-CN"><body><p>便民服务中心</p></body></html>'
    assert render_pdf(html).pdf.startswith(b"%PDF")
    for pid in worker_pids():
        os.kill(pid, signal.SIGKILL)
    time.sleep(0.2)
    assert render_pdf(html).pdf.startswith(b"%PDF")


def test_the_process_render_workers_fork_from_runs_no_threads():
    """Forking a process that holds threads can deadlock the child on a lock it copied."""
    from printing.render import render_pdf, worker_pids

    html = '<html lang="zh-CN"><body><p>便民服务中心</p></body></html>'
    render_pdf(html)
    if not worker_pids():
        # That job was its worker's last (JOBS_PER_WORKER, counted over the whole
        # suite): it was retired, and the next render starts a fresh one.
        render_pdf(html)
    worker = worker_pids()[0]
    parent = _stat(worker)[1]
    assert parent != os.getpid(), "render workers are forked from the web process"
    threads = int(
        next(
            line.split()[1]
            for line in Path(f"/proc/{parent}/status").read_text().splitlines()
            if line.startswith("Threads:")
        )
    )
    assert threads == 1
