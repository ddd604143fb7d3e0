"""Trackers kept in other house styles, read end to end through the real `boardpack build` and `validate`.

Each style in tests/house_styles/ is a generator script (``<style>.py OUTDIR`` writes ``<style>.xlsx``) and a
TOML of hand-worked results for each indicator's latest period (``<style>.toml``). The test writes the
tracker, builds it, and compares the tidy CSV row of every indicator's latest period with the TOML;
tests/house_styles/README.md says what each style exercises and which conventions the expectations assume.
"""

from __future__ import annotations

import csv
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

HOUSE_STYLES = Path(__file__).parent / "house_styles"
# Styles named for a feature (figures_*, notes_*, periods_*, ratings_*) carry fuller expectations of their own
# and are checked by their feature's tests; this corpus is every other style.
FEATURE_STYLES = ("figures_", "notes_", "periods_", "ratings_")
STYLES = sorted(p.stem for p in HOUSE_STYLES.glob("*.toml") if not p.stem.startswith(FEATURE_STYLES))
MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
REQUIRED = ("value", "rag", "dot", "ytd")
OPTIONAL = ("status", "period_label", "polarity")
TOLERANCE = 1e-9


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=300)


def _crashed(result: subprocess.CompletedProcess) -> bool:
    return "Traceback" in result.stderr or "error: unexpected" in result.stderr


def _expectations(style: str) -> tuple[str, dict[str, dict]]:
    data = tomllib.loads((HOUSE_STYLES / f"{style}.toml").read_text("utf-8"))
    assert set(data) == {"period", "ref"}, f"{style}.toml: top-level keys must be period and ref, not {sorted(data)}"
    for ref, fields in data["ref"].items():
        missing = [k for k in REQUIRED if k not in fields]
        unknown = [k for k in fields if k not in REQUIRED + OPTIONAL]
        assert not missing and not unknown, f"{style}.toml [ref.{ref}]: missing {missing}, unknown {unknown}"
    return data["period"], data["ref"]


def _month_label(period: str) -> str:
    """``2024-10`` as the trackers' own short form, ``Oct-24``."""
    year, month = period.split("-")
    return f"{MONTH_ABBREVIATIONS[int(month) - 1]}-{year[2:]}"


def _number_differs(expected: object, got: str) -> bool:
    if expected == "":
        return got != ""
    try:
        return abs(float(got) - float(expected)) > TOLERANCE
    except ValueError:
        return True


def _mismatches(ref: str, expected: dict, row: dict[str, str], has_label: bool) -> list[str]:
    found = []

    def differs(field: str, wanted: object, got: str) -> None:
        found.append(f"{ref} {field}: expected {wanted!r}, got {got!r} (CSV period {row['period']})")

    for field in ("value", "ytd"):
        if _number_differs(expected[field], row[field]):
            differs(field, expected[field], row[field])
    for field in ("rag", "dot", "polarity"):
        if field in expected and row[field] != expected[field]:
            differs(field, expected[field], row[field])
    status = expected.get("status", "")
    allowed = status if isinstance(status, list) else [status]
    if row["status"] not in allowed:
        differs("status", status, row["status"])
    if "period_label" in expected:
        if not has_label:
            found.append(f"{ref} period_label: expected {expected['period_label']!r}, but the CSV has no "
                         "period_label column")
        elif row["period_label"] != expected["period_label"]:
            differs("period_label", expected["period_label"], row["period_label"])
    elif has_label and row["period_label"] not in ("", _month_label(row["period"])):
        differs("period_label", f"'' or {_month_label(row['period'])!r} (a monthly figure)", row["period_label"])
    return found


def _latest_rows(rows: list[dict[str, str]], period: str) -> tuple[dict[str, dict[str, str]], list[str]]:
    """Each ref's row for its latest month key at or before the report period."""
    latest: dict[str, dict[str, str]] = {}
    problems = []
    for row in rows:
        if row["period"] > period:
            continue
        best = latest.get(row["ref"])
        if best is not None and best["period"] == row["period"]:
            problems.append(f"{row['ref']}: two CSV rows for {row['period']}")
        if best is None or row["period"] > best["period"]:
            latest[row["ref"]] = row
    return latest, problems


@pytest.mark.parametrize("style", STYLES)
def test_house_style_reads_as_the_officer_meant(style, tmp_path):
    period, expected = _expectations(style)
    made = _run(str(HOUSE_STYLES / f"{style}.py"), str(tmp_path))
    assert made.returncode == 0, f"generator {style}.py failed:\n{made.stderr}"
    tracker = tmp_path / f"{style}.xlsx"

    built = _run("-m", "boardpack", "build", str(tracker), "--out", str(tmp_path / "out"), "--quiet")
    assert not _crashed(built), f"{style}: build crashed:\n{built.stderr}"
    if built.returncode != 0:
        checked = _run("-m", "boardpack", "validate", str(tracker))
        pytest.fail(f"{style}: build exited {built.returncode}; validate says:\n{checked.stderr}{checked.stdout}")

    with open(tmp_path / "out" / f"{style}.csv", encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        has_label = "period_label" in (reader.fieldnames or ())
        rows = list(reader)
    problems = []
    report_period = max((row["period"] for row in rows), default="")
    if report_period != period:
        problems.append(f"report period: expected {period}, got {report_period or 'no rows'}")
    latest, duplicates = _latest_rows(rows, period)
    problems += duplicates
    for ref in sorted(set(latest) - set(expected)):
        problems.append(f"{ref}: read as an indicator, but the tracker has no such indicator")
    for ref, fields in expected.items():
        if ref not in latest:
            problems.append(f"{ref}: no CSV row at or before {period}")
        else:
            problems += _mismatches(ref, fields, latest[ref], has_label)

    checked = _run("-m", "boardpack", "validate", str(tracker))
    assert not _crashed(checked), f"{style}: validate crashed:\n{checked.stderr}"
    errors = [line for line in checked.stderr.splitlines() if line.startswith("error")]
    if checked.returncode != 0 or errors:
        problems.append(f"validate exited {checked.returncode} with {len(errors)} error(s): " + "; ".join(errors[:5]))

    assert not problems, f"{style}: {len(problems)} mismatch(es):\n  " + "\n  ".join(problems)


def test_every_generator_has_expectations():
    generators = {p.stem for p in HOUSE_STYLES.glob("*.py")
                  if not p.stem.startswith("_") and not p.stem.startswith(FEATURE_STYLES)}
    assert generators == set(STYLES)
    assert len(STYLES) >= 9  # the control and at least eight other house styles
