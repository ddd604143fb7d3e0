"""Rendering a build's outputs, side by side where the machine allows.

The PDF and the Excel scorecard take most of a build and need nothing from each other. On Linux with more
than one core the PDF is rendered in this process while a forked child renders the other outputs (the CSV,
the Excel scorecard and the HTML, which together take less time than the PDF); the child inherits the
scorecard as it stands (nothing is copied or pickled) and sends back only whether it succeeded, or the error
it met, which is raised here as if the renderer had run in this process. Elsewhere the outputs
are rendered one after another. Either way each renderer writes only the temporary file it was given, so a
failure in either lane leaves the published outputs untouched.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from boardpack.exceptions import BoardpackError, OutputError
from boardpack.heap import collector_paused, heap_frozen
from boardpack.layout import Layout
from boardpack.model import Scorecard
from boardpack.progress import Progress, no_progress

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

# What a child sends its parent: that it rendered everything, or the failure (a BoardpackError?, message, traceback).
_Report = tuple[Literal["ok"]] | tuple[Literal["error"], bool, str, str]

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
) -> None:
    """Run every job; ``parallel=None`` renders side by side when the machine can, ``False`` never does."""
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
            return
        child = _Child(others, scorecard, layout)
        try:
            progress("writing " + _listed([job.label for job in [*others, *main]]))
            for job in main:
                job.render(scorecard, layout, job.path)
        except BaseException:
            child.stop()
            raise
        child.wait()


def can_fork() -> bool:
    # Forking is dependable on Linux; macOS's system libraries may not survive it, and Windows cannot.
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def can_render_in_parallel() -> bool:
    return can_fork() and len(os.sched_getaffinity(0)) > 1


class _Child:
    """A forked process rendering some jobs, and the pipe on which it reports how that went."""

    def __init__(self, jobs: Sequence[RenderJob], scorecard: Scorecard, layout: Layout) -> None:
        self.jobs = list(jobs)
        context = multiprocessing.get_context("fork")
        self._receiver, sender = context.Pipe(duplex=False)
        self._process = context.Process(target=_render_in_child, args=(self.jobs, scorecard, layout, sender),
                                        daemon=True)
        self._process.start()
        sender.close()

    def wait(self) -> None:
        """Wait for the child; raise the error it met, or an ``OutputError`` if it died without saying."""
        try:
            report = self._receiver.recv() if self._receiver.poll(None) else None
        except EOFError:
            report = None
        finally:
            self._receiver.close()
        self._process.join()
        if report is None:
            raise OutputError(f"the process writing it stopped unexpectedly (exit status {self._process.exitcode}); "
                              "nothing was published; build again", _listed([job.label for job in self.jobs]))
        if report[0] == "ok":
            return
        _, boardpack_error, message, details = report
        if boardpack_error:
            raise BoardpackError(message)
        raise RuntimeError(f"{message}\n{details}" if os.environ.get("BOARDPACK_DEBUG") else message)

    def stop(self) -> None:
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._receiver.close()


def _listed(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _render_in_child(jobs: Sequence[RenderJob], scorecard: Scorecard, layout: Layout,
                     sender: Connection[_Report, object]) -> None:
    try:
        for job in jobs:
            job.render(scorecard, layout, job.path)
    except BaseException as exc:  # every failure goes back to the parent, which decides what to say
        sender.send(("error", isinstance(exc, BoardpackError), str(exc) or type(exc).__name__,
                     traceback.format_exc()))
    else:
        sender.send(("ok",))
    finally:
        sender.close()
