"""Bounds for work on files from outside: a child process under time and memory limits,
and a look at a zip container's directory before anything is decompressed.

A crafted spreadsheet or Word file can ask for gigabytes or minutes; parsing it
in a child means only the child dies: the caller gets LimitExceeded and goes on
with the next file. Children are started with ``spawn`` (forking a threaded web
process copies locks held by other threads) and are killed when the thread that
started them exits (PR_SET_PDEATHSIG), so an import never leaves orphans.

Messages built in a child use gettext_lazy: the child has no app registry, so
the text is translated when the parent shows it.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import resource
import threading
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import django
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .processes import cap_address_space, die_with_parent

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

JOBS_PER_CHILD = 200  # a child's heap only grows; start afresh now and then
START_TIMEOUT_SECONDS = 300.0  # imports (and django.setup) on a busy machine


@dataclass(frozen=True)
class Limits:
    seconds: float
    memory_mb: int


class LimitExceeded(Exception):
    """The child overran its time or memory and was stopped; `kind` is "time" or "memory"."""

    def __init__(self, kind: str, limits: Limits) -> None:
        super().__init__(kind, limits)
        self.kind = kind
        self.limits = limits

    @property
    def message(self) -> str:
        if self.kind == "time":
            return str(
                format_lazy(_("超过时间限制（{} 秒），已停止处理"), f"{self.limits.seconds:g}")
            )
        return str(format_lazy(_("超过内存限制（{} MB），已停止处理"), self.limits.memory_mb))


class ChildFailed(Exception):
    """The child could not start or answered nonsense (not the job's own error)."""


class Sandbox:
    """One child process running jobs one after another under `limits`.

    A job's own exception is raised here as it was raised there; an overrun kills
    the child (the next job gets a fresh one) and raises LimitExceeded. `preload`
    modules are imported before the memory limit is set and before any job's clock
    starts, so only the job counts; a "module:function" entry also calls that function
    (a dictionary to load, a cache to fill).
    """

    def __init__(
        self,
        limits: Limits,
        *,
        preload: Sequence[str] = (),
        django_setup: bool = False,
    ) -> None:
        self.limits = limits
        self.preload = tuple(preload)
        self.django_setup = django_setup
        self.peak_rss_kb = 0  # the child's peak resident size after the last job
        self._process: multiprocessing.process.BaseProcess | None = None
        self._connection: Connection | None = None
        self._jobs = 0
        self._ready = False
        self._lock = threading.Lock()

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def start(self) -> None:
        """Start the child now (it boots while the caller does other work)."""
        with self._lock:
            self._spawn()

    def run(self, func: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            self._spawn()
            self._await_ready()
            connection = self._connection
            assert connection is not None  # _spawn has just set it
            try:
                connection.send((func, args, kwargs))
            except (BrokenPipeError, OSError) as exc:
                self._stop()
                raise ChildFailed(f"child is gone: {exc}") from None
            if not connection.poll(self.limits.seconds):
                self._stop()
                raise LimitExceeded("time", self.limits)
            try:
                status, payload, self.peak_rss_kb = connection.recv()
            except (EOFError, OSError):
                # Killed by the kernel or aborted in C code on a failed allocation.
                self._stop()
                raise LimitExceeded("memory", self.limits) from None
            self._jobs += 1
            if status == "memory":
                self._stop()
                raise LimitExceeded("memory", self.limits)
            if self._jobs >= JOBS_PER_CHILD:
                self._stop()
            if status == "error":
                raise payload
            return payload

    def close(self) -> None:
        with self._lock:
            self._stop()

    # the child's life

    def _spawn(self) -> None:
        if self._process is not None and self._process.is_alive():
            return
        self._stop()
        context = multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe()
        process = context.Process(
            target=_serve,
            args=(theirs, os.getpid(), self.limits.memory_mb, self.preload, self.django_setup),
            daemon=True,
            name="limited-child",
        )
        process.start()
        theirs.close()
        self._process, self._connection, self._jobs = process, ours, 0
        self._ready = False

    def _await_ready(self) -> None:
        if self._ready:
            return
        connection = self._connection
        assert connection is not None  # called right after _spawn
        if not connection.poll(START_TIMEOUT_SECONDS):
            self._stop()
            raise ChildFailed("child did not start in time")
        try:
            status, payload, _rss = connection.recv()
        except (EOFError, OSError):
            self._stop()
            raise ChildFailed("child died while starting") from None
        if status != "ready":
            self._stop()
            raise ChildFailed(f"child failed to start: {payload}")
        self._ready = True

    def _stop(self) -> None:
        process, connection = self._process, self._connection
        self._process = self._connection = None
        if process is not None:
            if process.is_alive():
                process.kill()
            process.join(5)
        if connection is not None:
            connection.close()


def run_limited(func: Callable[..., Any], /, *args: Any, limits: Limits, **kwargs: Any) -> Any:
    """Run one call in a fresh child under `limits` (see Sandbox for many calls)."""
    with Sandbox(limits) as sandbox:
        return sandbox.run(func, *args, **kwargs)


def _serve(connection, parent_pid: int, memory_mb: int, preload, django_setup: bool) -> None:
    die_with_parent(parent_pid)
    try:
        if django_setup:
            django.setup()
        for name in preload:
            module_name, _, function = name.partition(":")
            module = importlib.import_module(module_name)
            if function:
                getattr(module, function)()
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which raises ChildFailed
        connection.send(("failed", f"{type(exc).__name__}: {exc}", 0))
        return
    cap_address_space(memory_mb)
    connection.send(("ready", None, _peak_rss_kb()))
    while True:
        try:
            func, args, kwargs = connection.recv()
        except (EOFError, OSError):
            return
        except MemoryError:
            connection.send(("memory", None, _peak_rss_kb()))
            return
        try:
            answer = ("ok", func(*args, **kwargs))
        except MemoryError:
            answer = None
        except Exception as exc:  # noqa: BLE001 - the job's own error goes back to the caller
            answer = ("error", exc)
        if answer is None:
            connection.send(("memory", None, _peak_rss_kb()))
            return  # a heap that ran out is not trusted with the next job
        try:
            connection.send((*answer, _peak_rss_kb()))
        except MemoryError:
            connection.send(("memory", None, _peak_rss_kb()))
            return
        except Exception as exc:  # noqa: BLE001 - an answer that does not pickle
            error = ChildFailed(f"{type(exc).__name__}: {exc}"[:300])
            connection.send(("error", error, _peak_rss_kb()))


def _peak_rss_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


# --- zip containers (.xlsx, .docx) -------------------------------------------------


@dataclass(frozen=True)
class ZipCaps:
    """What a zip container may declare: a zip bomb declares (or hides) huge members."""

    members: int = 2000
    member_bytes: int = 100 * 2**20
    total_bytes: int = 250 * 2**20
    ratio: int = 200  # uncompressed : compressed, for members over ratio_from bytes
    ratio_from: int = 2**20


class ZipRefused(Exception):
    """The container's directory asks for too much; `message` says what, in Chinese."""

    def __init__(self, message) -> None:
        super().__init__(message)
        self.message = message


def check_zip(path: Path | str, caps: ZipCaps) -> None:
    """Read only the central directory and refuse a container over any cap.

    zipfile never yields more than a member's declared size (and checks its CRC),
    so the declared sizes bound what parsing can decompress."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return  # not a zip: the reader says so in its own words
    if len(members) > caps.members:
        raise ZipRefused(
            format_lazy(
                _("压缩包内的部件过多（{} 个，最多 {} 个），可能是恶意构造的文件"),
                len(members),
                caps.members,
            )
        )
    total = 0
    for member in members:
        size = member.file_size
        total += size
        if size > caps.member_bytes:
            raise ZipRefused(
                format_lazy(
                    _("文件内的“{}”解压后有 {}，超过单个部件 {} 的上限，可能是压缩炸弹"),
                    member.filename[:60],
                    _megabytes(size),
                    _megabytes(caps.member_bytes),
                )
            )
        if size > caps.ratio_from and size > caps.ratio * max(member.compress_size, 1):
            raise ZipRefused(
                format_lazy(
                    _("文件内的“{}”压缩比异常（{}:1，最多 {}:1），可能是压缩炸弹"),
                    member.filename[:60],
                    size // max(member.compress_size, 1),
                    caps.ratio,
                )
            )
    if total > caps.total_bytes:
        raise ZipRefused(
            format_lazy(
                _("文件解压后共有 {}，超过 {} 的上限，可能是压缩炸弹"),
                _megabytes(total),
                _megabytes(caps.total_bytes),
            )
        )


def _megabytes(size: int) -> str:
    return f"{size / 2**20:.1f} MB"
