"""Trackers in three house styles with quarters, NHS months, terms and annual measures, end to end.

Each generator in tests/house_styles/periods_*.py writes a tracker; its .toml beside it holds the results
worked out by hand. The tracker goes through the real ``boardpack build`` and ``validate --verbose``; the
tidy CSV must give each indicator's latest figure, RAG, DOT, YTD and period label, validate must say how
often each measure is taken, and the Excel scorecard and PDF must name the period of every figure that is
not the reporting month's own.
"""

from __future__ import annotations

import csv
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

STYLES = Path(__file__).parent / "house_styles"
CASES = sorted(STYLES.glob("periods_*.toml"))


def _run(*args: object) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *map(str, args)], capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module", params=CASES, ids=[case.stem for case in CASES])
def built(request, tmp_path_factory):
    expected = tomllib.loads(request.param.read_text("utf-8"))
    folder = tmp_path_factory.mktemp(request.param.stem)
    tracker = folder / f"{request.param.stem}.xlsx"
    made = _run(STYLES / expected["generator"], tracker)
    assert made.returncode == 0, made.stderr
    result = _run("-m", "boardpack", "build", tracker, "--out", folder / "out")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    checked = _run("-m", "boardpack", "validate", "--verbose", tracker)
    assert "Traceback" not in checked.stderr, checked.stderr
    with open(folder / "out" / f"{tracker.stem}.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    out = folder / "out" / tracker.stem
    return expected, rows, checked.stdout + checked.stderr, out.with_suffix(".xlsx"), out.with_suffix(".pdf")


def _indicators(expected):
    return {entry["ref"]: entry for entry in expected["indicator"]}


def test_csv_gives_each_latest_figure_its_rating_and_period(built):
    expected, rows, _, _, _ = built
    by_ref: dict[str, list[dict]] = {}
    for row in rows:
        by_ref.setdefault(row["ref"], []).append(row)
    assert set(by_ref) <= set(_indicators(expected))
    for ref, want in _indicators(expected).items():
        mine = by_ref.get(ref, [])
        assert len(mine) == want["rows"], ref
        latest = [row for row in mine if row["period"] == want["period"]]
        if not want.get("in_csv", True):
            assert latest == [], ref
            continue
        assert len(latest) == 1, ref
        row = latest[0]
        if "value" in want:
            assert float(row["value"]) == pytest.approx(want["value"]), ref
        else:
            assert row["value"] == "" and row["status"] == want["status"], ref
        assert (row["rag"], row["dot"]) == (want["rag"], want["dot"]), ref
        if want["ytd"] == "":
            assert row["ytd"] == "", ref
        else:
            assert float(row["ytd"]) == pytest.approx(want["ytd"]), ref
        assert row["period_label"] == want["period_label"], ref


def test_validate_says_how_often_each_measure_is_taken(built):
    expected, _, said, _, _ = built
    assert len(re.findall(r"^warning", said, re.MULTILINE)) == expected["warnings"], said
    for ref, want in _indicators(expected).items():
        read_as = re.search(rf"indicator {re.escape(ref)} is read as ([a-z-]+) ", said)
        if want["frequency"] == "monthly":
            assert read_as is None, ref
        else:
            assert read_as is not None and read_as.group(1) == want["frequency"], ref


def _scorecard_rows(path: Path):
    sheet = openpyxl.load_workbook(path, data_only=True)["Scorecard"]
    cells = list(sheet.iter_rows())
    header = next(i for i, row in enumerate(cells) if row[0].value == "Ref")
    columns = {cell.value: index for index, cell in enumerate(cells[header]) if cell.value}
    by_ref = {row[0].value: row for row in cells[header + 1:] if row[0].value}
    return sheet, columns, by_ref


def test_excel_scorecard_labels_figures_for_other_periods(built):
    expected, _, _, workbook, _ = built
    sheet, columns, by_ref = _scorecard_rows(workbook)
    assert expected["period_title"] in sheet["A2"].value
    report = expected["period"]
    # The reporting period's column is headed with its own label; YTD follows it.
    current = columns["YTD " + _financial_year(report)] - 1
    for ref, want in _indicators(expected).items():
        row = by_ref[ref]
        cell = row[current]
        labelled = want["period"] != report
        if "value" in want:
            assert cell.value == pytest.approx(want["value"]), ref
        assert (want["period_label"] in cell.number_format) is labelled, ref
        ytd = row[columns["YTD " + _financial_year(report)]].value
        wanted_ytd = want.get("report_ytd", want.get("ytd"))
        if wanted_ytd == "":
            assert ytd in (None, ""), ref
        else:
            assert ytd == wanted_ytd if isinstance(wanted_ytd, str) else ytd == pytest.approx(wanted_ytd), ref
        rag = row[columns[next(name for name in columns if name.startswith("RAG"))]].value or ""
        assert rag.lower() == want.get("rag", ""), ref


def test_pdf_names_the_period_of_each_figure(built):
    expected, _, _, _, pdf = built
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(pdf).pages)
    assert expected["period_title"] in text
    for want in expected["indicator"]:
        if want["period"] != expected["period"]:
            assert want["period_label"] in text, want["ref"]


def _financial_year(iso: str) -> str:
    year, month = map(int, iso.split("-"))
    start = year if month >= 4 else year - 1
    return f"{start}/{(start + 1) % 100:02d}"
