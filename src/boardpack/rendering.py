"""Rendering a build's outputs, side by side where the machine allows.

The PDF and the Excel scorecard take most of a build and need nothing from each other. On Linux with more
than one core the PDF is rendered in this process while a forked child renders the other outputs (the CSV,
the Excel scorecard and the HTML, which together take less time than the PDF); the child inherits the
scorecard as it stands (nothing is copied or pickled) and sends back, as a line of JSON on a pipe, only
whether it succeeded (with its files' sizes and digests when asked), or the error it met, which is raised here
as if the renderer had run in this process. Elsewhere the outputs are rendered one after another. Either way
each renderer writes only the temporary file it was given, so a failure in either lane leaves the published
outputs untouched.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from boardpack.build_record import Written, as_written
from boardpack.exceptions import BoardpackError, OutputError
from boardpack.heap import collector_paused, heap_frozen
from boardpack.layout import Layout
from boardpack.model import Scorecard
from boardpack.progress import Progress, no_progress

Renderer = Callable[[Scorecard, Layout, Path], None]
# Rendered in this process when the others go to a child: the longest renderer by far.
MAIN_LANE_KIND = "pdf"


@dataclass(frozen=True)
class RenderJob:
    kind: str  # "csv", "xlsx", "pdf" or "html"
    render: Renderer
    path: Path  # the temporary file the renderer writes
    label: str  # the file's published name, for progress


def render_outputs(
    jobs: Sequence[RenderJob],
    scorecard: Scorecard,
    layout: Layout,
    progress: Progress = no_progress,
    parallel: bool | None = None,
    digests: bool = False,
) -> tuple[Written, ...]:
    """Run every job; ``parallel=None`` renders side by side when the machine can, ``False`` never does. With
    ``digests``, each output's size and SHA-256 as written, in the jobs' order, worked out by the lane that wrote
    it (none when any cannot be read back)."""
    use_child = can_render_in_parallel() if parallel is None else parallel and can_fork()
    main = [job for job in jobs if job.kind == MAIN_LANE_KIND]
    others = [job for job in jobs if job.kind != MAIN_LANE_KIND]
    # The collector is also paused while rendering: the renderers make hundreds of thousands of small objects
    # that live until their output is written (the PDF's laid-out cells and tag records) and hardly any cycles,
    # so its runs found nothing to free and cost a tenth of the PDF's time; the child inherits the pause. The
    # freeze is undone first, so that the pause, ending, finds nothing frozen and moves what rendering left alive
    # out of the youngest generation, which the collector would otherwise walk in full at once.
    with collector_paused(), heap_frozen():
        if not (use_child and main and others):
            for job in jobs:
                progress(f"writing {job.label}")
                job.render(scorecard, layout, job.path)
            return _written(jobs) if digests else ()
        child = _Child(others, scorecard, layout, digests)
        try:
            progress("writing " + _listed([job.label for job in [*others, *main]]))
            for job in main:
                job.render(scorecard, layout, job.path)
            ours = _written(main) if digests else ()
        except BaseException:
            child.stop()
            raise
        theirs = child.wait()
    if not digests or not ours or not theirs:
        return ()
    by_name = {written.name: written for written in (*ours, *theirs)}
    return tuple(by_name[job.label] for job in jobs)


def _written(jobs: Sequence[RenderJob]) -> tuple[Written, ...]:
    return as_written((job.label, job.path) for job in jobs)


def can_fork() -> bool:
    # Forking is dependable on Linux; macOS's system libraries may not survive it, and Windows cannot.
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def can_render_in_parallel() -> bool:
    return can_fork() and len(os.sched_getaffinity(0)) > 1


class _Child:
    """A forked process rendering some jobs, and the pipe on which it reports how that went.

    Forked directly rather than through ``multiprocessing``, whose import (pickle, sockets) was a fiftieth of a
    large build's start, for a child that needs none of it.
    """

    def __init__(self, jobs: Sequence[RenderJob], scorecard: Scorecard, layout: Layout, digests: bool) -> None:
        self.jobs = list(jobs)
        reader, writer = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(reader)
            _render_in_child(self.jobs, scorecard, layout, digests, writer)  # never returns
        os.close(writer)
        self._pid: int | None = pid
        self._reader = reader

    def wait(self) -> tuple[Written, ...]:
        """Wait for the child and give what it wrote, with digests if asked; raise the error it met, or an
        ``OutputError`` if it died without saying."""
        chunks = []
        try:
            while chunk := os.read(self._reader, 65536):
                chunks.append(chunk)
        finally:
            os.close(self._reader)
        status = self._join()
        try:
            report = json.loads(b"".join(chunks))
        except ValueError:
            report = None
        if not isinstance(report, list) or not report:
            raise OutputError(f"the process writing it stopped unexpectedly (exit status {status}); "
                              "nothing was published; build again", _listed([job.label for job in self.jobs]))
        if report[0] == "ok":
            return tuple(Written(*written) for written in report[1])
        _, boardpack_error, message, details = report
        if boardpack_error:
            raise BoardpackError(message)
        raise RuntimeError(f"{message}\n{details}" if os.environ.get("BOARDPACK_DEBUG") else message)

    def stop(self) -> None:
        if self._pid is not None:
            with contextlib.suppress(ProcessLookupError):  # already gone; still to be reaped
                os.kill(self._pid, signal.SIGTERM)
            self._join()
        os.close(self._reader)

    def _join(self) -> int | None:
        """The child's exit status, once it has ended (negative: the signal that ended it)."""
        pid, self._pid = self._pid, None
        if pid is None:
            return None
        _, status = os.waitpid(pid, 0)
        return os.waitstatus_to_exitcode(status)


def _listed(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _render_in_child(jobs: Sequence[RenderJob], scorecard: Scorecard, layout: Layout, digests: bool,
                     writer: int) -> None:
    """The forked child's whole life: render, report on ``writer``, and end without returning to the caller,
    and without flushing its copy of whatever the parent had waiting to be printed."""
    code = 0
    try:
        try:
            for job in jobs:
                job.render(scorecard, layout, job.path)
            report: list[object] = ["ok", [list(written) for written in _written(jobs)] if digests else []]
        except BaseException as exc:  # every failure goes back to the parent, which decides what to say
            report = ["error", isinstance(exc, BoardpackError), str(exc) or type(exc).__name__,
                      traceback.format_exc()]
        data = json.dumps(report).encode()
        while data:
            data = data[os.write(writer, data):]
    except BaseException:  # the parent, hearing nothing, says the child stopped unexpectedly
        code = 1
    finally:
        os._exit(code)
