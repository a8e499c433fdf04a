"""Pausing the cyclic garbage collector while a large catalog or graph is built."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

FREEZE_ABOVE = 100_000  # objects built: below this, the collector's next pass over them costs a millisecond or two


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small objects.

    Loading a large catalog creates millions of dicts and lists and no cycles;
    the collector would rescan them all again and again (three times slower).
    What a large build made is then frozen: reference counting still frees it,
    the collector no longer scans it. A small build is left to the collector:
    freezing after each of many small builds in one process (a test suite, a
    server) would keep every cycle of garbage they made, for good.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    before = gc.get_count()[0]
    try:
        yield
    finally:
        if gc.get_count()[0] - before > FREEZE_ABOVE:
            gc.freeze()  # what was built lives on; collecting it now would cost as much again
        if was_enabled:
            gc.enable()
