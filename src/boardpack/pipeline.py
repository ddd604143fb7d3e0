"""The library's front door: read trackers, apply the rules and a layout, and write the outputs.

``load`` gives the assessed, arranged scorecard; ``check`` gives every finding for ``validate``; ``build``
writes the outputs atomically, so a failed build leaves the previous outputs exactly as they were.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from boardpack.arrange import arrange
from boardpack.build_record import Written, forget
from boardpack.crosscheck import crosscheck
from boardpack.exceptions import BoardpackError, InvalidTrackers, LayoutError
from boardpack.heap import collector_paused
from boardpack.layout import Layout, load_layout
from boardpack.model import Finding, Month, Scorecard, Severity
from boardpack.normalise import normalise
from boardpack.plausibility import implausible_figures
from boardpack.progress import Progress, no_progress, page_progress, part_progress
from boardpack.provisional import mark_provisional
from boardpack.reader import find_trackers, read_workbook
from boardpack.rules import assess
from boardpack.tally import nothing_rated

if TYPE_CHECKING:
    from boardpack.rendering import Renderer
    from boardpack.revisions import Previous

# What a faulty indicator shows in place of its RAG when the pack is built regardless (``keep_going``).
FAULT = "not rated: see data quality"

FORMATS = ("csv", "xlsx", "pdf", "html")
# The public edition's workbook is laid out as the Government Statistical Service releases statistics, by a
# renderer of its own; its other outputs are the same renderers showing the public scorecard. Each format's
# module or package, ``render/<kind>``, offers ``render_<kind>`` and, when it has one, ``render_<name>`` below.
PUBLIC_RENDERERS = {"xlsx": "xlsx_public"}
# Formats whose renderer takes ``on_page``, a hook it calls as it writes each page (see ``progress.page_progress``),
# and ``on_part``, one it calls as it lays out each part before the first page is written.
PAGED_FORMATS = frozenset({"pdf"})
PUBLIC_SUFFIX = "-public"


@dataclass(frozen=True)
class BuildResult:
    scorecard: Scorecard
    layout: Layout
    outputs: tuple[Path, ...]
    # With ``public``: the public edition, and what was withheld and why (warnings where it could not check).
    public: Scorecard | None = None
    disclosure: tuple[Finding, ...] = ()
    # With ``digests``: each output's size and SHA-256 as written, for the record of the build (``build_record``).
    written: tuple[Written, ...] = ()

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
    """The trackers to read, each named relative to the folder the command runs in."""
    chosen = list(sources) or list(layout.sources)
    if not chosen:
        raise BoardpackError("no trackers given: name tracker files or folders, or list sources in the layout")
    return find_trackers([from_here(source) for source in chosen])


def from_here(path: str | Path) -> Path:
    """``path`` relative to the working folder, as every message and the CSV's ``source`` name a tracker.

    A layout's sources arrive absolute and command-line ones as typed; naming both one way means the same
    build writes the same CSV however it was started. A path on another drive (Windows) stays absolute.
    """
    try:
        return Path(os.path.relpath(os.path.abspath(path)))
    except ValueError:
        return Path(os.path.abspath(path))


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
        scorecard = assess(with_faults(normalise(workbooks, period)), period)
    unrated = nothing_rated(scorecard)
    return replace(scorecard, findings=(
        scorecard.findings + implausible_figures(scorecard) + crosscheck(scorecard) + ((unrated,) if unrated else ())
    ))


def with_faults(scorecard: Scorecard) -> Scorecard:
    """Mark each indicator whose row holds an error as faulty, so the rules rate nothing from its figures.

    Only ``build --keep-going`` publishes such a pack; ``validate`` counts them.
    """
    faulty = {f.ref for f in scorecard.findings if f.severity is Severity.ERROR and f.ref}
    if not faulty:
        return scorecard
    sections = tuple(
        replace(section, indicators=tuple(replace(i, fault=FAULT) if i.ref in faulty else i
                                          for i in section.indicators))
        for section in scorecard.sections
    )
    return replace(scorecard, sections=sections)


def errors_in(findings: Sequence[Finding]) -> list[Finding]:
    return [finding for finding in findings if finding.severity is Severity.ERROR]


def stopping_errors(findings: Sequence[Finding], keep_going: bool) -> list[Finding]:
    """The errors that stop a build: all of them, or with ``keep_going`` those not about one indicator (a file
    that cannot be read, a sheet with no header row, a ref used twice)."""
    return [f for f in errors_in(findings) if not (keep_going and f.ref)]


def load(
    sources: Sequence[str | Path] = (),
    layout: Layout | str | Path | None = None,
    period: Month | None = None,
    progress: Progress = no_progress,
    keep_going: bool = False,
) -> tuple[Scorecard, Layout]:
    """The assessed scorecard arranged by the layout. Raises ``InvalidTrackers`` listing every error that stops
    a build: any error, or with ``keep_going`` those not about one indicator (the faulty are left unrated)."""
    chosen_layout = resolve_layout(layout)
    scorecard = read_scorecard(resolve_sources(sources, chosen_layout), period or chosen_layout.period, progress)
    errors = stopping_errors(scorecard.findings, keep_going)
    if errors:
        raise InvalidTrackers(errors)
    arranged = arrange(scorecard, chosen_layout)
    check_publication(arranged, chosen_layout)
    return mark_provisional(arranged, chosen_layout.publication.provisional_months(arranged.period)), chosen_layout


def check_publication(scorecard: Scorecard, layout: Layout) -> None:
    """The layout's ``[publication]`` refers only to indicators in the pack."""
    refs = {indicator.ref for indicator in scorecard.indicators}
    for ref in layout.publication.exempt:
        if ref not in refs:
            raise LayoutError(f"publication.exempt lists indicator {ref!r}, which is not in the pack; check the ref "
                              "against the trackers' ref column", f"{layout.where} › publication › exempt")


