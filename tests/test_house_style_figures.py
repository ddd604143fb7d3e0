"""The finance & HR dashboard house style end to end: units from number formats and unit words, markers and
due dates, through `boardpack build` (CSV, Excel scorecard, PDF text) and `boardpack validate` with slips.

The tracker is written by tests/house_styles/figures_finance.py; the hand-worked results are in
tests/house_styles/figures_finance.toml next to it.
"""

import csv
import importlib.util
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import openpyxl
import pytest

HERE = Path(__file__).parent / "house_styles"
EXPECTED = tomllib.loads((HERE / "figures_finance.toml").read_text("utf-8"))


def _generator():
    spec = importlib.util.spec_from_file_location("figures_finance", HERE / "figures_finance.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


finance = _generator()


def boardpack(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "boardpack", *map(str, args)], capture_output=True, text=True,
                          timeout=300)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("finance")
    tracker = finance.write(folder / "finance_hr.xlsx")
    result = boardpack("build", tracker, "--out", folder / "out")
    assert result.returncode == 0, result.stderr
    with open(folder / "out" / "finance_hr.csv", newline="", encoding="utf-8-sig") as handle:
        rows = {(row["ref"], row["period"]): row for row in csv.DictReader(handle)}
    return folder, tracker, rows


def _number(text: str) -> float | None:
    return float(text) if text else None


@pytest.mark.parametrize("case", EXPECTED["indicator"], ids=[c["ref"] for c in EXPECTED["indicator"]])
def test_latest_month_in_the_csv(built, case):
    row = built[2][case["ref"], EXPECTED["period"]]
    assert _number(row["value"]) == pytest.approx(case.get("value"))
    assert row["status"] == case["status"]
    assert (row["unit"], row["rag"], row["dot"]) == (case["unit"], case["rag"], case["dot"])
    if case["ytd"] == "":
        assert row["ytd"] == ""
    else:
        assert _number(row["ytd"]) == pytest.approx(case["ytd"])
    assert row["note"] == ""


@pytest.mark.parametrize("case", EXPECTED["cell"], ids=[f"{c['ref']}-{c['period']}" for c in EXPECTED["cell"]])
def test_marked_cells_in_the_csv(built, case):
    row = built[2][case["ref"], case["period"]]
    assert _number(row["value"]) == pytest.approx(case.get("value"))
    assert row["status"] == case["status"]


def _scorecard_rows(path: Path) -> tuple[dict[str, int], dict[str, int], object]:
    sheet = openpyxl.load_workbook(path)["Scorecard"]
    header = next(r for r in range(1, 20) if sheet.cell(r, 1).value == "Ref")
    columns = {sheet.cell(header, c).value: c for c in range(1, sheet.max_column + 1)}
    refs = {sheet.cell(r, 1).value: r for r in range(header + 1, sheet.max_row + 1) if sheet.cell(r, 1).value}
    return columns, refs, sheet


@pytest.mark.filterwarnings("ignore:Sparkline Group extension")
def test_the_scorecard_prints_units_and_marks_with_number_formats(built):
    folder = built[0]
    columns, refs, sheet = _scorecard_rows(folder / "out" / "finance_hr.xlsx")
    for case in EXPECTED["indicator"]:
        assert sheet.cell(refs[case["ref"]], columns["Data note"]).value == case["label"], case["ref"]
    september = columns["Sep-24"]
    capital = sheet.cell(refs["F1"], september)
    assert capital.value == pytest.approx(512.3) and capital.number_format == '"£"#,##0.0"k [p]"'
    assert sheet.cell(refs["F2"], september).number_format == '"£"#,##0'
    assert sheet.cell(refs["H7"], september).number_format == '"£"#,##0.00"m"'
    assert sheet.cell(refs["F5"], september).number_format == "#,##0.00"
    assert sheet.cell(refs["H2"], september).number_format == "0.00"
    assert sheet.cell(refs["F3"], september).value == "due Oct 24"
    assert sheet.cell(refs["F8"], september).value == "[c]"
    key = openpyxl.load_workbook(folder / "out" / "finance_hr.xlsx")["Key"]
    meanings = {key.cell(r, 1).value: key.cell(r, 2).value for r in range(1, key.max_row + 1)}
    assert meanings["[c]"].startswith("Confidential") and meanings["due (date)"].startswith("Not yet available")
    assert meanings["[p]"].startswith("Provisional")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
def test_the_pdf_prints_figures_markers_and_due_dates(built):
    folder = built[0]
    text = subprocess.run(["pdftotext", str(folder / "out" / "finance_hr.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    text = " ".join(text.split())
    for case in EXPECTED["indicator"]:
        assert case["printed"] in text, case["ref"]
    for meaning in ("‘[c]’ confidential", "‘[x]’ not available", "‘[z]’ not applicable",
                    "‘due (date)’ not yet available", "‘[p]’ provisional", "‘[u]’ low reliability"):
        assert meaning in text
    assert "not reported" not in text.replace("‘not reported’ not reported this period", "")
    assert not re.search(r"\bNone\b|\bnull\b", text)


def test_the_clean_tracker_has_no_warnings(built):
    result = boardpack("validate", built[1])
    assert result.returncode == 0, result.stderr
    assert "0 errors, 0 warnings" in result.stdout


@pytest.mark.parametrize("case", EXPECTED["slip"], ids=[c["name"] for c in EXPECTED["slip"]])
def test_a_slip_is_a_warning_naming_its_cell(tmp_path, case):
    tracker = finance.write(tmp_path / "slipped.xlsx", case["name"])
    result = boardpack("validate", tracker)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning")]
    where = f"slipped.xlsx › {finance.slip_cell(case['name'])}:"
    assert any(where in line and case["message"] in line for line in warnings), result.stderr
    assert len(warnings) == 1, result.stderr
