"""HTML → PDF with WeasyPrint, in a child process under a time and memory limit.

Editors' content decides how much there is to lay out, so a render can never
take the web worker down with it: the child is killed when it overruns and
its address space is capped; nor does it ever outlive the web worker. Text
is checked against the print fonts first: a character they cannot draw is
reported, never printed as an empty box.
"""

from __future__ import annotations

import html as html_lib
import multiprocessing
import re
import subprocess
import threading
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings
from django.utils.html import strip_tags
from django.utils.translation import gettext

from .fetcher import PrintRoots
from .worker import serve

PRINT_FONTS = ("Noto Sans CJK SC", "Noto Serif CJK SC")
_INVISIBLE = re.compile(r"[\s\u200b-\u200f\u2028-\u202f\ufeff]")


class PrintError(Exception):
    """A print job that cannot be done; `message` is for the person printing."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class MissingGlyphs(PrintError):
    def __init__(self, characters: str) -> None:
        super().__init__(
            gettext("打印字体中没有以下字符，请改用常用字或联系管理员：%(chars)s")
            % {"chars": characters}
        )
        self.characters = characters


@dataclass
class RenderedPdf:
    pdf: bytes
    refused: list[str] = field(default_factory=list)  # URLs the fetcher would not read


def render_pdf(
    html: str, *, timeout: float | None = None, memory_mb: int | None = None
) -> RenderedPdf:
    """Lay out `html` (links resolve against PRINT_BASE_URL) and return the PDF."""
    missing = missing_glyphs(visible_text(html))
    if missing:
        raise MissingGlyphs(missing)
    timeout = timeout or settings.PRINT_TIMEOUT_SECONDS
    memory_mb = memory_mb or settings.PRINT_MEMORY_MB
    worker = _take_worker(memory_mb)
    healthy = False
    try:
        worker.connection.send((html, PrintRoots.from_settings()))
        if not worker.connection.poll(timeout):
            raise PrintError(
                gettext("排版超过 %(seconds)s 秒仍未完成，已停止。请减少内容后重试。")
                % {"seconds": f"{timeout:g}"}
            )
        try:
            ok, payload, refused = worker.connection.recv()
        except EOFError:
            raise PrintError(gettext("排版时内存不足，已停止。请减少内容或图片后重试。")) from None
        healthy = ok or not payload.startswith("MemoryError")
    finally:
        _give_back(worker, healthy)
    if not ok:
        raise PrintError(gettext("排版失败：%(detail)s") % {"detail": payload})
    return RenderedPdf(payload, refused)


# --- render workers ---------------------------------------------------------
#
# Workers are forked by multiprocessing's forkserver: a process started fresh
# (not forked) from the web process, holding none of its descriptors or
# threads, that has loaded WeasyPrint and the fonts once (render_server) and
# forks a warm worker per request. The forkserver exits when the web process
# does (its "alive" pipe reaches EOF); a worker sets PR_SET_PDEATHSIG so it dies
# with the forkserver, stops on SIGTERM and drops the pipes and sockets it
# inherited (worker.serve). A worker serves jobs over a pipe; forking per job
# would cost ~0.1 s each; one that overran its time, ran out of memory or
# served JOBS_PER_WORKER jobs is replaced. As with any forkserver, the
# program's main module is imported once in the forkserver ("__main__" in the
# preload), so a script that prints must keep its work under
# `if __name__ == "__main__"` (gunicorn, manage.py and pytest do).

JOBS_PER_WORKER = 50
FORKSERVER_PRELOAD = ["__main__", "printing.render_server"]


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    connection: object
    memory_mb: int
    jobs: int = 0


_idle: list[_Worker] = []
_idle_lock = threading.Lock()


@lru_cache(maxsize=1)
def _context() -> multiprocessing.context.BaseContext:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(FORKSERVER_PRELOAD)
    return context


def _take_worker(memory_mb: int) -> _Worker:
    with _idle_lock:
        for worker in _idle:
            if worker.memory_mb == memory_mb and worker.process.is_alive():
                _idle.remove(worker)
                return worker
    context = _context()
    ours, theirs = context.Pipe()
    process = context.Process(target=serve, args=(theirs, memory_mb), daemon=True)
    process.start()
    theirs.close()
    return _Worker(process, ours, memory_mb)


def _give_back(worker: _Worker, healthy: bool) -> None:
    worker.jobs += 1
    if healthy and worker.jobs < JOBS_PER_WORKER and worker.process.is_alive():
        with _idle_lock:
            _idle.append(worker)
        return
    _stop(worker)


def _stop(worker: _Worker) -> None:
    if worker.process.is_alive():
        worker.process.kill()
    worker.process.join(5)
    worker.connection.close()


def worker_pids() -> list[int]:
    """The idle render workers' process ids (for health checks and tests)."""
    with _idle_lock:
        return [w.process.pid for w in _idle if w.process.is_alive()]


def shutdown() -> None:
    """Stop the idle render workers now (gunicorn's worker_exit calls this).

    Not needed for correctness: workers end on their own when this process
    does. It only saves them waiting for the end of the interpreter.
    """
    with _idle_lock:
        workers, _idle[:] = list(_idle), []
    for worker in workers:
        _stop(worker)


def visible_text(html: str) -> str:
    """What ends up on paper (roughly): the text outside tags, styles and scripts."""
    html = re.sub(r"(?is)<(style|script)\b.*?</\1>", " ", html)
    return html_lib.unescape(strip_tags(html))


def missing_glyphs(text: str) -> str:
    """Characters none of the print fonts can draw, in order of appearance."""
    covered = _covered_codepoints()
    seen: dict[str, None] = {}
    for char in _INVISIBLE.sub("", text):
        if ord(char) not in covered:
            seen[char] = None
    return "".join(seen)


@lru_cache(maxsize=1)
def _covered_codepoints() -> frozenset[int]:
    from fontTools.ttLib import TTCollection, TTFont  # heavy: loads only to print

    covered: set[int] = set()
    for family in PRINT_FONTS:
        path = subprocess.run(  # noqa: S603 - fixed arguments
            ["/usr/bin/fc-match", "-f", "%{file}\n%{index}", family],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split("\n")
        file, index = path[0], int(path[1] or 0)
        if file.endswith(".ttc"):
            font = TTCollection(file, lazy=True).fonts[index]
        else:
            font = TTFont(file, lazy=True)
        covered.update(font.getBestCmap())
    return frozenset(covered)
