"""What every bounded child process does first: die with its parent, cap its memory.

Plain standard library, so a child that never sets Django up (the print
workers, the import readers) can use it.
"""

from __future__ import annotations

import ctypes
import os
import resource
import signal

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def die_with_parent(parent_pid: int | None) -> None:
    """SIGKILL this process when its parent exits (Linux), and exit now if it already has.

    The parent may die between the fork and prctl(); comparing getppid() with
    the expected parent catches that. Where prctl() is missing, the caller's
    pipe to its parent is what ends it.
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if parent_pid is not None and os.getppid() != parent_pid:
        os._exit(1)


def cap_address_space(extra_mb: int) -> None:
    """Allow this process `extra_mb` of address space beyond what it already uses."""
    with open("/proc/self/statm") as statm:
        current = int(statm.read().split()[0]) * resource.getpagesize()
    limit = current + extra_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