def check(
    sources: Sequence[str | Path] = (),
    layout: Layout | str | Path | None = None,
    period: Month | None = None,
) -> Scorecard:
    """The scorecard as read, whose findings are every finding for the trackers, errors included; arranged by
    the layout when there are no errors. Writes nothing."""
    chosen_layout = resolve_layout(layout)
    scorecard = read_scorecard(resolve_sources(sources, chosen_layout), period or chosen_layout.period)
    if errors_in(scorecard.findings):
        return scorecard
    arranged = arrange(scorecard, chosen_layout)
    check_publication(arranged, chosen_layout)
    return arranged


def output_name(scorecard: Scorecard, layout: Layout) -> str:
    if layout.name:
        return layout.name
    first = Path(scorecard.sources[0]).stem if scorecard.sources else "scorecard"
    return first


def _renderer(kind: str, public: bool = False, progress: Progress = no_progress, label: str = "") -> Renderer:
    """The renderer for ``kind`` (of the public edition with ``public``), importing its module only when it runs.

    Rendering may happen in another process (see ``rendering``); importing there lets each process load only
    the libraries it uses, and lets the PDF's import overlap the Excel scorecard's work. A renderer that writes
    page by page reports its pages through ``progress``, as writing ``label``.
    """
    if kind not in FORMATS:
        raise BoardpackError(f"unknown output format {kind!r}; choose from {', '.join(FORMATS)}")
    name = PUBLIC_RENDERERS.get(kind, kind) if public else kind

    def render(scorecard: Scorecard, layout: Layout, path: Path) -> None:
        module = importlib.import_module(f"boardpack.render.{kind}")
        renderer = getattr(module, f"render_{name}")
        if kind in PAGED_FORMATS:
            name_shown = label or path.name
            renderer(scorecard, layout, path, on_page=page_progress(progress, name_shown),
                     on_part=part_progress(progress, name_shown))
        else:
            renderer(scorecard, layout, path)

    return render


def _showing(render: Renderer, scorecard: Scorecard) -> Renderer:
    """``render`` bound to one edition's scorecard, whichever scorecard the rendering lanes pass it."""
    def bound(_: Scorecard, layout: Layout, path: Path) -> None:
        render(scorecard, layout, path)

    return bound


def public_edition(scorecard: Scorecard, layout: Layout, previous: Previous | None
                   ) -> tuple[Scorecard, tuple[Finding, ...]]:
    """The public edition of a scorecard (revised against ``previous`` when given), and what it withholds."""
    from boardpack.disclosure import public

    return public(scorecard, layout.publication, previous)


def build(
    sources: Sequence[str | Path] = (),
    layout: Layout | str | Path | None = None,
    period: Month | None = None,
    out_dir: str | Path = "out",
    formats: Sequence[str] = FORMATS,
    progress: Progress = no_progress,
    parallel: bool | None = None,
    keep_going: bool = False,
    previous: str | Path | None = None,
    public: bool = False,
    digests: bool = False,
) -> BuildResult:
    """Write ``<name>.csv``, ``.xlsx``, ``.pdf`` and ``.html`` into ``out_dir``; all of them or, on failure, none.

    ``parallel=None`` renders the outputs side by side where the machine allows (see ``rendering``).
    ``keep_going`` builds despite errors that are each about one indicator, showing those indicators as not
    rated; the result's findings then hold the errors. ``previous`` is the last published report's CSV: figures
    it gave otherwise are marked revised, and listed. ``public`` also writes the public edition,
    ``<name>-public.*``, with small counts withheld; the internal outputs are the same either way. ``digests``
    also gives each output's size and SHA-256 as written. Whatever ``out_dir``'s record of builds says about
    these outputs is dropped before any is written.
    """
    # Imported here, as the renderers are: ``validate`` needs neither the rendering lanes nor the revisions.
    from boardpack.output import OutputSet
    from boardpack.rendering import RenderJob, render_outputs
    from boardpack.revisions import read_previous, revise

    scorecard, chosen_layout = load(sources, layout, period, progress, keep_going)
    last = read_previous(previous) if previous is not None else None
    internal = revise(scorecard, last) if last is not None else scorecard
    editions = [("", internal, False)]
    released: Scorecard | None = None
    withheld: tuple[Finding, ...] = ()
    if public:
        progress("withholding small counts for the public edition")
        released, withheld = public_edition(internal, chosen_layout, last)
        editions.append((PUBLIC_SUFFIX, released, True))
    name = output_name(scorecard, chosen_layout)
    with OutputSet(Path(out_dir)) as outputs:
        jobs = [RenderJob(kind, _showing(_renderer(kind, is_public, progress, file), edition), outputs.path_for(file),
                          file)
                for suffix, edition, is_public in editions for kind in formats
                for file in (f"{name}{suffix}.{kind}",)]
        forget(Path(out_dir), [job.label for job in jobs])
        written = render_outputs(jobs, internal, chosen_layout, progress, parallel, digests)
        published = outputs.commit()
    return BuildResult(internal, chosen_layout, published, released, withheld, written)
