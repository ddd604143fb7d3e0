"""A PDF's streams compressed on a second core while it is saved.

Compressing is a fifth of saving a large appendix, and zlib lets go of Python's lock while it compresses, so a
thread can compress while Python writes the rest of the file:

- ReportLab compresses the page streams one after another as it writes the file. ``page_streams_deflated`` has
  a thread compress pages from the last one back while ReportLab writes from the first: each page is compressed
  once, by whichever gets to it first, with the same call ReportLab makes, so the file's bytes are the same.
- The structure tree is written in object streams, each compressed by ``deflated_in_turn`` while the next is
  written.
"""

from __future__ import annotations

import os
import sys
import threading
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, nullcontext
from queue import SimpleQueue
from typing import Any

from reportlab import rl_config
from reportlab.pdfbase.pdfdoc import PDFStream

# How long Python's lock is held while a helper waits for it (the interpreter's own is 5 ms).
HANDOVER_SECONDS = 0.0001


@contextmanager
def page_streams_deflated(pages: Sequence[Any]) -> Iterator[None]:
    """Within the block, ReportLab's ``pages`` (its PDFPage objects, their content streams not yet made) take
    their compressed streams from here; a helper thread compresses them meanwhile, if there is a core for it."""
    waiting = [page for page in pages if _compressed_by_reportlab(page)]
    if len(waiting) < 2 or _cores() < 2:
        yield
        return
    work = _Deflation([page.stream for page in waiting])
    for index, page in enumerate(waiting):
        contents = PDFStream(content=page.stream, filters=[_Deflated(work, index)])
        contents.__Comment__ = "page stream"  # type: ignore[attr-defined]  # as ReportLab names its own
        page.Contents = contents
    helper = threading.Thread(target=work.from_the_end, name="page streams", daemon=True)
    helper.start()
    try:
        with handed_over_promptly():
            yield
    finally:
        work.stop()
        helper.join()


@contextmanager
def handed_over_promptly() -> Iterator[None]:
    """Within the block, a helper whose compression is done gets Python's lock back within a tenth of a
    millisecond rather than five: otherwise each stream it compresses costs it a wait of up to five."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(HANDOVER_SECONDS)
    try:
        yield
    finally:
        sys.setswitchinterval(interval)


def _compressed_by_reportlab(page: Any) -> bool:
    """Whether ReportLab would make this page's stream itself, compressed with Flate alone."""
    return (not page.Override_default_compilation and not page.Contents and bool(page.stream)
            and bool(page.compression) and not rl_config.useA85)


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class _Deflation:
    """The streams to compress, each claimed once, and the results as they are ready."""

    def __init__(self, streams: Sequence[str]) -> None:
        self._streams = streams
        self._results: list[bytes | None] = [None] * len(streams)
        self._ready = [threading.Event() for _ in streams]
        self._claimed = [False] * len(streams)
        self._lock = threading.Lock()
        self._stopped = False

    def _claim(self, index: int) -> bool:
        with self._lock:
            if self._claimed[index] or self._stopped:
                return False
            self._claimed[index] = True
            return True

    def _compress(self, index: int) -> bytes:
        # What ReportLab's PDFStreamFilterZCompress does.
        result = self._results[index] = zlib.compress(self._streams[index].encode("utf8"))
        self._ready[index].set()
        return result

    def from_the_end(self) -> None:
        for index in reversed(range(len(self._streams))):
            if self._claim(index):
                self._compress(index)

    def compressed(self, index: int) -> bytes:
        if self._claim(index):
            return self._compress(index)
        if not self._claimed[index]:  # stopped before anyone took it
            return zlib.compress(self._streams[index].encode("utf8"))
        self._ready[index].wait()
        result = self._results[index]
        assert result is not None
        return result

    def stop(self) -> None:
        """No more pages are started; one being compressed is finished."""
        with self._lock:
            self._stopped = True


class _Deflated:
    """Stands in for ReportLab's Flate filter on one page's stream."""

    pdfname = "FlateDecode"

    def __init__(self, work: _Deflation, index: int) -> None:
        self._work = work
        self._index = index

    def encode(self, text: str) -> bytes:
        return self._work.compressed(self._index)


@contextmanager
def deflated_in_turn(level: int) -> Iterator[InTurn]:
    """Texts given to the block's ``InTurn`` are compressed at ``level`` in the order given, by a helper thread
    while the caller goes on if there is a core for it; its ``results`` wait for the last."""
    helped = _cores() > 1
    turn = InTurn(level, helped)
    try:
        with handed_over_promptly() if helped else nullcontext():
            yield turn
    finally:
        turn.finish()


class InTurn:
    """Texts to compress in turn, and their results: on a helper thread when ``helped``, else as they come."""

    def __init__(self, level: int, helped: bool) -> None:
        self._level = level
        self._results: list[bytes] = []
        self._failure: BaseException | None = None
        self._jobs: SimpleQueue[bytes | None] | None = None
        self._helper: threading.Thread | None = None
        if helped:
            self._jobs = SimpleQueue()
            self._helper = threading.Thread(target=self._work, name="object streams", daemon=True)
            self._helper.start()

    def add(self, text: bytes) -> None:
        if self._jobs is None:
            self._results.append(zlib.compress(text, self._level))
        else:
            self._jobs.put(text)

    def results(self) -> list[bytes]:
        """Each text compressed, in the order added."""
        self.finish()
        if self._failure is not None:
            raise self._failure
        return self._results

    def finish(self) -> None:
        if self._helper is not None and self._jobs is not None:
            self._jobs.put(None)
            self._helper.join()
            self._helper = None

    def _work(self) -> None:
        assert self._jobs is not None
        while (text := self._jobs.get()) is not None:
            if self._failure is None:
                try:
                    self._results.append(zlib.compress(text, self._level))
                except BaseException as failure:  # MemoryError: raised again on the caller's thread
                    self._failure = failure
