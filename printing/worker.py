"""The render worker: runs WeasyPrint on the jobs one web process sends it.

Workers are forked from a forkserver (see render.py), never from the web
process: that one holds threads, the listening socket and a database
connection, none of which a child may inherit. This module therefore needs
no Django; it is imported by the forkserver (through render_server) and by
the web process, which only names `serve` as the workers' entry point.

A worker dies with its parent (PR_SET_PDEATHSIG), on SIGTERM, when the web
process closes its end of the job pipe, and when it runs out of address space.
"""

from __future__ import annotations

import os
import signal
import stat

from core.processes import cap_address_space, die_with_parent

from .fetcher import PRINT_BASE_URL

WARM_UP_HTML = (
    '<html lang="zh-CN"><body style="font-family: \'Noto Sans CJK SC\'">'
    "便民服务中心<b style=\"font-family: 'Noto Serif CJK SC'\">办事指南</b></body></html>"
)

# The forkserver's pid, set in the forkserver by prepare_server(); a worker
# compares its parent with it to catch a parent that died before prctl().
_server_pid: int | None = None


def prepare_server() -> None:
    """In the forkserver: load WeasyPrint, fontconfig and the CJK fonts once.

    Workers fork from here, so they start with warm font caches instead of
    each spending a few hundred milliseconds loading them. The warm-up
    document is fixed, so it runs safely without the workers' limits.
    """
    global _server_pid
    _server_pid = os.getpid()
    from weasyprint import HTML  # heavy: WeasyPrint loads only where it renders

    HTML(string=WARM_UP_HTML).write_pdf()


def serve(connection, memory_mb: int) -> None:
    """Answer (html, roots) jobs with (ok, pdf or message, refused URLs) until the pipe closes."""
    _stop_on_signals()
    die_with_parent(_server_pid)
    _drop_inherited_descriptors(keep={connection.fileno()})
    cap_address_space(memory_mb)
    from weasyprint import HTML  # heavy: WeasyPrint loads only where it renders

    from .weasy_fetcher import PortalFetcher  # heavy: subclasses WeasyPrint's fetcher

    while True:
        try:
            html, roots = connection.recv()
        except (EOFError, OSError):
            return
        fetcher = PortalFetcher(roots)
        try:
            pdf = HTML(string=html, base_url=PRINT_BASE_URL, url_fetcher=fetcher).write_pdf()
            connection.send((True, pdf, fetcher.refused))
        except MemoryError:
            return  # the parent sees the closed pipe and replaces this worker
        except Exception as exc:  # reported to the person printing, not a traceback
            connection.send((False, f"{type(exc).__name__}: {exc}"[:300], fetcher.refused))


def _stop_on_signals() -> None:
    """Stop at once on SIGTERM or SIGINT, whatever handlers the forkserver inherited."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _drop_inherited_descriptors(keep: set[int]) -> None:
    """Point every inherited pipe and socket except `keep` (and stdio) at /dev/null.

    A forkserver child still holds multiprocessing's own pipes, among them a
    copy of the web process's "alive" pipe, which would keep the forkserver
    running after the web process is gone; and a listening socket must never
    stay open in a worker. Font files WeasyPrint opened during the warm-up are
    regular files and stay. dup2 rather than close, so that a number
    multiprocessing still remembers never comes to mean another file.
    """
    null = os.open(os.devnull, os.O_RDWR)
    try:
        for name in os.listdir("/proc/self/fd"):
            fd = int(name)
            if fd <= 2 or fd in keep or fd == null:
                continue
            try:
                mode = os.fstat(fd).st_mode
            except OSError:
                continue  # the directory listing's own descriptor, now closed
            if stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
                os.dup2(null, fd)
    finally:
        os.close(null)
