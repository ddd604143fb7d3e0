"""The "CIC summary" house style end to end: its title row, banner, footnotes and key, through the real
`boardpack build`, read back from the PDF (pypdf), the Excel scorecard (openpyxl) and the tidy CSV.

The tracker is written by tests/house_styles/notes_cic_summary.py; what should come of it is worked out by
hand in notes_cic_summary.toml beside it.
"""

import csv
import os
import subprocess
import sys
import tomllib
import warnings
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

STYLES = Path(__file__).parent / "house_styles"
EXPECTED = tomllib.loads((STYLES / "notes_cic_summary.toml").read_text("utf-8"))
ROOT = Path(__file__).resolve().parent.parent


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cic")
    tracker = folder / "cic_summary.xlsx"
    env = {k: v for k, v in os.environ.items() if k != "BOARDPACK_DEBUG"}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT / "src"), env.get("PYTHONPATH", "")) if p)
    subprocess.run([sys.executable, str(STYLES / "notes_cic_summary.py"), str(tracker)], check=True, env=env,
                   capture_output=True, timeout=120)
    result = subprocess.run([sys.executable, "-m", "boardpack", "build", str(tracker), "--out", str(folder / "out")],
                            capture_output=True, text=True, timeout=300, env=env, check=False)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    validate = subprocess.run([sys.executable, "-m", "boardpack", "validate", str(tracker), "--verbose"],
                              capture_output=True, text=True, timeout=300, env=env, check=False)
    return folder / "out", result.stdout + result.stderr, validate.stdout + validate.stderr


def _parts(pdf: Path) -> dict[str, str]:
    """Each bookmarked part's text: its pages, joined."""
    reader = PdfReader(pdf)
    pages = [_words(page.extract_text()) for page in reader.pages]
    starts = [(entry.title, reader.get_destination_page_number(entry)) for entry in reader.outline]
    parts = {}
    for index, (title, start) in enumerate(starts):
        end = starts[index + 1][1] if index + 1 < len(starts) else len(pages)
        parts[title] = " ".join(pages[start:end])
    return parts


def _sheets(xlsx: Path) -> dict[str, str]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        workbook = openpyxl.load_workbook(xlsx)
    return {
        sheet.title: _words(" ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None))
        for sheet in workbook.worksheets
    }


def _shown_with_notes(xlsx: Path) -> str:
    """What Excel shows for noted figures: the value with its number format's literal suffix, or the text."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        workbook = openpyxl.load_workbook(xlsx)
    shown = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    shown.append(cell.value)
                elif isinstance(cell.value, (int, float)) and '"' in (cell.number_format or ""):
                    base, suffix = cell.number_format.split('"', 1)
                    value = f"{cell.value * 100:.1f}%" if "%" in base else f"{cell.value:.1f}"
                    shown.append(value + suffix.rstrip('"'))
    return " | ".join(shown)


def test_title_and_banner(built):
    out, _, _ = built
    parts = _parts(out / "cic_summary.pdf")
    cover = parts["Cover and key"]
    assert cover.startswith(f"Appendix A {EXPECTED['title']} {EXPECTED['organisation']}")
    assert PdfReader(out / "cic_summary.pdf").metadata.title == EXPECTED["title"]
    scorecard = _sheets(out / "cic_summary.xlsx")["Scorecard"]
    assert scorecard.startswith(EXPECTED["title"])
    assert f"Organisation: {EXPECTED['organisation']}" in scorecard


def test_every_note_sits_under_the_tables_that_show_it_in_the_pdf(built):
    out, _, _ = built
    parts = _parts(out / "cic_summary.pdf")
    places = {"summary": "Performance summary", "Children in Care": "Children in Care",
              "Care Leavers": "Care Leavers"}
    for note in EXPECTED["notes"]:
        for where, title in places.items():
            assert (note["printed"] in parts[title]) == (where in note["under"]), (note["printed"], where)
    for text in EXPECTED["not_printed"]:
        assert not any(text in part for part in parts.values()), text


def test_every_note_sits_under_the_tables_that_show_it_in_the_excel(built):
    out, _, _ = built
    sheets = _sheets(out / "cic_summary.xlsx")
    places = {"summary": "Scorecard", "Children in Care": "Children in Care", "Care Leavers": "Care Leavers"}
    for note in EXPECTED["notes"]:
        for where, title in places.items():
            assert (note["printed"] in sheets[title]) == (where in note["under"]), (note["printed"], where)
    # The data-quality sheet lists the findings, the key's among them; no other sheet prints it.
    for text in EXPECTED["not_printed"]:
        assert not any(text in sheet for name, sheet in sheets.items() if name != "Data quality"), text
    assert any(EXPECTED["not_printed"][0] in line for line in sheets["Data quality"].split(" Info "))


def test_figures_keep_their_notes_in_both_outputs(built):
    out, _, _ = built
    pdf = " ".join(_parts(out / "cic_summary.pdf").values())
    excel = _shown_with_notes(out / "cic_summary.xlsx")
    for shown in EXPECTED["figure_notes"]:
        assert shown in pdf, shown
        assert shown in excel, shown


def test_refs_and_names_keep_their_marks_in_every_output(built):
    out, _, _ = built
    with open(out / "cic_summary.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    refs = list(dict.fromkeys(row["ref"] for row in rows))
    names = list(dict.fromkeys(row["indicator"] for row in rows))
    assert refs == EXPECTED["refs"] and names == EXPECTED["names"]
    assert {row["period"] for row in rows} >= {EXPECTED["period"]}
    summary = _parts(out / "cic_summary.pdf")["Performance summary"]
    sheet = _sheets(out / "cic_summary.xlsx")["Scorecard"]
    for text in [*EXPECTED["refs"], *EXPECTED["names"]]:
        assert _words(text) in summary and text in sheet, text


def test_findings_name_the_cells(built):
    _, printed, verbose = built
    for finding in EXPECTED["findings"]:
        lines = [line for line in verbose.splitlines()
                 if line.startswith(f"{finding['severity']}:") and f"› {finding['where']}:" in line]
        assert len(lines) == 1 and finding["says"] in lines[0], (finding, verbose)
        if finding["severity"] != "info":
            assert f"› {finding['where']}:" in printed
