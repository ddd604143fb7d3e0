"""The PDF's own tables: wrapping, cutting short, splitting across pages, and what ends up on each page."""

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate

from boardpack.layout import Theme
from boardpack.render.pdf.cells import Grid, TableNotes
from boardpack.render.pdf.grid import ELLIPSIS, CellTable, Span, clip, wrap
from boardpack.render.pdf.styles import styles_for, text_width

STYLES = styles_for(Theme())
BLACK = HexColor("#000000")
RED = HexColor("#C00000")


def line_texts(lines) -> list[str]:
    return ["".join(f.text for f in line.fragments) for line in lines]


def test_words_fill_lines_no_wider_than_the_cell():
    lines = wrap([[Span("Percentage of children seen within timescale this month")]], 80, 8, BLACK)
    assert len(lines) > 1
    assert " ".join(line_texts(lines)) == "Percentage of children seen within timescale this month"
    assert all(line.width <= 80 + 1e-6 for line in lines)


def test_a_word_wider_than_the_cell_is_broken_not_lost():
    word = "Supercalifragilisticexpialidocious" * 3
    lines = wrap([[Span(word, bold=True)]], 40, 8, BLACK)
    assert "".join(line_texts(lines)) == word
    assert all(line.width <= 40 + 1e-6 for line in lines)


def test_each_run_keeps_its_own_style_and_paragraphs_start_new_lines():
    lines = wrap([[Span("Red", bold=True, colour=RED), Span(" "), Span("↑")], [], [Span("note", size=6)]],
                 200, 8, BLACK)
    assert line_texts(lines) == ["Red ↑", "", "note"]
    red, rest = lines[0].fragments
    assert (red.text, red.bold, red.colour) == ("Red", True, RED)
    assert (rest.text, rest.bold, rest.colour) == (" ↑", False, BLACK)
    assert rest.x == text_width("Red", 8, True)
    assert lines[2].size == 6


@settings(max_examples=150, deadline=None)
@given(words=st.lists(st.text(alphabet="abcdefghij&<>é", min_size=1, max_size=30), min_size=1, max_size=40),
       width=st.floats(min_value=20, max_value=300))
def test_wrapping_keeps_every_word_in_order_within_the_width(words, width):
    lines = wrap([[Span(" ".join(words))]], width, 8, BLACK)
    assert "".join(line_texts(lines)).replace(" ", "") == "".join(words)
    assert all(line.width <= width + 1e-6 for line in lines)


def test_clipping_keeps_the_first_lines_and_ends_with_an_ellipsis_that_fits():
    lines = wrap([[Span("word " * 200)]], 60, 8, BLACK)
    kept = clip(lines, 3, 60)
    assert len(kept) == 3
    assert line_texts(kept)[-1].endswith(ELLIPSIS)
    assert kept[-1].width <= 60 + 1e-6


def test_a_cell_taller_than_a_page_is_cut_and_printed_whole_in_the_notes():
    notes = TableNotes()
    grid = Grid(STYLES, [60, 60], notes, budget=50)
    text = "a very long indicator name " * 40
    cell = grid.cell(text, 0, label="1.1")
    assert cell.height <= 50
    assert line_texts(cell.lines)[-1].endswith(ELLIPSIS)
    assert notes.in_full == [("1.1", text)]


def table_of(body: int, band_at: int | None = None) -> tuple[CellTable, Grid]:
    grid = Grid(STYLES, [60, 120], TableNotes(), budget=400)
    grid.add([grid.cell("Ref", 0), grid.cell("Name", 1)], fill=STYLES.header_fill)
    for index in range(body):
        if index == band_at:
            grid.band("A section")
        grid.add([grid.cell(f"R{index}", 0), grid.cell(f"Row {index}", 1)])
    return grid.table(header_rows=1), grid


def test_split_repeats_the_header_rows_and_keeps_every_body_row_once():
    table, grid = table_of(40)
    row_height = grid.rows[1].height
    first, rest = table.split(200, row_height * 10.5)
    assert first.rows[0] is rest.rows[0] is grid.rows[0]
    assert len(first.rows) == 10  # the header and nine body rows fill ten and a half row heights
    assert first.rows[1:] + rest.rows[1:] == tuple(grid.rows[1:])


def test_a_band_never_ends_a_part_it_moves_on_with_the_row_after_it():
    table, grid = table_of(40, band_at=8)
    row_height = grid.rows[1].height
    band = grid.rows[9]
    assert band.keep_with_next
    first, rest = table.split(200, row_height * 10.5)  # room for the header, eight rows and the band
    assert first.rows[-1] is not band
    assert rest.rows[1] is band


def test_a_table_that_fits_or_where_nothing_fits_is_not_split():
    table, grid = table_of(3)
    assert table.split(200, 1000) == []
    assert table.split(200, grid.rows[0].height + 1) == []


def test_a_long_table_prints_its_header_on_every_page_and_every_row_once(tmp_path: Path):
    table, _ = table_of(300, band_at=150)
    path = tmp_path / "table.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build([table])
    pages = [page.extract_text() for page in PdfReader(path).pages]
    assert len(pages) > 3
    assert all(text.split()[:2] == ["Ref", "Name"] for text in pages)
    printed = [word for text in pages for word in text.split() if word.startswith("R") and word[1:].isdigit()]
    assert printed == [f"R{index}" for index in range(300)]
