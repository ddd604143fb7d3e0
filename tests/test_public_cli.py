"""Publishing end to end through `boardpack build --previous ... --public`: revisions and the public edition.

The trackers are tests/public/last_month.xlsx and this_month.xlsx (made by tests/public/generate.py); what the
builds must write, worked out by hand, is in tests/public/expected.toml. Last month's report is built first,
and its CSV is the one this month's build compares with, as a clerk's would be.
"""

from __future__ import annotations

import csv
import filecmp
import os
import re
import subprocess
import sys
import tomllib
import warnings
import zipfile
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

HERE = Path(__file__).parent / "public"
EXPECTED = tomllib.loads((HERE / "expected.toml").read_text("utf-8"))
OUTPUTS = ("csv", "xlsx", "pdf", "html")


def _build(*args: object) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "BOARDPACK_DEBUG"}
    return subprocess.run([sys.executable, "-m", "boardpack", "build", *map(str, args)], cwd=HERE,
                          capture_output=True, text=True, timeout=300, env=env)


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    root = tmp_path_factory.mktemp("publishing")
    last = _build("last_month.xlsx", "--layout", "layout.toml", "--out", root / "last", "--quiet")
    assert last.returncode == 0, last.stderr
    plain = _build("this_month.xlsx", "--layout", "layout.toml", "--out", root / "plain", "--quiet")
    assert plain.returncode == 0, plain.stderr
    both = _build("this_month.xlsx", "--layout", "layout.toml", "--out", root / "out",
                  "--previous", root / "last" / "children.csv", "--public")
    assert both.returncode == 0, both.stderr
    alone = _build("this_month.xlsx", "--layout", "layout.toml", "--out", root / "alone",
                   "--previous", root / "last" / "children.csv")
    assert alone.returncode == 0, alone.stderr
    return root, both


