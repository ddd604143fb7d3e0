"""Nothing a tracker says is lost: footnotes under a table, the report's title row, narrative of any length.

Unit tests of footnote collection, placement and title choice on raw sheets, then the renderers with a note
and a narrative longer than any page or Excel cell.
"""

import warnings
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from boardpack.arrange import arrange
from boardpack.commentary import read_commentary
from boardpack.footnotes import LineKind, as_note, collect_notes, line_kind, marker_of, place_notes, summary_notes
from boardpack.layout import Layout, SectionLayout, load_layout
from boardpack.model import Note, Severity
from boardpack.normalise import normalise
from boardpack.pipeline import build, read_scorecard
from boardpack.reader import RawSheet, RawWorkbook
from boardpack.render.xlsx.formats import CELL_CHARACTERS, ROW_POINTS, row_height, row_pieces
from boardpack.rules import assess
from boardpack.title_rows import read_heading, title_score
from trackers import write_tracker

HEADER = ("Ref", "Indicator", "Section", "Polarity", "Unit", "Feb-24", "Mar-24")


def _sheet(*rows, formulas=frozenset()):
    return RawSheet("t.xlsx", "CIC", tuple(tuple(r) for r in rows), frozenset(), frozenset(formulas))


def _scorecard(*rows):
    return assess(normalise([RawWorkbook("t.xlsx", (_sheet(*rows),))]))


def _row(ref, name, section, figure=40):
    return (ref, name, section, "High", "Count", figure, figure + 1)


# ---------------------------------------------------------------------------------------------------------------
# Telling notes, keys and headings apart


@pytest.mark.parametrize("text, kind", [
    ("Key", LineKind.KEY),
    ("Key: ↑ improved → same ↓ declined", LineKind.KEY),
    ("Legend - RAG ratings", LineKind.KEY),
    ("DOT - direction of travel since the previous month", LineKind.KEY),
    ("RAG: Red, Amber or Green in month against the target", LineKind.KEY),
    ("↑ improvement in performance", LineKind.KEY),
    ("Notes:", LineKind.HEADING),
    ("FOOTNOTES", LineKind.HEADING),
    ("* excludes UASC", LineKind.NOTE),
    ("Tolerance: amber is within 5 percentage points of the target", LineKind.NOTE),
    ("Amber = within 5% of target", LineKind.NOTE),
    ("Data reports are not dynamic; figures may change when reports are re-run", LineKind.NOTE),
    ("Keyworker visits are counted from the date of allocation", LineKind.NOTE),
])
def test_line_kinds(text, kind):
    assert line_kind(text) is kind


@pytest.mark.parametrize("text, marker, rest", [
    ("*Annual Trend relates to April-March", "*", "Annual Trend relates to April-March"),
    ("** adoptions have a 28 day appeal period", "**", "adoptions have a 28 day appeal period"),
    ("† rate per 10,000 children", "†", "rate per 10,000 children"),
    ("(a) excludes UASC", "(a)", "excludes UASC"),
    ("[2] provisional", "[2]", "provisional"),
    ("(2017) figures are the latest", "", "(2017) figures are the latest"),
    ("Benchmarks   relate\nto 2017/18", "", "Benchmarks relate to 2017/18"),
])
def test_a_note_keeps_its_marker_apart_from_its_words(text, marker, rest):
    note = as_note(text)
    assert (note.marker, note.text) == (marker, rest)
    assert note.printed == (f"{marker} {rest}" if marker else rest)


def test_an_indicator_carries_its_marker_in_its_name_or_ref():
    scorecard = _scorecard(HEADER, _row("CIC1", "Children in care*", "CIC"), _row("CIC2†", "Rate per 10k", "CIC"),
                           _row("CL1", "(a) Care leavers in touch", "CL"), _row("CL2", "Care leavers EET", "CL"))
    assert [marker_of(i) for i in scorecard.indicators] == ["*", "†", "(a)", ""]
    assert scorecard.indicators[0].name == "Children in care*"
    assert scorecard.indicators[1].ref == "CIC2†"


# ---------------------------------------------------------------------------------------------------------------
# Collecting a table's notes


