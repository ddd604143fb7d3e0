"""The ``boardpack`` command. It parses arguments, calls the library and turns its errors into one line.

Heavy libraries (openpyxl, pandas, reportlab, xlsxwriter) are imported by the library only when a command
needs them, so ``boardpack --help`` answers at once.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from boardpack.exceptions import BoardpackError
from boardpack.model import Finding, Month, Scorecard, Severity

if TYPE_CHECKING:
    from boardpack.build_record import Said
    from boardpack.pipeline import BuildResult

app = typer.Typer(
    name="boardpack",
    help="Turn performance trackers (Excel) into committee scorecards, PDF appendices and agenda packs.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

SourcesArgument = Annotated[
    list[Path] | None,
    typer.Argument(help="Tracker .xlsx files or folders of them (default: the layout's sources).", show_default=False),
]
LayoutOption = Annotated[Path | None, typer.Option("--layout", "-l", help="Layout TOML file.", show_default=False)]
PeriodOption = Annotated[
    str | None, typer.Option("--period", "-p", help="Reporting month YYYY-MM (default: latest with data).",
                                show_default=False)
]


def _show_version(wanted: bool) -> None:
    if wanted:
        typer.echo(f"boardpack {package_version()}")
        raise typer.Exit()


def package_version() -> str:
    """The installed version, from the package's metadata (pyproject.toml), else the source's own."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("boardpack")
    except PackageNotFoundError:
        # Run from a source tree that was never installed.
        from boardpack import __version__

        return __version__


@app.callback()
def _options(
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.", callback=_show_version,
                                          is_eager=True)] = False,
) -> None:
    # Options of the command itself, before any sub-command; the help text is the Typer app's.
    pass


def _period(text: str | None) -> Month | None:
    if text is None:
        return None
    try:
        return Month.parse(text)
    except ValueError:
        raise BoardpackError(f"--period {text!r} must be a month in the form YYYY-MM, such as 2019-04") from None


def _print_findings(findings: tuple[Finding, ...] | list[Finding], *, include_info: bool) -> None:
    for finding in findings:
        if finding.severity is Severity.INFO and not include_info:
            continue
        typer.echo(f"{finding.severity.value}: {finding}", err=finding.severity is not Severity.INFO)


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


def _progress(quiet: bool) -> AbstractContextManager[Callable[[str], None]]:
    from boardpack.progress import terminal_progress

    return terminal_progress(enabled=not quiet)


