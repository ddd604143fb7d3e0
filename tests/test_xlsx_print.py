"""How the Excel scorecard prints: paper, print ranges, repeated titles, type size, page breaks, what is left out.

The type-size check estimates the scale a spreadsheet prints a range at, as Excel and LibreOffice work it out
for "one page wide": the printable width over the range's width (columns in Excel's pixels, the repeated
title columns included), never more than full size. Every cell's font at that scale must be 7 pt or more.
When LibreOffice is installed, the sample workbook is also printed through it and read back.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import warnings
from itertools import pairwise
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import column_index_from_string
from pypdf import PdfReader

from boardpack.layout import Layout, PageSetup
from boardpack.render.xlsx import render_xlsx
from boardpack.render.xlsx.printing import WIDER_ELSEWHERE, Block, page_breaks
from boardpack.rules import dot_for
from factories import corporate_parenting_scorecard

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_LAYOUT = ROOT / "layouts" / "corporate-parenting.toml"
# A4 landscape, less the 0.4 inch side margins; and its height less the 0.5 and 0.6 inch top and bottom.
A4_ACROSS = 841.89 - 0.8 * 72
A4_DOWN = 595.28 - 1.1 * 72
SMALLEST = 7.0
RANGE = re.compile(r"\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)")


def load(path: Path) -> openpyxl.Workbook:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return openpyxl.load_workbook(path)


@pytest.fixture(scope="module")
def factory_book(tmp_path_factory):
    path = tmp_path_factory.mktemp("print") / "scorecard.xlsx"
    scorecard = corporate_parenting_scorecard()
    render_xlsx(scorecard, Layout(title="Corporate Parenting Monthly Performance Report"), path)
    return scorecard, load(path)


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    from boardpack.pipeline import build

    out = tmp_path_factory.mktemp("sample")
    result = build(layout=SAMPLE_LAYOUT, out_dir=out, formats=["xlsx"])
    (path,) = result.outputs
    return result.scorecard, path, load(path)


def widths(sheet) -> dict[int, float]:
    """Each column's width in characters, as stored (a run of equal columns is one record)."""
    found: dict[int, float] = {}
    for dimension in sheet.column_dimensions.values():
        if dimension.min and dimension.width:
            for col in range(dimension.min, dimension.max + 1):
                found[col] = dimension.width
    return found


def points(sheet, first: int, last: int) -> float:
    """Columns ``first`` to ``last`` (from 1) across the paper at full size, in points: a stored width is in
    characters of seven pixels, padding included; a column with none is Excel's default, 64 pixels."""
    found = widths(sheet)
    return sum(found[col] * 7 * 0.75 if col in found else 48.0 for col in range(first, last + 1))


def print_ranges(sheet) -> list[tuple[int, int, int, int]]:
    """The print area's ranges as (first column, last column, first row, last row), from 1."""
    return [(column_index_from_string(a), column_index_from_string(c), int(b), int(d))
            for a, b, c, d in RANGE.findall(sheet.print_area)]


def title_columns(sheet) -> tuple[int, int]:
    first, last = re.fullmatch(r"\$([A-Z]+):\$([A-Z]+)", sheet.print_title_cols).groups()
    return column_index_from_string(first), column_index_from_string(last)


def printed_scale(sheet, first: int, last: int, across: float = A4_ACROSS) -> float:
    """The scale a range prints at, one page wide, with the title columns beside it when it does not hold them."""
    width = points(sheet, first, last)
    if sheet.print_title_cols:
        low, high = title_columns(sheet)
        if first > high:
            width += points(sheet, low, high)
    return min(1.0, across / width)


def smallest_font(sheet, first_col: int, last_col: int, first_row: int, last_row: int) -> float:
    sizes = [cell.font.sz for row in sheet.iter_rows(min_row=first_row, max_row=last_row, min_col=first_col,
                                                      max_col=last_col) for cell in row
             if cell.value not in (None, "") and cell.font is not None and cell.font.sz]
    return min(sizes)


def header_columns(sheet) -> dict[str, int]:
    header = next(row for row in range(1, 12) if sheet.cell(row, 1).value == "Ref")
    return {sheet.cell(header, col).value: col for col in range(1, sheet.max_column + 1)
            if sheet.cell(header, col).value}


# The scorecard sheet


def test_scorecard_prints_a4_landscape_one_page_wide_with_its_header_rows_and_titles_repeated(factory_book):
    _, book = factory_book
    sheet = book["Scorecard"]
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize == 9
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.fitToWidth in (None, 1)  # 1 is the default and is left out of the XML
    assert sheet.page_setup.fitToHeight == 0
    header = next(row for row in range(1, 12) if sheet.cell(row, 1).value == "Ref")
    assert sheet.print_title_rows == f"${header - 1}:${header}"  # the band row and the column headers
    assert sheet.print_title_cols == "$A:$B"  # ref and indicator beside every range
    assert [sheet.cell(header, col).value for col in (1, 2)] == ["Ref", "Indicator"]


