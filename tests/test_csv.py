"""The tidy CSV opens safely in a spreadsheet: no tracker text runs as a formula, and `›` and `£` survive."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from boardpack.render.safe_csv import FORMULA_TRIGGERS, neutralise, write_csv
from trackers import ROWS, write_tracker

ROOT = Path(__file__).resolve().parent.parent


def read_rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("trigger", FORMULA_TRIGGERS)
def test_text_starting_with_each_formula_character_gets_a_quote(tmp_path, trigger):
    text = f"{trigger}1+1"
    path = tmp_path / "t.csv"
    write_csv(path, {"ref": ["6.1"], "indicator": [text], "value": [2.0]})
    assert read_rows(path) == [{"ref": "6.1", "indicator": f"'{text}", "value": "2.0"}]
    raw = path.read_bytes().decode("utf-8-sig")  # as written: reading as text would turn a CR into a newline
    assert f"\"'{text}\"" in raw  # the neutralised field is quoted


def test_numbers_stay_numbers_and_text_that_looks_like_arithmetic_does_not(tmp_path):
    path = tmp_path / "t.csv"
    write_csv(path, {"section": ["-2+3", "-2.5", "Health"], "value": [-2.5, -3, None]})
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert lines == ['"section","value"', "\"'-2+3\",-2.5", "\"'-2.5\",-3", '"Health",""']


def test_every_column_is_protected_whatever_it_is_called(tmp_path):
    """Columns added later (a period label, a note) need no code of their own to be safe."""
    path = tmp_path / "t.csv"
    write_csv(path, {"ref": ["1"], "note": ["=cmd|' /C calc'!A0"], "period_label": ["+Q2 2024/25"]})
    assert read_rows(path) == [{"ref": "1", "note": "'=cmd|' /C calc'!A0", "period_label": "'+Q2 2024/25"}]


def test_a_short_column_is_an_error_not_a_table_cut_short(tmp_path):
    """A column one value short once dropped the last row of every column without a word."""
    with pytest.raises(ValueError, match="zip"):
        write_csv(tmp_path / "t.csv", {"ref": ["1", "2"], "value": [1.0]})


def _written_by_the_csv_module(path: Path, columns: dict[str, list]) -> bytes:
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
        writer.writerow(list(neutralise(list(columns))))
        writer.writerows(zip(*(neutralise(column) for column in columns.values()), strict=True))
    return path.read_bytes()


_CELLS = st.one_of(st.none(), st.text(), st.sampled_from(['"', '""', "a,b", "x\ny", "\r", "", "=1", "£ ›"]),
                   st.integers(), st.floats(), st.booleans())


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 5).flatmap(lambda length: st.dictionaries(
    st.text(min_size=1, max_size=8), st.lists(_CELLS, min_size=length, max_size=length), max_size=5)))
def test_the_file_is_the_csv_modules_to_the_byte(tmp_path_factory, columns):
    """``write_csv`` writes a column at a time for speed; the bytes are the standard writer's."""
    folder = tmp_path_factory.mktemp("csv")
    write_csv(folder / "ours.csv", columns)
    assert (folder / "ours.csv").read_bytes() == _written_by_the_csv_module(folder / "module.csv", columns)


def test_a_column_of_many_repeated_and_distinct_texts_is_the_csv_modules_to_the_byte(tmp_path):
    columns = {"section": ['He said "no"', "Health"] * 50 + [None, 1.5], "source": [f"f{i}" for i in range(102)],
               "value": [0.1 + 0.2, -0.0, 1e20, float("nan"), float("inf"), 7, True, None] * 12 + [1] * 6}
    write_csv(tmp_path / "ours.csv", columns)
    assert (tmp_path / "ours.csv").read_bytes() == _written_by_the_csv_module(tmp_path / "module.csv", columns)


def test_a_value_of_another_type_is_written_as_the_csv_module_writes_it(tmp_path):
    from decimal import Decimal

    columns = {"value": [Decimal("1.50"), 2.0], "when": [Path("a/b"), "x"]}
    write_csv(tmp_path / "ours.csv", columns)  # type: ignore[arg-type]  # beyond what Cell names, on purpose
    assert (tmp_path / "ours.csv").read_bytes() == _written_by_the_csv_module(tmp_path / "module.csv", columns)


def test_utf8_with_a_byte_order_mark_reads_back_with_csv_and_pandas(tmp_path):
    import pandas as pd

    path = tmp_path / "t.csv"
    write_csv(path, {"indicator": ["Spend £ per child"], "source": ["lac.xlsx › LAC › H6"], "value": [1.5]})
    assert path.read_bytes().startswith(b"\xef\xbb\xbf\"indicator\"")
    assert read_rows(path) == [{"indicator": "Spend £ per child", "source": "lac.xlsx › LAC › H6", "value": "1.5"}]
    for frame in (pd.read_csv(path, encoding="utf-8-sig"), pd.read_csv(path)):  # as the README says
        assert list(frame.columns) == ["indicator", "source", "value"]
        assert frame.loc[0, "source"] == "lac.xlsx › LAC › H6" and frame.loc[0, "value"] == 1.5


def test_a_build_neutralises_tracker_text_and_keeps_negative_figures(tmp_path):
    """End to end: formulas typed as an indicator and a section reach the CSV inert; figures stay numbers."""
    import pandas as pd

    rows = [list(row) for row in ROWS]
    rows[0][1] = "@SUM(1+1)*cmd|' /C calc'!A0"   # 6.1's indicator name
    rows[0][2] = "-2+3"                          # 6.1's section
    rows[0][6] = -2.5                            # 6.1's February count
    rows[1][1] = "+1+2"                          # 6.8's indicator name

    def typed_as_text(workbook):
        # An officer types '=... to keep a leading = as text; openpyxl needs the cell's type set for that.
        cell = workbook.active["B7"]  # 6.10's indicator name
        cell.value = '=HYPERLINK("http://x","y")'
        cell.data_type = "s"

    tracker = write_tracker(tmp_path / "lac.xlsx", rows=rows, extra=typed_as_text)
    env = {k: v for k, v in os.environ.items() if k != "BOARDPACK_DEBUG"}
    result = subprocess.run([sys.executable, "-m", "boardpack", "build", str(tracker), "--out", str(tmp_path / "out"),
                             "--quiet"], capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    path = tmp_path / "out" / "lac.csv"
    rows_read = read_rows(path)
    by_key = {(r["ref"], r["period"]): r for r in rows_read}
    february = by_key[("6.1", "2019-02")]
    assert february["indicator"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert february["section"] == "'-2+3"
    assert february["value"] == "-2.5"
    assert by_key[("6.8", "2019-04")]["indicator"] == "'+1+2"
    assert by_key[("6.10", "2019-04")]["indicator"] == "'=HYPERLINK(\"http://x\",\"y\")"
    # No field a spreadsheet reads begins with a formula character, except numbers in the number columns.
    for row in rows_read:
        for column, value in row.items():
            if column not in ("value", "numerator", "denominator", "ytd"):
                assert not value.startswith(FORMULA_TRIGGERS), (column, value)
    raw_lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert any(",-2.5," in line for line in raw_lines)  # unquoted: a number, not text
    frame = pd.read_csv(path, encoding="utf-8-sig", dtype={"ref": str})
    assert frame.loc[(frame["ref"] == "6.1") & (frame["period"] == "2019-02"), "value"].item() == -2.5
    assert frame["value"].dtype.kind == "f"
