"""Trackers in two councils' house styles, built by their generator scripts and run end to end through
``boardpack build``: the tidy CSV must give the hand-worked value, RAG, DOT and YTD of every indicator for the
latest month (and of the months listed), with no warning; the Excel scorecard's live RAG formula must rate as
the rules do.

Each generator is ``tests/house_styles/ratings_<style>.py`` with its expected results in ``ratings_<style>.toml``.
"""

import csv
import importlib.util
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from boardpack.pipeline import read_scorecard
from test_render_xlsx import _check_against_rules

STYLES = Path(__file__).parent / "house_styles"
GENERATORS = sorted(STYLES.glob("ratings_*.py"))


def _generate(generator: Path, folder: Path) -> Path:
    spec = importlib.util.spec_from_file_location(generator.stem, generator)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.build(folder / f"{generator.stem}.xlsx")


@pytest.fixture(scope="module", params=GENERATORS, ids=[g.stem for g in GENERATORS])
def built(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(request.param.stem)
    tracker = _generate(request.param, folder)
    result = subprocess.run([sys.executable, "-m", "boardpack", "build", str(tracker), "--out", str(folder / "out")],
                            capture_output=True, text=True, timeout=300)
    expected = tomllib.loads(request.param.with_suffix(".toml").read_text("utf-8"))
    return tracker, folder / "out", result, expected


def test_every_generator_has_its_expected_results():
    assert len(GENERATORS) >= 2
    assert all(generator.with_suffix(".toml").exists() for generator in GENERATORS)


def test_builds_without_an_error_or_a_warning(built):
    _, _, result, _ = built
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    # These houses keep no Timeline column, so a count's year to date is a guess, and rightly said to be: that
    # is the one warning they may give.
    problems = [line for line in result.stderr.splitlines() if line.startswith(("error", "warning"))]
    assert [line for line in problems if "no Timeline column" not in line] == []


def test_the_csv_gives_the_hand_worked_results(built):
    tracker, out, result, expected = built
    assert result.returncode == 0, result.stderr
    with open(out / f"{tracker.stem}.csv", encoding="utf-8-sig", newline="") as handle:
        rows = {(row["ref"], row["period"][:7]): row for row in csv.DictReader(handle)}
    period = expected["period"]
    for case in expected["indicator"]:
        row = rows[(case["ref"], period)]
        assert float(row["value"]) == pytest.approx(case["value"]), case["ref"]
        assert (row["rag"], row["dot"]) == (case["rag"], case["dot"]), case["ref"]
        assert float(row["ytd"]) == pytest.approx(case["ytd"]), case["ref"]
    for case in expected.get("row", []):
        assert rows[(case["ref"], case["period"])]["rag"] == case["rag"], case
    latest = {ref for ref, month in rows if month == period}
    assert latest == {case["ref"] for case in expected["indicator"]}


def test_the_scorecards_live_rag_formula_rates_as_the_rules_do(built):
    tracker, out, result, _ = built
    assert result.returncode == 0, result.stderr
    scorecard = read_scorecard([tracker])
    assert _check_against_rules(out / f"{tracker.stem}.xlsx", scorecard) >= 4
