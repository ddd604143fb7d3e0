"""Two tables on one sheet, each read by its own header row, checked end to end through `boardpack build`.

The tracker is tests/tables/two_tables.xlsx (made by tests/tables/generate.py); the CSV rows it must give,
worked out by hand, are in tests/tables/expected.toml.
"""

import csv
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

HERE = Path(__file__).parent / "tables"
EXPECTED = tomllib.loads((HERE / "expected.toml").read_text("utf-8"))
NUMBERS = ("value", "numerator", "denominator", "ytd")


@pytest.fixture(scope="module")
def csv_rows(tmp_path_factory):
    out = tmp_path_factory.mktemp("tables")
    result = subprocess.run(
        [sys.executable, "-m", "boardpack", "build", EXPECTED["file"], "--out", str(out), "--quiet"],
        cwd=HERE, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr
    with open(out / "two_tables.csv", encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_row_of_both_tables_is_written(csv_rows):
    assert len(csv_rows) == EXPECTED["rows"]
    assert {row["section"] for row in csv_rows} == {EXPECTED["section"]}
    assert [(row["ref"], row["period"]) for row in csv_rows] == [(r["ref"], r["period"]) for r in EXPECTED["row"]]


@pytest.mark.parametrize("expected", EXPECTED["row"], ids=[f"{r['ref']}-{r['period']}" for r in EXPECTED["row"]])
def test_each_row_has_the_hand_worked_values(csv_rows, expected):
    row = next(r for r in csv_rows if (r["ref"], r["period"]) == (expected["ref"], expected["period"]))
    for name, want in expected.items():
        if name in NUMBERS:
            assert float(row[name]) == pytest.approx(want, abs=1e-10), name
        else:
            assert row[name] == want, name
