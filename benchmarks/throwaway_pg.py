"""A throwaway PostgreSQL cluster on loopback for a benchmark, as scripts/test.sh starts one.

    with throwaway_cluster() as url:  # postgres://portal@127.0.0.1:PORT/portal
        ...

The cluster lives in a temporary directory and is stopped and removed on exit.
Its port is a free one, or BENCH_PG_PORT when set (a shared machine hands
each engineer a fixed port).
Durability is off (fsync, synchronous_commit): the data is thrown away.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from load_run import free_port  # a sibling benchmark module


def postgres_bin() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    if not found:
        raise SystemExit("PostgreSQL server binaries not found under /usr/lib/postgresql")
    return found[-1]


@contextmanager
def throwaway_cluster(shared_buffers: str = "256MB") -> Iterator[str]:
    """Start a cluster, yield the URL of its `portal` database, stop and remove it."""
    binaries = postgres_bin()
    directory = Path(tempfile.mkdtemp(prefix="bench-pg-"))
    data, port = directory / "data", int(os.environ.get("BENCH_PG_PORT") or free_port())
    # initdb refuses to run as root: the throwaway cluster then belongs to "postgres".
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_postgres:
        shutil.chown(directory, "postgres", "postgres")
    run = lambda *args: subprocess.run([*as_postgres, *args], check=True, capture_output=True)  # noqa: E731
    try:
        initdb = [str(binaries / "initdb"), "-D", str(data), "-U", "portal", "-A", "trust"]
        run(*initdb, "-E", "UTF8", "--locale=C.UTF-8")
        options = (
            f"-h 127.0.0.1 -p {port} -k {directory} -c fsync=off -c synchronous_commit=off "
            f"-c full_page_writes=off -c shared_buffers={shared_buffers}"
        )
        log = str(directory / "server.log")
        run(str(binaries / "pg_ctl"), "-D", str(data), "-l", log, "-w", "-o", options, "start")
        run(
            str(binaries / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "portal", "portal"
        )
        yield f"postgres://portal@127.0.0.1:{port}/portal"
    finally:
        subprocess.run(
            [*as_postgres, str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
        )
        shutil.rmtree(directory, ignore_errors=True)
