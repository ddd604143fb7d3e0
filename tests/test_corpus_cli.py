"""Every file in the fault corpus, through the real `boardpack validate` command.

Each must give a one-line error naming the file (and sheet and cell where there is one), a non-zero exit,
and never a traceback. Cases live in tests/corpus/expected.toml (whole files) and
tests/corpus/trackers/expected.toml (tracker contents).
"""

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

CORPUS = Path(__file__).parent / "corpus"
FILE_CASES = [
    c for c in tomllib.loads((CORPUS / "expected.toml").read_text("utf-8"))["case"] if c["outcome"] == "error"
]
TRACKER_CASES = tomllib.loads((CORPUS / "trackers" / "expected.toml").read_text("utf-8"))["case"]


def validate(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "boardpack", "validate", str(path)],
                          capture_output=True, text=True, timeout=120)


def _error_lines(result):
    assert "Traceback" not in result.stderr, result.stderr
    return [line for line in result.stderr.splitlines() if line.startswith("error")]


@pytest.mark.parametrize("case", FILE_CASES, ids=[c["file"] for c in FILE_CASES])
def test_broken_files(case):
    result = validate(CORPUS / case["file"])
    assert result.returncode == 1
    lines = _error_lines(result)
    assert len(lines) == 1 and case["file"] in lines[0] and case["message"] in lines[0], result.stderr


@pytest.mark.parametrize("case", TRACKER_CASES, ids=[c["file"] for c in TRACKER_CASES])
def test_broken_trackers(case):
    result = validate(CORPUS / "trackers" / case["file"])
    assert result.returncode == 1
    lines = _error_lines(result)
    assert any(case["where"] in line and case["message"] in line for line in lines), result.stderr


def test_every_tracker_in_the_corpus_has_a_case():
    listed = {c["file"] for c in TRACKER_CASES}
    assert {p.name for p in (CORPUS / "trackers").glob("*.xlsx")} == listed