@app.command()
def build(
    sources: SourcesArgument = None,
    layout: LayoutOption = None,
    period: PeriodOption = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the outputs.")] = Path("out"),
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
    keep_going: Annotated[bool, typer.Option(
        "--keep-going", help="Build despite errors in single indicators, showing them as not rated; exit 2.")] = False,
    previous: Annotated[Path | None, typer.Option(
        "--previous", help="The last published report's CSV: mark and list every figure revised since.",
        show_default=False)] = None,
    public: Annotated[bool, typer.Option(
        "--public", help="Also write the public edition, <name>-public.*, with small counts withheld as [c].")
    ] = False,
    force: Annotated[bool, typer.Option(
        "--force", help="Build even when nothing that feeds the build has changed since it was last built into "
        "--out.")] = False,
) -> None:
    """Build the scorecard (.xlsx), the appendix (.pdf) and its web page (.html), and the tidy data (.csv).

    Any error stops the build (exit 1). With --keep-going an indicator whose row holds an error is shown
    "not rated: see data quality", every error is listed, and the exit status is 2; errors that are not about
    one indicator still stop the build.

    --previous compares with the last report's CSV: a figure it gave otherwise is marked [r] and listed under
    "Revisions since the last report". --public also writes the public edition beside the internal one.

    When nothing that feeds the build has changed since it was last built into --out (the trackers, the layout,
    the options, boardpack itself, the day) and its outputs are as it wrote them, the outputs are left as they
    are and what that build printed is printed again, with the same exit status; --force builds anyway.

    Example:

    \b
        boardpack build sample_workbooks --layout layouts/corporate-parenting.toml --out out

    \b
        boardpack build --layout layouts/corporate-parenting.toml --previous last/cpp.csv --public

    \b
        boardpack build --layout layouts/corporate-parenting.toml --out out --force
    """
    from boardpack import build_record

    month = _period(period)
    request = build_record.Request(tuple(str(source) for source in sources or ()), _text(layout), period, str(out),
                                   keep_going, _text(previous), public)
    before = build_record.inputs(request)
    hit = None if force else build_record.find(out, before)
    if hit is not None:
        # The build's own account, except that each output it wrote is now one left as it was.
        _say([line._replace(text=KEPT + line.text.removeprefix(WROTE)) if line.text.startswith(WROTE) else line
              for line in hit.said], quiet)
        if not quiet:
            typer.echo(f"nothing that feeds this build has changed since it was built at {hit.time} today, so the "
                       "outputs were left as they are; add --force to build anyway")
        if hit.status:
            raise typer.Exit(hit.status)
        return

    from boardpack.pipeline import build as build_pack

    with _progress(quiet) as report:
        result = build_pack(sources or [], layout, month, out, progress=report, keep_going=keep_going,
                            previous=previous, public=public, digests=before is not None)
    said = _build_report(result, previous)
    status = 2 if any(f.severity is Severity.ERROR for f in result.findings) else 0
    build_record.save(out, before, build_record.inputs(request), result.written, said, status)
    _say(said, quiet)
    if status:
        raise typer.Exit(status)


# How a build names each output it wrote, and a re-run answered from the build's record each one it left alone.
WROTE = "wrote "
KEPT = "unchanged "


def _text(path: Path | None) -> str | None:
    return None if path is None else str(path)


def _build_report(result: BuildResult, previous: Path | None) -> list[Said]:
    """What a build prints, each line marked with whether ``--quiet`` prints it too (errors and the last line)."""
    from boardpack.build_record import Said

    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    warnings = [f for f in result.findings if f.severity is Severity.WARNING]
    disclosed = [f for f in result.disclosure if f.severity is Severity.WARNING]
    said = [Said(f"{f.severity.value}: {f}", err=True, quiet=True) for f in errors]
    said += [Said(f"{f.severity.value}: {f}", err=True) for f in (*warnings, *disclosed)]
    said += [Said(f"{WROTE}{path}") for path in result.outputs]
    if previous is not None:
        said.append(Said(_revision_line(result.scorecard, previous)))
    if result.public is not None:
        said.append(Said(_withheld_line(result.disclosure, result.layout.publication.suppress_up_to,
                                        result.layout.publication.suppress_zero)))
    if errors:
        faulty = sum(1 for indicator in result.scorecard.indicators if indicator.fault)
        said.append(Said(f"built with {_count(len(errors), 'error')}: {_count(faulty, 'indicator')} not rated "
                         "(see the data quality sheet)", err=True, quiet=True))
    return said


def _say(said: Sequence[Said], quiet: bool) -> None:
    for line in said:
        if line.quiet or not quiet:
            typer.echo(line.text, err=line.err)


def _revision_line(scorecard: Scorecard, previous: Path) -> str:
    from boardpack.revisions import counts

    revised, withdrawn = counts(scorecard)
    line = f"{_count(revised, 'revision')} since the last report ({previous})"
    return line + (f"; {_count(withdrawn, 'figure')} withdrawn" if withdrawn else "")


def _withheld_line(findings: Sequence[Finding], up_to: int, zero: bool) -> str:
    from boardpack.disclosure import withheld_count

    small, more = withheld_count(findings)
    counts = f"counts from {0 if zero else 1} to {up_to}"
    return (f"public edition: {_count(small + more, 'figure')} withheld as [c] ({small} for {counts}, {more} more so "
            "that none can be worked out)")


