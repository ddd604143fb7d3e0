"""Header slips an officer makes, through the real `boardpack validate`: each copy is read right or named.

The copies are the Care Leavers sample sheet with one slip each (tests/mutations/generate.py); what validate
must say is one line per file in tests/mutations/expected.toml. A copy marked ``same_as`` must also read
into the same indicators as the file named, so "read right" means the figures, RAGs and periods are the
ones the officer meant, not merely that nothing was printed.
"""

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from boardpack.pipeline import read_scorecard
from boardpack.snapshot import scorecard_to_dict

HERE = Path(__file__).parent / "mutations"
CASES = tomllib.loads((HERE / "expected.toml").read_text("utf-8"))["case"]


def _validate(name: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "boardpack", "validate", "--verbose", name],
                          cwd=HERE, capture_output=True, text=True, timeout=120)


def _indicators(name: str) -> list:
    data = scorecard_to_dict(read_scorecard([HERE / name]), with_sources=False)
    # Where a figure or a table was read differs between the copies by design; what was read must not.
    return _without(_without(data["sections"], "source"), "table")


def _without(data, key):
    if isinstance(data, dict):
        return {k: _without(v, key) for k, v in data.items() if k != key}
    if isinstance(data, list):
        return [_without(item, key) for item in data]
    return data


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_each_slip_is_read_right_or_named(case):
    result = _validate(case["file"])
    assert "Traceback" not in result.stderr, result.stderr
    lines = (result.stdout + result.stderr).splitlines()
    severity = case["severity"]
    assert result.returncode == (1 if severity == "error" else 0), result.stderr
    if severity != "error":
        assert not [line for line in lines if line.startswith("error")], result.stderr
    if case["where"]:
        expected = f"{severity}: {case['where']}: "
        said = result.stdout + result.stderr
        assert any(line.startswith(expected) and case["message"] in line for line in lines), said
    if "same_as" in case:
        if severity == "info":
            assert lines[-1] == "0 errors, 0 warnings", result.stderr
        indicators = _indicators(case["file"])
        assert indicators and indicators == _indicators(case["same_as"])


def test_every_copy_has_a_case():
    assert {p.name for p in HERE.glob("*.xlsx")} == {c["file"] for c in CASES}


def test_slips_change_what_a_plain_reading_gives():
    """The read-right copies really differ from their originals where it matters, so the cases can fail."""
    base = read_scorecard([HERE / "base.xlsx"])
    for name in ("polarity_faint.xlsx", "timeline_deleted.xlsx"):
        assert _indicators(name) != _indicators("base.xlsx"), name
    assert base.period.iso == "2019-04"
    assert read_scorecard([HERE / "year_typo.xlsx"]).period.iso == "2026-08"
