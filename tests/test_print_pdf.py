"""The appendix as a clerk would send it out, measured from the PDFs themselves and from the layout they are
built from: no page left with a few spilled lines, nothing under 7 pt, short column headers, the tracker's
order, page numbers at the right margin, a repeated band on continuation pages and the council's own words.

The two samples are built end to end, as a clerk builds them (``boardpack build``).
"""

from __future__ import annotations

import math
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics

from boardpack.layout import Layout, Trend, parse_layout
from boardpack.model import Frequency, Month, Scorecard, Section
from boardpack.render.pdf import document
from boardpack.render.pdf.canvas import FOOTER_GAP, MARGIN
from boardpack.render.pdf.cells import KEEP_LINES, BodyParagraph
from boardpack.render.pdf.grid import CellTable
from boardpack.render.pdf.styles import (
    FONT,
    FOOTER_TEXT,
    MIN_TEXT,
    contrast_ratio,
    styles_for,
)
from boardpack.render.pdf.tables import HEADER_LINES
from boardpack.window import months_shown
from factories import corporate_parenting_scorecard
from test_render_pdf import FACTORY_LAYOUT, build, hostile_scorecard, normalise, outline

ROOT = Path(__file__).resolve().parent.parent
LAYOUT = ROOT / "layouts" / "corporate-parenting.toml"
SAFEGUARDING = ROOT / "sample_workbooks" / "safeguarding_2015"
PUBLISHED_PAGES = 16  # the April 2019 appendix as published ran to 12; 16 at most, with all its narrative


def built(out: Path, *arguments: str) -> Path:
    result = subprocess.run([sys.executable, "-m", "boardpack", "build", *arguments, "--out", str(out), "--quiet"],
                            cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    return next(out.glob("*.pdf"))


@pytest.fixture(scope="module")
def april_2019(tmp_path_factory) -> Path:
    return built(tmp_path_factory.mktemp("april"), "--layout", str(LAYOUT))


@pytest.fixture(scope="module")
def may_2015(tmp_path_factory) -> Path:
    return built(tmp_path_factory.mktemp("may"), str(SAFEGUARDING))


@pytest.fixture(scope="module")
def factory_pdfs(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("factory")
    portrait = parse_layout({**FACTORY_LAYOUT, "page": {"orientation": "portrait"}})
    return [build(folder), build(folder, layout=portrait, name="portrait.pdf")]


def texts_on(page) -> list[tuple[float, float, float, str]]:
    """Each run of text on a page: its size as printed, its x and y in the page's (or its form's) space, the text."""
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            scale = math.hypot(tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3])
            found.append((size * scale, tm[4] * cm[0] + tm[5] * cm[2] + cm[4],
                          tm[4] * cm[1] + tm[5] * cm[3] + cm[5], text))

    page.extract_text(visitor_text=visit)
    return found


def body_reach(page) -> float:
    """How far down the body the page's lowest text stands, as a share of the body's height (0 at its top)."""
    top, bottom = float(page.mediabox.height) - MARGIN, MARGIN + FOOTER_GAP
    lowest = min((y for _, _, y, _ in texts_on(page) if y > bottom), default=top)
    return (top - lowest) / (top - bottom)


# Pages that read like the published report


def test_the_april_2019_appendix_fits_sixteen_pages_with_all_its_narrative(april_2019):
    from boardpack.pipeline import load

    scorecard, _ = load([], LAYOUT)
    reader = PdfReader(april_2019)
    assert len(reader.pages) <= PUBLISHED_PAGES
    text = normalise(" ".join(page.extract_text() for page in reader.pages))
    for section in scorecard.sections:
        for words in (section.commentary.definition, section.commentary.analysis, section.commentary.data_note):
            assert normalise(words) in text, words[:60]


def test_no_page_but_the_last_ends_in_its_top_quarter(april_2019, may_2015, factory_pdfs):
    for path in (april_2019, may_2015, *factory_pdfs):
        pages = PdfReader(path).pages
        reach = [round(body_reach(page), 2) for page in pages]
        assert all(share >= 0.25 for share in reach[:-1]), (path.name, reach)


def test_each_section_of_the_april_2019_appendix_is_on_as_few_pages_as_the_published_one(april_2019):
    """Table, charts and narrative together: a section of the sample takes one page, its first (the charts
    are drawn beside or under the table on the section's own page, never on a page of their own)."""
    reader = PdfReader(april_2019)
    entries = outline(april_2019)
    titles = [title for title, _ in entries]
    sections = titles[titles.index("Performance summary") + 1:-1]
    starts = dict(entries)
    for title in sections:
        following = min(page for name, page in entries if page > starts[title])
        pages = following - starts[title]
        first = reader.pages[starts[title]].extract_text()
        assert "Monthly figure" in first, title  # its charts (their legends) are on its first page
        assert pages <= 2, (title, pages)


def test_paragraphs_leave_at_least_three_lines_at_a_page_foot_and_head():
    style = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=11.25)
    styles_for(Layout().theme)  # registers the bundled font
    text = " ".join(f"word{n}" for n in range(400))
    lines = len(BodyParagraph(text, style).breakLines([300.0]).lines)
    for room in range(1, lines + 3):
        paragraph = BodyParagraph(text, style)
        paragraph.wrap(300, 1e6)
        pieces = paragraph.split(300, room * style.leading)
        if len(pieces) == 2:
            first, rest = (len(piece.blPara.lines) if hasattr(piece, "blPara") else
                           piece.wrap(300, 1e6)[1] / style.leading for piece in pieces)
            assert first >= KEEP_LINES and round(rest) >= KEEP_LINES, (room, first, rest)
        else:
            assert room < KEEP_LINES or room >= lines, room


