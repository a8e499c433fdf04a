"""Pausing the cyclic garbage collector while a large catalog or graph is built."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small objects.

    Loading a large catalog creates millions of dicts and lists and no cycles;
    the collector would rescan them all again and again (three times slower).
    What was built is then frozen: reference counting still frees it, the
    collector no longer scans it.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()  # what was built lives on; collecting it now would cost as much again
        if was_enabled:
            gc.enable()
