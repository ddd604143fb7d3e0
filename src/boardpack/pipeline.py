"""The library's front door: read trackers, apply the rules and a layout, and write the outputs.

``load`` gives the assessed, arranged scorecard; ``check`` gives every finding for ``validate``; ``build``
writes the outputs atomically, so a failed build leaves the previous outputs exactly as they were.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from boardpack.arrange import arrange
from boardpack.crosscheck import crosscheck
from boardpack.exceptions import BoardpackError, InvalidTrackers
from boardpack.heap import collector_paused
from boardpack.layout import Layout, load_layout
from boardpack.model import Finding, Month, Scorecard, Severity
from boardpack.normalise import normalise
from boardpack.plausibility import implausible_figures
from boardpack.reader import find_trackers, read_workbook
from boardpack.progress import Progress, no_progress
from boardpack.rendering import Renderer, RenderJob, render_outputs
from boardpack.rules import assess

FORMATS = ("csv", "xlsx", "pdf")


@dataclass(frozen=True)
class BuildResult:
    scorecard: Scorecard
    layout: Layout
    outputs: tuple[Path, ...]

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.scorecard.findings


def resolve_layout(layout: Layout | str | Path | None) -> Layout:
    if layout is None:
        return Layout()
    if isinstance(layout, Layout):
        return layout
    return load_layout(layout)


def resolve_sources(sources: Sequence[str | Path], layout: Layout) -> list[Path]:
    chosen = list(sources) or list(layout.sources)
    if not chosen:
        raise BoardpackError("no trackers given: name tracker files or folders, or list sources in the layout")
    return find_trackers(chosen)


def read_scorecard(
    sources: Sequence[str | Path], period: Month | None = None, progress: Progress = no_progress
) -> Scorecard:
    """Read and assess trackers; the scorecard's findings hold every problem, errors included."""
    workbooks = []
    with collector_paused():
        for path in find_trackers(sources):
            progress(f"reading {path.name}")
            workbooks.append(read_workbook(path))
        progress("applying the rules")
        scorecard = assess(normalise(workbooks, period), period)
    return Scorecard(
        title=scorecard.title,
        period=scorecard.period,
        sections=scorecard.sections,
        sources=scorecard.sources,
        findings=scorecard.findings + implausible_figures(scorecard) + crosscheck(scorecard),
    )


def errors_in(findings: Sequence[Finding]) -> list[Finding]:
    return [finding for finding in findings if finding.severity is Severity.ERROR]


def load(
    sources: Sequence[str | Path] = (),
    layout: Layout | str | Path | None = None,
    period: Month | None = None,
    progress: Progress = no_progress,
) -> tuple[Scorecard, Layout]:
    """The assessed scorecard arranged by the layout. Raises ``InvalidTrackers`` listing every error."""
    chosen_layout = resolve_layout(layout)
    scorecard = read_scorecard(resolve_sources(sources, chosen_layout), period or chosen_layout.period, progress)
    errors = errors_in(scorecard.findings)
    if errors:
        raise InvalidTrackers(errors)
    return arrange(scorecard, chosen_layout), chosen_layout


def check(
    sources: Sequence[str | Path] = (),
    layout: Layout | str | Path | None = None,
    period: Month | None = None,
) -> tuple[Finding, ...]:
    """Every finding for the trackers, errors included, without writing anything."""
    chosen_layout = resolve_layout(layout)
    scorecard = read_scorecard(resolve_sources(sources, chosen_layout), period or chosen_layout.period)
    if errors_in(scorecard.findings):
        return scorecard.findings
    return arrange(scorecard, chosen_layout).findings


def output_name(scorecard: Scorecard, layout: Layout) -> str:
    if layout.name:
        return layout.name
    first = Path(scorecard.sources[0]).stem if scorecard.sources else "scorecard"
    return first


def _renderer(kind: str) -> Renderer:
    """The renderer for ``kind``, importing its module only when it runs.

    Rendering may happen in another process (see ``rendering``); importing there lets each process load only
    the libraries it uses, and lets the PDF's import overlap the Excel scorecard's work.
    """
    if kind not in FORMATS:
        raise BoardpackError(f"unknown output format {kind!r}; choose from {', '.join(FORMATS)}")

    def render(scorecard: Scorecard, layout: Layout, path: Path) -> None:
        module = importlib.import_module(f"boardpack.render.{kind}")
        getattr(module, f"render_{kind}")(scorecard, layout, path)

    return render


def build(
    sources: Sequence[str | Path] = (),
    layout: Layout | str | Path | None = None,
    period: Month | None = None,
    out_dir: str | Path = "out",
    formats: Sequence[str] = FORMATS,
    progress: Progress = no_progress,
    parallel: bool | None = None,
) -> BuildResult:
    """Write ``<name>.csv``, ``.xlsx`` and ``.pdf`` into ``out_dir``; all of them or, on failure, none.

    ``parallel=None`` renders the outputs side by side where the machine allows (see ``rendering``).
    """
    from boardpack.output import OutputSet

    scorecard, chosen_layout = load(sources, layout, period, progress)
    renderers = [(kind, _renderer(kind)) for kind in formats]
    name = output_name(scorecard, chosen_layout)
    with OutputSet(Path(out_dir)) as outputs:
        jobs = [RenderJob(kind, render, outputs.path_for(f"{name}.{kind}"), f"{name}.{kind}")
                for kind, render in renderers]
        render_outputs(jobs, scorecard, chosen_layout, progress, parallel)
        published = outputs.commit()
    return BuildResult(scorecard, chosen_layout, published)