def test_every_continuation_page_repeats_its_band(april_2019, may_2015):
    for path in (april_2019, may_2015):
        reader = PdfReader(path)
        for page in reader.pages:
            runs = texts_on(page)
            first = max(runs, key=lambda run: run[2])  # the topmost text
            if first[3].strip().endswith("(continued)"):
                assert first[0] >= styles_for(Layout().theme).band.fontSize, first


# Type and wording


def test_no_text_is_smaller_than_seven_points(april_2019, may_2015, factory_pdfs, tmp_path):
    hostile = build(tmp_path, hostile_scorecard(), parse_layout({**FACTORY_LAYOUT, "theme": {"font_size": 8}}))
    for path in (april_2019, may_2015, *factory_pdfs, hostile):
        for number, page in enumerate(PdfReader(path).pages, start=1):
            smallest = min(texts_on(page))
            assert smallest[0] >= MIN_TEXT - 1e-6, (path.name, number, smallest)


def test_body_text_is_nine_or_ten_points():
    styles = styles_for(Layout().theme)
    assert 9 <= styles.body.fontSize <= 10


def test_page_numbers_end_at_the_right_margin_in_dark_type(april_2019):
    styles_for(Layout().theme)  # registers the bundled font, to measure with
    reader = PdfReader(april_2019)
    total = str(len(reader.pages))
    for number, page in enumerate(reader.pages, start=1):
        size, x, _, text = next(run for run in texts_on(page) if run[3].startswith("Page "))
        assert text.strip() == f"Page {number} of"
        assert normalise(page.extract_text()).endswith(f"Page {number} of {total}")
        # "Page X of " then the total, drawn after the last page, ends at the right margin.
        end = x + pdfmetrics.stringWidth(f"Page {number} of {total}", FONT, size)
        assert abs(end - (float(page.mediabox.width) - MARGIN)) < 0.5, (number, end)
    assert contrast_ratio(FOOTER_TEXT, "#FFFFFF") >= 4.5


def test_column_headers_are_at_most_four_lines():
    """From the layout itself: every header cell of every table of both samples and the hostile scorecard."""
    from boardpack.pipeline import load

    cases = [load([], LAYOUT), load([SAFEGUARDING]), (hostile_scorecard(), Layout())]
    for scorecard, layout in cases:
        flowables = document.summary(scorecard, layout)
        for section in scorecard.sections:
            flowables += document.section_page(scorecard, layout, section)
        tables = [f for f in _flat(flowables) if isinstance(f, CellTable)]
        assert tables
        for table in tables:
            for row in table.rows[:table.header_rows]:
                tallest = max(len(cell.lines) for cell in row.cells if cell is not None)
                assert tallest <= HEADER_LINES, [line.fragments for cell in row.cells if cell for line in cell.lines]


