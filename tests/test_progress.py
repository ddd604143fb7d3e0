"""Progress lines: shown stage by stage on a terminal once a build has run a while, never anywhere else.

The delay is set to 0 (shown at once) or to an hour (never reached), and so is the interval between page
lines, so no test depends on how fast the machine is. The one wait below is for the reporter's own thread to
start showing, bounded only so that a broken reporter fails the test instead of hanging it.
"""

import io
import threading
from pathlib import Path

from boardpack import progress
from boardpack.progress import page_progress, part_progress, terminal_progress

STAGES = ("reading lac.xlsx", "applying the rules", "writing pack.xlsx", "writing pack.pdf")
HOUR = 3600.0
ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_workbooks" / "corporate_parenting_2019-20.xlsx"
LAYOUT = ROOT / "layouts" / "corporate-parenting.toml"


class FakeTerminal(io.StringIO):
    """A stream that says it is a terminal and lets a test wait for the first thing written to it."""

    def __init__(self) -> None:
        super().__init__()
        self.written = threading.Event()

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        count = super().write(text)
        self.written.set()
        return count


def _shown_stages(text: str) -> list[str]:
    # Each line reads "[  1.2s] stage"; the elapsed time varies, the stage does not.
    lines = text.splitlines()
    assert all(line.startswith("[") and "s] " in line for line in lines), lines
    return [line.split("s] ", 1)[1] for line in lines]


def test_silent_when_the_stream_is_not_a_terminal():
    stream = io.StringIO()
    with terminal_progress(stream=stream, delay=0) as report:
        for stage in STAGES:
            report(stage)
    assert stream.getvalue() == ""


def test_silent_with_quiet_even_on_a_terminal():
    stream = FakeTerminal()
    with terminal_progress(enabled=False, stream=stream, delay=0) as report:
        for stage in STAGES:
            report(stage)
    assert stream.getvalue() == ""


def test_silent_on_a_terminal_when_the_build_ends_before_the_delay():
    stream = FakeTerminal()
    with terminal_progress(stream=stream, delay=HOUR) as report:
        for stage in STAGES:
            report(stage)
    assert stream.getvalue() == ""


def test_shows_every_stage_in_order_on_a_terminal():
    stream = FakeTerminal()
    with terminal_progress(stream=stream, delay=0) as report:
        report(STAGES[0])
        # The first stage is shown by the reporter's thread once the delay has passed; later ones as they start.
        assert stream.written.wait(timeout=30), "the first stage was never shown"
        for stage in STAGES[1:]:
            report(stage)
    assert _shown_stages(stream.getvalue()) == list(STAGES)



# Pages of a document being written (the PDF), reported at most once every PAGE_SECONDS


def test_pages_are_reported_as_they_are_written_with_the_pages_expected(monkeypatch):
    monkeypatch.setattr(progress, "PAGE_SECONDS", 0.0)
    lines: list[str] = []
    page = page_progress(lines.append, "pack.pdf")
    for number in (1, 2, 3):
        page(number, 3)
    assert lines == [f"writing pack.pdf: page {number} of ~3" for number in (1, 2, 3)]


def test_parts_are_reported_as_they_are_laid_out(monkeypatch):
    monkeypatch.setattr(progress, "PAGE_SECONDS", 0.0)
    lines: list[str] = []
    part = part_progress(lines.append, "pack.pdf")
    for number in (1, 2):
        part(number, 2)
    assert lines == ["laying out pack.pdf: part 1 of 2", "laying out pack.pdf: part 2 of 2"]


def test_pages_written_within_the_interval_add_no_lines(monkeypatch):
    monkeypatch.setattr(progress, "PAGE_SECONDS", HOUR)
    lines: list[str] = []
    page = page_progress(lines.append, "pack.pdf")
    for number in range(1, 200):
        page(number, 199)
    assert lines == []


def test_pages_say_nothing_with_quiet_even_on_a_terminal(monkeypatch):
    monkeypatch.setattr(progress, "PAGE_SECONDS", 0.0)
    stream = FakeTerminal()
    with terminal_progress(enabled=False, stream=stream, delay=0) as report:
        page = page_progress(report, "pack.pdf")
        for number in (1, 2):
            page(number, 2)
    assert stream.getvalue() == ""


def test_a_build_reports_the_pdf_page_by_page(monkeypatch, tmp_path):
    from pypdf import PdfReader

    from boardpack.pipeline import build

    monkeypatch.setattr(progress, "PAGE_SECONDS", 0.0)
    lines: list[str] = []
    build([SAMPLE], LAYOUT, out_dir=tmp_path, formats=("pdf",), progress=lines.append, parallel=False)
    pages = [line for line in lines if line.startswith("writing corporate-parenting-2019-04.pdf: page ")]
    count = len(PdfReader(tmp_path / "corporate-parenting-2019-04.pdf").pages)
    assert pages == [f"writing corporate-parenting-2019-04.pdf: page {n} of ~{count}" for n in range(1, count + 1)]