def _rows(path: Path) -> dict[tuple[str, str], dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return {(row["ref"], row["period"]): row for row in csv.DictReader(handle)}


@pytest.fixture(scope="module")
def public_rows(builds):
    return _rows(builds[0] / "out" / "children-public.csv")


@pytest.fixture(scope="module")
def internal_rows(builds):
    return _rows(builds[0] / "out" / "children.csv")


def test_the_public_edition_is_written_beside_the_internal_one(builds):
    root, result = builds
    assert sorted(p.name for p in (root / "out").iterdir()) == sorted(
        [f"children.{kind}" for kind in OUTPUTS] + [f"children-public.{kind}" for kind in OUTPUTS]
        + [".boardpack-build.json"])
    assert EXPECTED["internal"]["terminal"] in result.stdout
    assert EXPECTED["internal"]["withdrawn"] in result.stdout
    assert re.search(r"public edition: \d+ figures withheld as \[c\]", result.stdout)
    # The one percentage given without its counts cannot be checked, and the clerk is told.
    assert "indicator C6 as a percentage or rate without the counts" in result.stderr


def test_the_internal_edition_is_the_same_with_or_without_public(builds):
    root, _ = builds
    for kind in OUTPUTS:
        assert filecmp.cmp(root / "out" / f"children.{kind}", root / "alone" / f"children.{kind}", shallow=False), kind


def test_without_previous_there_is_no_revised_column(builds):
    root, _ = builds
    with open(root / "plain" / "children.csv", encoding="utf-8-sig", newline="") as handle:
        assert "revised" not in next(csv.reader(handle))


def test_each_count_of_one_to_five_and_what_would_give_it_away_is_withheld(public_rows):
    withheld = {tuple(pair) for pair in EXPECTED["public"]["withheld"]}
    for key, row in public_rows.items():
        if key in withheld:
            assert row["value"] == "" and row["numerator"] == "", key
            assert row["symbol"] == "[c]", key
        else:
            assert row["symbol"] != "[c]", key
    withheld_ytd = {tuple(pair) for pair in EXPECTED["public"]["withheld_ytd"]}
    for key, row in public_rows.items():
        assert (row["ytd_symbol"] == "[c]") == (key in withheld_ytd), key
        if key in withheld_ytd:
            assert row["ytd"] == "", key


def test_what_is_safe_stays_published(public_rows):
    for ref, period, denominator in EXPECTED["public"]["denominators"]:
        assert float(public_rows[ref, period]["denominator"]) == denominator
    for ref, period, value in EXPECTED["public"]["published"]:
        assert float(public_rows[ref, period]["value"]) == pytest.approx(value)
    for ref, period, value in EXPECTED["public"]["published_ytd"]:
        assert float(public_rows[ref, period]["ytd"]) == pytest.approx(value)


def test_symbols_have_their_own_column_and_values_stay_numbers(public_rows):
    for ref, period, symbol in EXPECTED["public"]["symbols"]:
        assert public_rows[ref, period]["symbol"] == symbol, (ref, period)
    for row in public_rows.values():
        if row["value"]:
            float(row["value"])
    for ref, period, value in EXPECTED["public"]["revised"]:
        assert float(public_rows[ref, period]["revised"]) == pytest.approx(value)
    # Revised, but last published withheld: marked, with no value to give.
    assert public_rows["C4", "2019-06"]["revised"] == ""


def test_the_public_csv_names_no_file(builds, public_rows):
    root, _ = builds
    text = (root / "out" / "children-public.csv").read_text("utf-8-sig")
    assert "source" not in text.splitlines()[0]
    assert ".xlsx" not in text and "›" not in text


def test_the_internal_csv_gives_each_revised_figures_last_value_in_its_last_column(internal_rows):
    header = list(next(iter(internal_rows.values())))
    assert header[-1] == "revised"
    for ref, period, value in EXPECTED["internal"]["revised"]:
        assert float(internal_rows[ref, period]["revised"]) == pytest.approx(value), (ref, period)
    for ref, period in EXPECTED["internal"]["unchanged"]:
        assert internal_rows[ref, period]["revised"] == "", (ref, period)
    revised = {(r, p) for r, p, _ in EXPECTED["internal"]["revised"]}
    assert {key for key, row in internal_rows.items() if row["revised"]} == revised
    # The layout marks the reporting month provisional, in the internal edition too.
    assert internal_rows["C1", "2019-09"]["status"] == "[p]" and internal_rows["C1", "2019-08"]["status"] == ""


def _list_rows(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines()]


@pytest.mark.parametrize(("edition", "section"), [("children", "internal"), ("children-public", "public_list")])
def test_the_pdf_marks_revised_figures_and_lists_them(builds, edition, section):
    root, _ = builds
    reader = PdfReader(root / "out" / f"{edition}.pdf")
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Revisions since the last report" in text
    # C1's July figure, revised from 13, carries the mark in the tables.
    assert "14 [r]" in text
    listed = " ".join(_list_rows(text[text.index("Revisions since the last report\n"):]))
    for ref, period, was, now in EXPECTED[section]["revisions"]:
        assert f"{ref} " in listed and period in listed and was in listed and now in listed, (ref, period, was, now)
    if edition == "children":
        assert "this_month.xlsx › Children ›" in listed
    else:
        assert "Public edition" in text and "counts from 1 to 5 are not published" in text
        assert ".xlsx" not in text
        assert "C5 Missing episodes Jun-19" not in listed


@pytest.mark.parametrize(("edition", "section"), [("children", "internal"), ("children-public", "public_list")])
def test_the_html_marks_revised_figures_and_lists_them(builds, edition, section):
    import html

    root, _ = builds
    page = html.unescape((root / "out" / f"{edition}.html").read_text("utf-8"))
    assert "14 [r]" in page
    listed = page[page.index('id="revisions"'):]
    listed = listed[:listed.index("</section>")]
    for ref, period, was, now in EXPECTED[section]["revisions"]:
        assert f"<td>{ref}</td>" in listed and f"<td>{was}</td><td>{now}</td>" in listed, (ref, period, was, now)
    if edition == "children-public":
        assert "Public edition" in page and ".xlsx" not in page


def _workbook(path: Path) -> openpyxl.Workbook:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # openpyxl reads sparklines it does not keep
        return openpyxl.load_workbook(path)


def test_the_workbook_marks_revised_figures_and_lists_them(builds):
    root, _ = builds
    book = _workbook(root / "out" / "children.xlsx")
    assert "Revisions" in book.sheetnames
    sheet = book["Revisions"]
    values = [[str(cell.value or "") for cell in row] for row in sheet.iter_rows()]
    header = next(index for index, row in enumerate(values) if row[:2] == ["Ref", "Indicator"])
    listed = [(row[0], row[2], row[3], row[4]) for row in values[header + 1:] if row[0]]
    assert listed == [tuple(row) for row in EXPECTED["internal"]["revisions"]]
    marked = [cell for ws in book.worksheets for row in ws.iter_rows() for cell in row
              if isinstance(cell.value, (int, float)) and "[r]" in (cell.number_format or "")]
    assert marked, "no figure carries the [r] mark in its number format"
    assert any("[r]" in str(row[0].value) for row in book["Key"].iter_rows())


def test_the_public_workbook_follows_the_statistics_spreadsheet_checklist(builds):
    root, _ = builds
    path = root / "out" / "children-public.xlsx"
    book = _workbook(path)
    assert book.sheetnames[:3] == ["Cover", "Contents", "Notes"]
    assert "Data quality" not in book.sheetnames and "Chart data" not in book.sheetnames
    assert book.active.title == "Cover"
    for sheet in book.worksheets:
        assert sheet.sheet_state == "visible", sheet.title
        assert isinstance(sheet["A1"].value, str) and sheet["A1"].value, sheet.title
        assert not sheet.merged_cells.ranges, sheet.title
        assert not any(d.hidden for d in sheet.column_dimensions.values()), sheet.title
        assert not any(d.hidden for d in sheet.row_dimensions.values()), sheet.title
        assert sheet.freeze_panes is None, sheet.title
        assert sheet.sheet_view.selection[0].activeCell in (None, "A1"), sheet.title
        if sheet.title == "Cover":
            assert not sheet.tables
            continue
        assert len(sheet.tables) == 1, sheet.title
        table = next(iter(sheet.tables.values()))
        first, last = table.ref.split(":")
        assert first.startswith("A"), (sheet.title, table.ref)
        header_row = int(first[1:])
        # The lines above the table fill every row from A1 down: no blank row before it.
        assert all(sheet.cell(row, 1).value for row in range(1, header_row)), sheet.title
        assert table.headerRowCount in (None, 1)
        columns = re.match(r"([A-Z]+)", last).group(1)
        width = openpyxl.utils.column_index_from_string(columns)
        for row in sheet.iter_rows(min_row=header_row, max_row=int(last[len(columns):]), max_col=width):
            assert all(cell.value not in (None, "") for cell in row), (sheet.title, row[0].row)
    cover = "\n".join(str(row[0].value) for row in book["Cover"].iter_rows() if row[0].value)
    for words in ("Source", "Contact", "How to use this workbook", "Symbols", "[c] confidential", "[x] not available",
                  "[z] not applicable", "[p] provisional", "[r] revised", "performance@anytown.gov.uk",
                  "September 2019"):
        assert words in cover, words
    notes = [row[0].value for row in book["Notes"].iter_rows() if str(row[0].value).startswith("[note")]
    assert notes[0] == "[note 1]"
    summary = book["Summary"]
    texts = [str(cell.value) for row in summary.iter_rows() for cell in row if cell.value is not None]
    assert any("[note 1]" in text for text in texts)
    with zipfile.ZipFile(path) as archive:
        xml = " ".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    assert "this_month.xlsx" not in xml and "Data quality" not in xml


def test_the_public_workbook_shows_withheld_figures_and_outturns_as_c(builds):
    root, _ = builds
    book = _workbook(root / "out" / "children-public.xlsx")
    figures = book["Figures"]
    rows = list(figures.iter_rows(values_only=True))
    header = next(index for index, row in enumerate(rows) if row[0] == "Ref")
    columns = rows[header]
    by_key = {(row[0], row[3]): dict(zip(columns, row, strict=True)) for row in rows[header + 1:]}
    assert by_key["C1", "May-19"]["Value"] == "[c]"
    assert by_key["C7", "Jul-19"]["Value"] == 2
    summary = list(book["Summary"].iter_rows(values_only=True))
    top = next(index for index, row in enumerate(summary) if row[0] == "Section")
    c10 = next(dict(zip(summary[top], row, strict=True)) for row in summary[top + 1:] if row[1] == "C10")
    assert c10["2018/19 outturn"] == 123
