"""Progress on a terminal for builds that take a while, silent otherwise.

Nothing is shown for the first second, so quick builds stay quiet; after that each stage (reading,
rules, Excel, PDF) is shown as it starts. Output that is not a terminal never sees progress lines.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

DELAY_SECONDS = 1.0
# A renderer that writes page by page (the PDF) reports where it is at most this often.
PAGE_SECONDS = 1.0
Progress = Callable[[str], None]
# Called by such a renderer with each page's number as it is written, and the number of pages it expects.
Pages = Callable[[int, int], None]


def no_progress(stage: str) -> None:
    """A progress sink that reports nothing: the default for library callers."""


def page_progress(progress: Progress, label: str) -> Pages:
    """A renderer's page hook reporting ``writing pack.pdf: page 40 of ~90`` through ``progress``, at most once
    every ``PAGE_SECONDS``, so that a long document is not silent and a short one adds no lines. The number of
    pages is the renderer's expectation, hence the ``~``."""
    return _now_and_then(progress, lambda number, expected: f"writing {label}: page {number} of ~{expected}")


def part_progress(progress: Progress, label: str) -> Pages:
    """A renderer's hook for the parts it lays out before writing any page, reported as ``page_progress`` reports
    pages: ``laying out pack.pdf: part 12 of 43``."""
    return _now_and_then(progress, lambda number, count: f"laying out {label}: part {number} of {count}")


def _now_and_then(progress: Progress, line: Callable[[int, int], str]) -> Pages:
    last = time.monotonic()

    def heard(number: int, count: int) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last >= PAGE_SECONDS:
            last = now
            progress(line(number, count))

    return heard


class _Reporter:
    def __init__(self, stream: TextIO, delay: float) -> None:
        self._stream = stream
        self._delay = delay
        self._start = time.monotonic()
        self._stage = ""
        self._shown = False
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._timer = threading.Thread(target=self._wait_then_show, daemon=True)
        self._timer.start()

    def _wait_then_show(self) -> None:
        if not self._done.wait(self._delay):
            with self._lock:
                self._shown = True
                self._show()

    def _show(self) -> None:
        if self._stage:
            elapsed = time.monotonic() - self._start
            self._stream.write(f"[{elapsed:5.1f}s] {self._stage}\n")
            self._stream.flush()

    def __call__(self, stage: str) -> None:
        with self._lock:
            self._stage = stage
            if self._shown:
                self._show()

    def close(self) -> None:
        self._done.set()


@contextmanager
def terminal_progress(
    enabled: bool = True, stream: TextIO | None = None, delay: float = DELAY_SECONDS
) -> Iterator[Callable[[str], None]]:
    stream = stream if stream is not None else sys.stderr
    if not enabled or not stream.isatty():
        yield lambda stage: None
        return
    reporter = _Reporter(stream, delay)
    try:
        yield reporter
    finally:
        reporter.close()