def test_main_columns_print_first_then_targets_years_and_benchmarks(factory_book):
    _, book = factory_book
    sheet = book["Scorecard"]
    columns = header_columns(sheet)
    header = next(row for row in range(1, 12) if sheet.cell(row, 1).value == "Ref")
    last_row = max(row for row in range(1, sheet.max_row + 1) if re.fullmatch(r"\d+\.\d+\w?",
                                                                               str(sheet.cell(row, 1).value)))
    (main, detail) = print_ranges(sheet)
    # Ref to RAG with the title above and the notes below; then the targets to the benchmarks, from the band row.
    assert main[:3] == (1, columns["RAG (in month)"], 1) and main[3] >= last_row
    assert detail == (columns["Red"], columns["NAT TOP QTILE"], header - 1, last_row)
    printed = set(range(main[0], main[1] + 1)) | set(range(detail[0], detail[1] + 1))
    # The trend lines (blank where LibreOffice prints) and the RAG formula's helper columns never print.
    for name in ("Line (months)", "Line (years)", "Red from", "Green to"):
        assert columns[name] not in printed, name
    for name in ("Trend (months)", "DOT (month on month)", "Target (green)", "2014/15", "SN AVE"):
        assert columns[name] in printed, name


def test_every_range_prints_at_full_size_and_nothing_under_7_points(factory_book, sample):
    for book in (factory_book[1], sample[2]):
        sheet = book["Scorecard"]
        for first, last, top, bottom in print_ranges(sheet):
            scale = printed_scale(sheet, first, last)
            assert scale == 1.0, (first, last)
            # With room for LibreOffice's slightly wider characters, so it prints them at full size too.
            assert printed_scale(sheet, first, last, A4_ACROSS / WIDER_ELSEWHERE) == 1.0, (first, last)
            assert smallest_font(sheet, first, last, top, bottom) * scale >= SMALLEST
            if first > 2:
                assert smallest_font(sheet, 1, 2, top, bottom) * scale >= SMALLEST


def test_a_narrow_page_shrinks_the_scorecard_no_further_than_its_type_allows(tmp_path):
    """Letter paper is narrower than A4: the ranges are packed to fit it rather than shrunk to fit."""
    path = tmp_path / "letter.xlsx"
    render_xlsx(corporate_parenting_scorecard(), Layout(page=PageSetup("letter", "portrait")), path)
    sheet = load(path)["Scorecard"]
    assert sheet.page_setup.paperSize == 1 and sheet.page_setup.orientation == "landscape"
    ranges = print_ranges(sheet)
    assert len(ranges) >= 2
    for first, last, top, bottom in ranges:
        scale = printed_scale(sheet, first, last, 792 - 0.8 * 72)
        assert smallest_font(sheet, first, last, top, bottom) * scale >= SMALLEST


def test_the_printed_trend_is_each_months_direction_of_travel(factory_book):
    """Arrows for Feb-19 to Apr-19 (the months after the window's first up to the period), worked out here from
    the figures: the trend LibreOffice can print, where it draws no sparkline."""
    scorecard, book = factory_book
    sheet = book["Scorecard"]
    columns = header_columns(sheet)
    rows = {sheet.cell(row, 1).value: row for row in range(1, sheet.max_row + 1)}
    months = [m for m in scorecard.trend_months if m <= scorecard.period][1:]
    arrows = {}
    for indicator in scorecard.indicators:
        previous, shown = None, ""
        for observation in indicator.observations:
            value = observation.figure.value
            if value is None or observation.month > scorecard.period:
                continue
            dot = dot_for(value, previous, indicator.polarity, indicator.unit)
            if observation.month in months and dot is not None:
                shown += dot.arrow
            previous = value
        arrows[indicator.ref] = shown or "-"
        assert sheet.cell(rows[indicator.ref], columns["Trend (months)"]).value == arrows[indicator.ref]
    # Ends with the DOT column's arrow where the month has a figure.
    assert arrows["6.1"] == "↑↓↓" and sheet.cell(rows["6.1"], columns["DOT (month on month)"]).value == "↓"
    assert arrows["6.14"] == "-"