def test_rows_under_a_table_become_notes_keys_and_stray_numbers_are_findings():
    sheet = _sheet(
        HEADER,
        _row("CIC1", "Children in care*", "Children in Care"),
        (),
        ("Key: ↑ improved → same ↓ declined",),
        ("Notes",),
        ("* excludes UASC",),
        (None, "Tolerance:", "amber within 5 points"),
        (None, None, None, None, None, 12, 14),
        ("Data reports are not dynamic; figures may change when reports are re-run",),
    )
    findings = []
    notes = collect_notes(sheet, range(3, 10), findings)
    assert [(n.marker, n.text, n.source.cell) for n in notes] == [
        ("*", "excludes UASC", "A6"),
        ("", "Tolerance: amber within 5 points", "B7"),
        ("", "Data reports are not dynamic; figures may change when reports are re-run", "A9"),
    ]
    assert [(f.severity, f.where.cell) for f in findings] == [
        (Severity.INFO, "A4"), (Severity.INFO, "A5"), (Severity.INFO, "row 8")]
    assert "key" in findings[0].message and "heads the notes" in findings[1].message
    assert "not used" in findings[2].message


def test_a_note_under_a_one_section_table_goes_under_that_section():
    scorecard = _scorecard(HEADER, _row("CIC1", "Children in care", "Children in Care"), (),
                           ("Figures exclude respite placements",))
    assert scorecard.sections[0].notes == (Note("Figures exclude respite placements", "",
                                                scorecard.sections[0].notes[0].source),)
    assert scorecard.notes == ()
    assert not [f for f in scorecard.findings if "respite" in f.message]


def test_notes_under_a_table_of_several_sections_go_by_marker_or_under_the_summary():
    scorecard = _scorecard(
        HEADER,
        _row("CIC1", "Children in care*", "Children in Care"),
        _row("CIC2", "Rate per 10,000†", "Children in Care"),
        _row("CL1", "Care leavers in touch†", "Care Leavers"),
        _row("CL2", "Care leavers EET", "Care Leavers"),
        (),
        ("* excludes UASC",),
        ("† per 10,000 of the population aged under 18",),
        ("** a mark no indicator carries",),
        ("Tolerance: amber is within 5 percentage points of target",),
    )
    cic, leavers = scorecard.sections
    assert [n.printed for n in cic.notes] == ["* excludes UASC", "† per 10,000 of the population aged under 18"]
    assert [n.printed for n in leavers.notes] == ["† per 10,000 of the population aged under 18"]
    assert [n.printed for n in scorecard.notes] == [
        "** a mark no indicator carries", "Tolerance: amber is within 5 percentage points of target"]
    # The summary shows every indicator, so it prints every note whose mark one carries, once, in the
    # tracker's order.
    assert [n.printed for n in summary_notes(scorecard)] == [
        "* excludes UASC", "† per 10,000 of the population aged under 18", "** a mark no indicator carries",
        "Tolerance: amber is within 5 percentage points of target"]


def test_a_footnote_repeated_under_every_sheet_is_printed_once():
    first = _sheet(HEADER, _row("1", "A", "S1"), _row("2", "B", "S2"), (), ("*Annual trend relates to April-March",))
    second = RawSheet("t.xlsx", "Two", (HEADER, _row("3", "C", "S3"), _row("4", "D", "S4"), (),
                                        ("*Annual trend relates to April-March",)), frozenset(), frozenset())
    scorecard = normalise([RawWorkbook("t.xlsx", (first, second))])
    assert [n.printed for n in scorecard.notes] == ["* Annual trend relates to April-March"]


def test_text_among_the_indicators_is_a_finding_not_a_note():
    scorecard = _scorecard(HEADER, _row("1", "A", "S1"), ("Sub-heading",), _row("2", "B", "S1"))
    assert scorecard.notes == () and scorecard.sections[0].notes == ()
    assert any("Sub-heading" in f.message and f.severity is Severity.INFO for f in scorecard.findings)


def test_a_last_row_without_a_ref_is_still_a_warning_not_a_note():
    scorecard = _scorecard(HEADER, _row("1", "A", "S1"), (None, "Looks like an indicator", "S1", "High", "Count", 3))
    assert scorecard.sections[0].notes == ()
    assert any(f.severity is Severity.WARNING and "has no ref" in f.message for f in scorecard.findings)


def test_place_notes_without_indicators_sends_them_to_the_summary():
    assert place_notes([Note("x")], []) == ({}, [Note("x")])


def test_a_layout_moves_notes_with_their_indicators_or_up_to_the_summary():
    scorecard = _scorecard(
        HEADER,
        _row("CIC1", "Children in care*", "Children in Care"),
        _row("CIC2", "Rate per 10,000", "Children in Care"),
        (),
        ("* excludes UASC",),
        ("Placements exclude respite",),
    )
    kept = arrange(scorecard, Layout(sections=(SectionLayout("Headline", ("CIC1",)),
                                               SectionLayout("Rates", ("CIC2",)))))
    headline, rates = kept.sections
    assert [n.printed for n in headline.notes] == ["* excludes UASC"]
    assert rates.notes == ()
    # The unmarked note was about a section the layout splits in two, so the summary prints it.
    assert [n.printed for n in kept.notes] == ["Placements exclude respite"]
    whole = arrange(scorecard, Layout(sections=(SectionLayout("Everything", ("CIC1", "CIC2")),)))
    assert [n.printed for n in whole.sections[0].notes] == ["* excludes UASC", "Placements exclude respite"]
    assert whole.notes == ()