@app.command()
def validate(
    sources: SourcesArgument = None,
    layout: LayoutOption = None,
    period: PeriodOption = None,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Also list notes (unused rows and columns).")] = False,
) -> None:
    """Check trackers and list every problem as `file › sheet › cell: what is wrong`.

    The last lines say how many indicators were read, how many are rated and why the rest are not, then the
    count of errors and warnings. Exits 1 when there is any error (or any warning with --strict), 0 otherwise.

    Example:

    \b
        boardpack validate sample_workbooks/corporate_parenting_2019-20.xlsx --strict
    """
    from boardpack.pipeline import check
    from boardpack.tally import shape_lines

    scorecard = check(sources or [], layout, _period(period))
    findings = scorecard.findings
    _print_findings(findings, include_info=verbose)
    for line in shape_lines(scorecard):
        typer.echo(line)
    errors = sum(f.severity is Severity.ERROR for f in findings)
    warnings = sum(f.severity is Severity.WARNING for f in findings)
    typer.echo(f"{_count(errors, 'error')}, {_count(warnings, 'warning')}")
    if errors or (strict and warnings):
        raise typer.Exit(1)


@app.command()
def template(
    path: Annotated[Path, typer.Argument(help="Where to write the blank tracker (.xlsx).", show_default=False)],
) -> None:
    """Write a blank tracker with drop-downs for polarity, unit and timeline, and an example row.

    Example:

    \b
        boardpack template trackers/new_service.xlsx
    """
    from boardpack.template import write_template

    write_template(path)
    typer.echo(f"wrote {path}")


@app.command()
def pack(
    agenda: Annotated[Path, typer.Argument(help="Agenda TOML file: the meeting and its items.", show_default=False)],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the pack.")] = Path("out"),
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
) -> None:
    """Assemble the agenda pack: front sheet and every paper in one PDF, each page stamped "Page N", and the
    agenda as a web page linking each paper (its own web page when boardpack built it).

    Example:

    \b
        boardpack pack layouts/agenda-corporate-parenting.toml --out out
    """
    from boardpack.agenda import page_range
    from boardpack.packing import assemble_pack

    with _progress(quiet) as report:
        result = assemble_pack(agenda, out, progress=report)
    if not quiet:
        for title in result.untagged:
            typer.echo(f"warning: {title} is an untagged PDF: screen readers will find no headings, tables or "
                       "reading order in its pages; ask its author for an accessible (tagged) PDF", err=True)
        for item in result.items:
            if item.pages is not None:
                typer.echo(f"{item.number}. {item.title} ({page_range(*item.pages)})")
        typer.echo(f"wrote {result.path} ({result.page_count} pages)")
        if result.html:
            typer.echo(f"wrote {result.html[0]} (the agenda as a web page, linking each paper)")


