"""The multi-server layout under load: nginx over two app servers (scripts/cluster.sh).

Starts the layout on loopback — PostgreSQL (a throwaway cluster, or a new
database on --database-url's server), Redis, two gunicorn app servers, the
task worker and nginx — on a small seeded county, then measures:

- requests per second (wrk) for a center page through nginx, and straight
  at one app server for comparison (the ratio shows what the second server
  and nginx add on this machine);
- publish-to-visible: an editor publishes a new title on app server 1; the
  time until app server 2, and nginx, serve it. Target: <= 1 s, every time.

Prints each figure and whether the target is met; exits 1 when it is not.

    .venv/bin/python benchmarks/cluster.py [--seconds 10] [--connections 10]
        [--publishes 5] [--workers 1] [--database-url postgres://…]
"""

from __future__ import annotations

import argparse
import contextlib
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.cluster.browser import Browser  # noqa: E402
from tests.cluster.layout import (  # noqa: E402
    PASSWORD,
    Layout,
    free_port,
    publish_new_title,
    running_layout,
    throwaway_database,
    throwaway_server,
)

TARGET_VISIBLE_SECONDS = 1.0


def wrk(url: str, seconds: float, connections: int) -> float:
    """Requests per second wrk measured, after checking that no request failed."""
    done = subprocess.run(  # noqa: S603 - Debian's wrk on loopback
        ["wrk", "-t2", f"-c{connections}", f"-d{round(seconds)}s", url],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    )
    if "Non-2xx" in done.stdout or "Socket errors" in done.stdout:
        print(done.stdout)
    return float(re.search(r"Requests/sec:\s+([\d.]+)", done.stdout).group(1))


def visible_after(layout: Layout, path: str, title: str, timeout: float = 10) -> float:
    """Seconds until app server 2 and nginx both serve `title` at `path`."""
    start = time.perf_counter()
    pending = [Browser(layout.app(2)), Browser(layout.nginx), Browser(layout.nginx)]
    while pending and time.perf_counter() - start < timeout:
        pending = [b for b in pending if title not in b.get(path).text]
        if pending:
            time.sleep(0.01)
    return time.perf_counter() - start if not pending else float("inf")


def measure(layout: Layout, args: argparse.Namespace) -> bool:
    path = layout.seeded["center_path"]
    print(f"layout: nginx :{layout.http_port} over app servers {layout.app_ports}")
    for url in (layout.nginx + path, layout.app(1) + path):  # warm both up
        wrk(url, 2, 2)
    through_nginx = wrk(layout.nginx + path, args.seconds, args.connections)
    one_server = wrk(layout.app(1) + path, args.seconds, args.connections)
    print(f"center page through nginx (2 app servers): {through_nginx:8.1f} req/s")
    print(f"center page, one app server directly:      {one_server:8.1f} req/s")
    print(f"ratio nginx+2 servers / 1 server:          {through_nginx / one_server:8.2f}")

    editor = Browser(layout.app(1))
    if editor.log_in("/admin/login/", "county-admin", PASSWORD).status_code != 302:
        raise RuntimeError("the administrator could not log in")
    publish_times, visible = [], []
    for number in range(1, args.publishes + 1):
        title = f"云溪镇便民服务中心（第{number}版）"
        start = time.perf_counter()
        answer = publish_new_title(editor, layout.seeded["center_id"], title)
        publish_times.append(time.perf_counter() - start)
        if answer.status_code != 302:
            raise RuntimeError(f"publishing failed ({answer.status_code})")
        visible.append(visible_after(layout, path, title))
    publishing = statistics.median(publish_times)
    print(f"publish on server 1 (edit form + publish):  median {publishing:.3f} s")
    print(
        "publish-to-visible on server 2 and nginx:   "
        f"median {statistics.median(visible):.3f} s, max {max(visible):.3f} s "
        f"over {len(visible)} publishes"
    )
    met = max(visible) <= TARGET_VISIBLE_SECONDS
    verdict = "met" if met else "NOT met"
    print(f"target publish-to-visible <= {TARGET_VISIBLE_SECONDS:.0f} s: {verdict}")
    return met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--connections", type=int, default=10)
    parser.add_argument("--publishes", type=int, default=5)
    parser.add_argument("--workers", type=int, default=1, help="gunicorn workers per server")
    parser.add_argument("--database-url", help="an existing PostgreSQL server to use")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is not installed (scripts/install.sh installs it)")
        return 1
    with contextlib.ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="portal-cluster-")))
        server = args.database_url or stack.enter_context(throwaway_server(free_port()))
        database = stack.enter_context(throwaway_database(server, "portal_cluster_bench", None))
        layout = stack.enter_context(
            running_layout(tmp / "run", database, web_concurrency=args.workers)
        )
        return 0 if measure(layout, args) else 1


if __name__ == "__main__":
    sys.exit(main())