# ---------------------------------------------------------------------------------------------------------------
# The report's title


def test_the_title_row_wins_over_the_directorate_banner_above_it():
    findings = []
    sheet = _sheet(("Children & Young People Services",),
                   ("Safeguarding Children & Families Monthly Performance Report",),
                   ("As at Month End: May 2015",), (), (None, None, "DATA", None, "TARGET"), HEADER)
    heading = read_heading(sheet, 6, 1, findings)
    assert heading.title == "Safeguarding Children & Families Monthly Performance Report"
    assert heading.organisation == "Children & Young People Services"
    assert heading.notes == () and findings == []


@pytest.mark.parametrize("lines, title, organisation", [
    (["Corporate Parenting Monthly Performance Report", "2019/20 - As at Month End: April 2019"],
     "Corporate Parenting Monthly Performance Report", ""),
    (["Anytown Council", "Children's Services"], "Children's Services", "Anytown Council"),
    (["Anytown Council", "Children in Care - March 2024", "Figures may change"],
     "Children in Care - March 2024", "Anytown Council"),
    (["Anytown Council", "Key: ↑ improved"], "Anytown Council", ""),
    (["As at 31 March 2024"], "", ""),
])
def test_title_choice(lines, title, organisation):
    sheet = _sheet(*[(line,) for line in lines], HEADER)
    heading = read_heading(sheet, len(lines) + 1, 1, [])
    assert (heading.title, heading.organisation) == (title, organisation)


def test_text_between_the_title_and_the_header_is_a_note_about_the_whole_table():
    sheet = _sheet(("CIC Summary Report",), ("* Figures are provisional until validated",), HEADER)
    heading = read_heading(sheet, 3, 1, [])
    assert heading.title == "CIC Summary Report"
    assert [n.printed for n in heading.notes] == ["* Figures are provisional until validated"]


def test_a_band_of_group_headings_or_a_lone_one_over_the_figures_is_not_a_title():
    sheet = _sheet(("Anytown Council",), (None, None, None, None, None, "LATEST BENCHMARKING 2023"),
                   (None, None, None, "DATA", None, "TARGET"), HEADER)
    assert read_heading(sheet, 4, 1, []).title == "Anytown Council"


def test_a_title_typed_over_the_figures_is_still_the_title():
    sheet = _sheet(("Anytown Council",), (None, None, None, "Children in Care Scorecard"), HEADER)
    heading = read_heading(sheet, 3, 1, [])
    assert (heading.title, heading.organisation) == ("Children in Care Scorecard", "Anytown Council")


def test_title_words_and_dates_score():
    assert title_score("Monthly Performance Report") == 2
    assert title_score("Children in Care - March 2024") == 1
    assert title_score("Figures may change") == 0


def test_the_safeguarding_sample_takes_its_report_title_and_keeps_the_banner():
    scorecard = read_scorecard(["sample_workbooks/safeguarding_2015"])
    assert scorecard.title == "Safeguarding Children & Families Monthly Performance Report"
    assert scorecard.organisation == "Children & Young People Services"
    assert [n.text for n in scorecard.notes] == [
        "Latest benchmarking relates to 2013/14.",
        "2015/16 adoption data has been supplied by the service and remains unvalidated.",
    ]


# ---------------------------------------------------------------------------------------------------------------
# The Commentary sheet's formulas


def test_a_commentary_formula_without_a_saved_value_is_a_warning_naming_the_cell():
    sheet = RawSheet("t.xlsx", "Commentary", (("Section", "Performance analysis", "Data note"),
                                              ("Children in Care", None, "#REF!")),
                     frozenset(), frozenset({(2, 1)}))
    findings = []
    commentary = read_commentary(sheet, findings)
    assert commentary["children in care"].analysis == "" and commentary["children in care"].data_note == ""
    assert [(f.severity, f.where.cell) for f in findings] == [(Severity.WARNING, "B2"), (Severity.WARNING, "C2")]
    assert "no saved value" in findings[0].message and "#REF!" in findings[1].message


# ---------------------------------------------------------------------------------------------------------------
# Text of any length in Excel