@app.command()
def email(
    pack_pdf: Annotated[Path, typer.Argument(metavar="PACK", help="The agenda pack PDF.", show_default=False)],
    to: Annotated[Path, typer.Option("--to", help="CSV of recipients with name and email columns.",
                                     show_default=False)],
    smtp: Annotated[str | None, typer.Option(
        "--smtp", help="Mail server HOST:PORT (default localhost:25; a HOST alone means port 587). A login, "
        "when the server asks, is read from BOARDPACK_SMTP_USER and BOARDPACK_SMTP_PASSWORD.",
        show_default=False)] = None,
    dry_run: Annotated[Path | None, typer.Option(
        "--dry-run", help="Write each message as an .eml file into this folder instead of sending.",
        show_default=False)] = None,
    sender: Annotated[str | None, typer.Option(
        "--from", help="Who the messages are from (default: BOARDPACK_SMTP_USER).", show_default=False)] = None,
    max_size: Annotated[float, typer.Option("--max-size", help="Largest message to send, in MB.")] = 10.0,
    no_auth: Annotated[bool, typer.Option(
        "--no-auth", help="Send without logging in, even when BOARDPACK_SMTP_USER is set (for a server that "
        "takes mail from this machine without a login).")] = False,
) -> None:
    """Email the pack to each councillor in its own message, with a short performance summary.

    Re-running after a failure sends only to those who have not had the pack yet.

    Example:

    \b
        boardpack email out/corporate-parenting-panel-2019-07-02.pdf --to councillors.csv --dry-run outbox
    """
    from boardpack.mailing import email_pack, state_path

    delivery = email_pack(pack_pdf, to, server=smtp, dry_run=dry_run, sender=sender, limit_mb=max_size,
                          progress=typer.echo, no_auth=no_auth)
    record = state_path(pack_pdf)
    if not delivery.sent and not delivery.drafts:
        done = "no messages were written" if dry_run is not None else "nothing was sent"
        typer.echo(f"everyone listed has already had this pack (kept in {record}); {done}")
        return
    if dry_run is not None:
        typer.echo(f"wrote {_people(len(delivery.drafts), 'message')} to {dry_run}")
        if delivery.skipped:
            typer.echo(f"skipped {_people(len(delivery.skipped), 'recipient')} who already had this pack (kept in "
                       f"{record})")
        if delivery.placeholder_sender:
            typer.echo("the messages are from a placeholder sender; give --from to see the real one")
    else:
        typer.echo(f"sent to {_people(len(delivery.sent), 'recipient')}")


def _people(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' if count != 1 else ''}"


def main() -> NoReturn:
    """Run the CLI; any error a user can fix becomes one line on stderr and exit status 1. Ends by raising
    SystemExit with the exit status, so a program calling it can carry on."""
    sys.exit(_command_status())


def run() -> NoReturn:
    """The ``boardpack`` program: ``main``, then the process ends as soon as what it printed has gone out."""
    try:
        main()
    except SystemExit as exc:
        _leave(_exit_status(exc.code))


def _exit_status(code: object) -> int:
    """The status the interpreter would exit with for ``SystemExit(code)``, printing what it would print."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)  # sys.exit("message")
    return 1


def _command_status() -> int:
    try:
        from boardpack.preflight import harden_xml_parsing

        # Before anything imports openpyxl: it chooses its XML parser once, at import.
        harden_xml_parsing()
        status = app(standalone_mode=False)
        # Without standalone mode click returns the exit code of --help and typer.Exit instead of exiting.
        return status if isinstance(status, int) else 0
    except BoardpackError as exc:
        typer.echo(f"error: {exc}", err=True)
        return 1
    except typer.Exit as exc:
        return exc.exit_code
    except typer.Abort:
        typer.echo("aborted", err=True)
        return 130
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        return 130
    except typer.TyperException as exc:
        # Usage mistakes (unknown command, missing argument): click's own one-line message and usage hint.
        show = getattr(exc, "show", None)
        if show is not None:
            show()
        else:
            typer.echo(f"error: {exc}", err=True)
        return getattr(exc, "exit_code", 2)
    except Exception as exc:  # the last guard: a clerk must never see a traceback
        if os.environ.get("BOARDPACK_DEBUG"):
            raise
        typer.echo(f"error: unexpected {type(exc).__name__}: {exc} (set BOARDPACK_DEBUG=1 for details)", err=True)
        return 2


def _leave(status: int) -> NoReturn:
    """End the process once what it printed has gone out.

    A build leaves the model and the PDF's laid-out pages alive: hundreds of thousands of objects, which the
    interpreter would collect and free one by one on its way out, a tenth of a second at 1,000 indicators, for
    memory the system takes back at once. By now every output has been written, closed and published, any
    child process has been joined, and boardpack registers nothing to run at exit, so the process ends here.
    Only the program does this; ``main`` leaves a program that calls it running.
    """
    for stream in (sys.stdout, sys.stderr):
        # A reader that has gone (``| head``), or a stream already closed, has nothing left to receive.
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(status)


if __name__ == "__main__":
    run()
