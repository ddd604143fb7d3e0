"""Keeping Python's cyclic garbage collector out of a build's way.

A build makes a large number of small, long-lived objects (every cell read, every indicator, every table
cell drawn) and almost no reference cycles. The collector runs whenever enough objects have been made, and
each full run walks everything still alive, so on a large tracker it re-examined the scorecard again and
again: a tenth of a 4,000-indicator build. Pausing it while the scorecard is built, and freezing the
finished scorecard while the outputs are rendered, removes that cost; both are undone on the way out.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No automatic collections inside the block (the memory it uses is bounded by the trackers read).

    What the block made is then moved straight to the oldest generation. Left in the youngest, the first
    collection after the block walked every object of the scorecard just read (a tenth of loading it), only to
    find them all alive; the oldest generation is walked only once it has grown by a quarter.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:  # inside ``heap_frozen`` its own freeze is left as it is
            gc.freeze()
            gc.unfreeze()
        if was_enabled:
            gc.enable()


@contextmanager
def heap_frozen() -> Iterator[None]:
    """Everything alive now is left out of collections inside the block.

    A forked child then also shares those memory pages with its parent instead of copying them when the
    collector would have touched them.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


# What a program that ends without freeing (``program``) is done with: kept, so that it is never freed one object
# at a time. None outside ``kept_until_exit``.
_done_with: list[object] | None = None


@contextmanager
def kept_until_exit() -> Iterator[None]:
    """Within the block, what ``done_with`` is given is kept until the block ends rather than freed at once.

    The ``boardpack`` program ends its process from inside this block without freeing anything (see
    ``cli.run``), so what it keeps costs nothing. The appendix's laid-out pages, their cells and their tags
    are hundreds of thousands of objects: freeing them as the PDF's renderer returned took a fiftieth of a
    1,000-indicator build, while the build still had its outputs to publish.
    """
    global _done_with
    kept, _done_with = _done_with, []
    try:
        yield
    finally:
        _done_with = kept


def done_with(*objects: object) -> None:
    """The caller needs ``objects`` no more: freed as usual, or kept inside ``kept_until_exit``."""
    if _done_with is not None:
        _done_with.extend(objects)