def test_long_text_is_cut_into_rows_within_excels_limits_and_nothing_is_lost():
    words = [f"w{i}" for i in range(40_000)]
    text = " ".join(words[:20_000]) + "\n\n" + " ".join(words[20_000:]) + " " + "x" * 5_000
    pieces = row_pieces(text, 120, 9)
    assert len(pieces) > 1
    assert all(len(piece) <= CELL_CHARACTERS for piece in pieces)
    assert all(row_height([(piece, 120)], 9) <= ROW_POINTS for piece in pieces)
    rejoined = " ".join(" ".join(pieces).split())
    assert rejoined.replace("x ", "x").replace(" x", "x") == " ".join(text.split()).replace(" x", "x")
    assert row_pieces("short", 120, 9) == ["short"]


# ---------------------------------------------------------------------------------------------------------------
# End to end: a narrative of 20,000 words and a long note, in the PDF and the Excel scorecard


def _sentences(count):
    return [f"S{i} the placement plan was reviewed and the figure moved." for i in range(1, count + 1)]


def _tracker_with_narrative(path, sentences, note=""):
    """The narrative over as many Commentary rows as it needs (a cell holds at most 32,767 characters; rows
    for one section are joined as paragraphs), and ``note`` under the LAC table."""
    chunks = [""]
    for sentence in sentences:
        if len(chunks[-1]) + len(sentence) > 30_000:
            chunks.append("")
        chunks[-1] += sentence + " "

    def extra(workbook):
        sheet = workbook.create_sheet("Commentary")
        sheet.append(["Section", "Definition", "Performance analysis", "Data note"])
        for chunk in chunks:
            sheet.append(["Looked After Children", None, chunk.strip(), None])
        if note:
            workbook["LAC"].append([note])
    return write_tracker(path, extra=extra)


def _pdf_words(path):
    return " ".join(page.extract_text() for page in PdfReader(str(path)).pages).split()


def _xlsx_text(path, sheet_name):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        workbook = openpyxl.load_workbook(path)
    sheet = workbook[sheet_name]
    return [cell.value for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]


def test_a_20000_word_narrative_and_a_long_note_print_whole_in_the_pdf_and_the_excel(tmp_path):
    long = _sentences(2_000)  # ten words each
    assert sum(len(s.split()) for s in long) >= 20_000
    # As long as a cell can hold; the table holds two sections, so the summary prints it.
    long_note = "Caveat: " + " ".join(f"N{i} is one more word." for i in range(1, 1_401))
    assert 25_000 < len(long_note) < 32_767
    short_build = build([_tracker_with_narrative(tmp_path / "short.xlsx", long[:5])], out_dir=tmp_path / "short",
                        formats=("pdf",), parallel=False)
    long_build = build([_tracker_with_narrative(tmp_path / "long.xlsx", long, long_note)],
                       out_dir=tmp_path / "long", formats=("pdf", "xlsx"), parallel=False)
    pdf = next(p for p in long_build.outputs if p.suffix == ".pdf")
    xlsx = next(p for p in long_build.outputs if p.suffix == ".xlsx")

    words = set(_pdf_words(pdf))
    assert {f"S{i}" for i in range(1, 2_001)} <= words  # every sentence, the last included
    assert {f"N{i}" for i in range(1, 1_401)} <= words  # the whole note
    assert len(PdfReader(str(pdf)).pages) > len(PdfReader(str(short_build.outputs[0])).pages) + 10

    cells = _xlsx_text(xlsx, "Looked After Children")
    assert all(len(cell) <= CELL_CHARACTERS for cell in cells)
    narrative = " ".join(" ".join(cells).split())
    assert long[-1] in narrative
    assert all(f"{sentence} " in narrative + " " for sentence in long)
    summary = " ".join(" ".join(_xlsx_text(xlsx, "Scorecard")).split())
    assert "Caveat: N1 is one more word." in summary and "N1400 is one more word." in summary


def test_a_long_analysis_under_a_wide_table_with_charts_below_prints_whole(tmp_path):
    layout = load_layout(Path(__file__).resolve().parent.parent / "layouts" / "corporate-parenting.toml")
    wide = replace(layout.sections[0], analysis="\n\n".join(" ".join(_sentences(1_500)[i:i + 300])
                                                            for i in range(0, 1_500, 300)))
    layout = replace(layout, sections=(wide, *layout.sections[1:]))
    pdf = build(layout=layout, out_dir=tmp_path, formats=("pdf",), parallel=False).outputs[0]
    assert {f"S{i}" for i in range(1, 1_501)} <= set(_pdf_words(pdf))
