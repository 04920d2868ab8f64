"""Imported only by the render forkserver (multiprocessing's forkserver preload).

Importing it warms WeasyPrint and the print fonts in the forkserver, once,
so every worker forked from there starts warm. The web process never imports it.
A failed warm-up must not take the forkserver down: workers then start cold.
"""

import sys
import traceback

from .worker import prepare_server

try:
    prepare_server()
except Exception:  # noqa: BLE001 - reported, and printing still works (slower)
    traceback.print_exc(file=sys.stderr)