def test_sections_keep_together_on_the_printed_pages(sample):
    _, _, book = sample
    sheet = book["Scorecard"]
    bands = {row for row in range(1, sheet.max_row + 1)
             if sheet.cell(row, 1).value and sheet.cell(row, 2).value is None
             and sheet.cell(row, 1).fill.fgColor.rgb == sheet.cell(5, 1).fill.fgColor.rgb}
    starts = [brk.id + 1 for brk in sheet.row_breaks.brk]  # a break after row id: the next page starts below
    assert starts, "the sample's summary runs over several pages"
    assert set(starts) <= bands  # every page after the first starts at a section's band
    # Each page's sections fit it: the rows between breaks are no taller than a page less the repeated rows.
    header = min(bands) - 1
    repeated = sum(sheet.row_dimensions[row].height or 15 for row in (header - 1, header))
    title = sum(sheet.row_dimensions[row].height or 15 for row in range(1, header - 1))
    edges = [header + 1, *starts, max(bands) + 20]
    for index, (top, bottom) in enumerate(pairwise(edges)):
        tall = sum(sheet.row_dimensions[row].height or 15 for row in range(top, bottom))
        assert tall <= A4_DOWN - repeated - (title if index == 0 else 0), (top, bottom)


def test_page_breaks_share_out_the_spare_space():
    # Three pages are needed either way; greedily the last would hold the last block alone.
    blocks = [Block(row, height, 30) for row, height in ((10, 250), (20, 100), (30, 200), (40, 150), (50, 60))]
    assert page_breaks(blocks, 400, 400) == [20, 40]
    # A block taller than a page is split, but never starts with only its head's worth of room left.
    tall = [Block(10, 300, 30), Block(20, 900, 40), Block(30, 50, 30)]
    assert page_breaks(tall, 400, 400) == [30]  # the tall block ends at the foot of its third page
    assert page_breaks([Block(10, 380, 30), Block(20, 900, 40)], 400, 400) == [20]
    assert page_breaks([], 400, 400) == []


# The other sheets


def test_section_sheets_print_landscape_and_their_narrative_at_9_points(sample):
    scorecard, _, book = sample
    for section in scorecard.sections[:3]:
        sheet = book[section.name]
        assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToHeight == 0
        last = max(widths(sheet))
        scale = printed_scale(sheet, 1, last)
        narrative = [sheet.cell(row, 2) for row in range(1, sheet.max_row + 1)
                     if sheet.cell(row, 1).value in ("Definition", "Performance analysis", "Data note")]
        assert narrative and all(cell.font.sz >= 9 for cell in narrative)
        assert smallest_font(sheet, 1, last, 1, sheet.max_row) * scale >= SMALLEST


def test_key_and_glossary_print_at_7_points_or_more(sample):
    _, _, book = sample
    for name in ("Key", "Glossary"):
        sheet = book[name]
        last = max(widths(sheet))
        scale = printed_scale(sheet, 1, last, 595.28 - 0.8 * 72 if sheet.page_setup.orientation == "portrait"
                              else A4_ACROSS)
        assert smallest_font(sheet, 1, last, 1, sheet.max_row) * scale >= SMALLEST, name


def test_data_quality_is_for_officers_and_hidden_from_print(sample):
    _, _, book = sample
    sheet = book["Data quality"]
    assert sheet.sheet_state == "hidden"
    assert sheet["A1"].value == "Data quality: for officers, not for publication"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_prints_the_ranges_in_order_and_leaves_out_data_quality(tmp_path, sample):
    scorecard, path, _ = sample
    profile = tmp_path / "profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(path)],
        check=True, capture_output=True, timeout=180,
    )
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(tmp_path / f"{path.stem}.pdf").pages]
    assert not any("for officers, not for publication" in page or "Severity File Sheet Cell Message" in page
                   for page in pages)
    summary = [page for page in pages if f"Page {pages.index(page) + 1} of" in page and "Ref Indicator" in page
               and ("RAG (in month)" in page or "NAT TOP QTILE" in page)]
    main = [page for page in summary if "RAG (in month)" in page]
    detail = [page for page in summary if "NAT TOP QTILE" in page]
    assert main and detail and pages.index(main[-1]) < pages.index(detail[0])
    assert not any("NAT TOP QTILE" in page for page in main)
    # Every indicator is on a main page and, named by its ref, on a page of targets and benchmarks.
    for indicator in scorecard.indicators:
        assert any(indicator.name[:30] in page for page in main), indicator.ref
        assert any(indicator.name[:30] in page for page in detail), indicator.ref
    # The section sheets and the key print after the summary, the glossary last.
    assert any("ANNUAL TREND" in page and "LATEST BENCHMARKING" in page for page in pages)
    assert any("DOT: direction of travel" in page for page in pages)
    assert "Glossary" in pages[-1]