def _flat(flowables):
    for flowable in flowables:
        cells = getattr(flowable, "_cellvalues", None)
        if cells is not None:
            for row in cells:
                for cell in row:
                    yield from _flat(cell if isinstance(cell, list) else [cell])
        else:
            yield flowable


def test_words_are_never_broken_and_rows_keep_the_trackers_order(may_2015, april_2019):
    summary = PdfReader(may_2015).pages[1].extract_text()
    assert re.search(r"\bUnavailable\b", summary) and "Unavaila\n" not in summary
    text = normalise(" ".join(page.extract_text() for page in PdfReader(april_2019).pages[2:5]))
    positions = [text.index(f"{ref} ") for ref in ("6.7", "6.8", "6.9", "6.10", "6.19", "6.20", "6.21", "7.1")]
    assert positions == sorted(positions)


def test_a_red_rating_shows_the_levels_it_was_judged_against(april_2019):
    reader = PdfReader(april_2019)
    health = next(normalise(page.extract_text()) for page in reader.pages
                  if page.extract_text().startswith("Health"))
    assert re.search(r"Apr-19 rating Red ↓ Red ↓ ↑ Red <90% <90% Amber 90%> 90%> Target \(Green\) 95%\+ 95%\+",
                     health)


def test_the_appendix_speaks_as_the_council_would(april_2019, may_2015):
    for path in (april_2019, may_2015):
        text = normalise(" ".join(page.extract_text() for page in PdfReader(path).pages))
        for words in ("the pack", "For want of width", "A missing figure is never a zero", "Where no figure is shown"):
            assert words not in text, words
    text = normalise(" ".join(page.extract_text() for page in PdfReader(april_2019).pages))
    assert re.search(r"\d{4}/\d{2}(, \d{4}/\d{2})* and \d{4}/\d{2} are shown on each section's page\.", text)


# The months a section shows


def _scorecard(period: Month, frequency: Frequency = Frequency.MONTHLY) -> Scorecard:
    scorecard = corporate_parenting_scorecard()
    if frequency is Frequency.MONTHLY:
        return Scorecard("t", period, scorecard.sections)
    indicators = tuple(replace(i, frequency=frequency) for i in scorecard.indicators)
    return Scorecard("t", period, (Section("s", indicators),))


@pytest.mark.parametrize(("period", "trend", "expected"), [
    (Month(2019, 4), Trend(), ["2019-04"]),
    (Month(2019, 11), Trend(), [f"2019-{m:02d}" for m in range(4, 12)]),
    (Month(2020, 2), Trend(), [f"2019-{m:02d}" for m in range(4, 13)] + ["2020-01", "2020-02"]),
    (Month(2019, 4), Trend(months="year"), [f"2019-{m:02d}" for m in range(4, 13)] + ["2020-01", "2020-02",
                                                                                   "2020-03"]),
    (Month(2019, 4), Trend(months="year", months_before=3),
     ["2019-01", "2019-02", "2019-03"] + [f"2019-{m:02d}" for m in range(4, 13)] + ["2020-01", "2020-02",
                                                                                   "2020-03"]),
    (Month(2019, 6), Trend(months_before=1), ["2019-03", "2019-04", "2019-05", "2019-06"]),
])
def test_months_shown(period, trend, expected):
    assert [m.iso for m in months_shown(_scorecard(period), Layout(trend=trend))] == expected


def test_a_quarterly_report_shows_the_quarters_ended():
    scorecard = _scorecard(Month(2019, 12), Frequency.QUARTERLY)
    assert [m.iso for m in months_shown(scorecard, Layout())] == ["2019-06", "2019-09", "2019-12"]
    assert [m.iso for m in months_shown(scorecard, Layout(trend=Trend(months="year")))] == [
        "2019-06", "2019-09", "2019-12", "2020-03"]
