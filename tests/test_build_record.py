"""The record of the last build: a re-run with nothing changed leaves the outputs as they are and says what the build
said; any change to what feeds the build, or to its outputs, makes a real build.

Builds run as a clerk runs them, as whole processes from one working folder, so what the record holds (the folder,
the interpreter's path) is the same from run to run unless a test changes it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import boardpack
import boardpack.pipeline
import boardpack.rendering
from boardpack import build_record, reader
from boardpack.exceptions import OutputError
from trackers import ROWS, write_tracker

RECORD = build_record.RECORD_NAME
HIT = "nothing that feeds this build has changed since it was built at "
OUTPUTS = ("lac.csv", "lac.html", "lac.pdf", "lac.xlsx")
HEAVY = ("openpyxl", "reportlab", "xlsxwriter", "pandas", "pikepdf", "pypdf", "boardpack.pipeline",
         "boardpack.reader", "boardpack.normalise", "boardpack.rules", "boardpack.rendering", "boardpack.render")
# The officer's arrow disagrees with the figures: a warning every build of this tracker prints.
WARNED = [list(row) for row in ROWS]
WARNED[2][16] = "↑"
# An unreadable figure in one indicator's row: an error that --keep-going builds despite, exiting 2.
FAULTY = [list(row) for row in ROWS]
FAULTY[1][8] = "abc"


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "BOARDPACK_DEBUG"}
    env.update(extra)
    return env


def run(folder, *args, env=None, command=("-m", "boardpack")):
    return subprocess.run([sys.executable, *command, *map(str, args)], capture_output=True, text=True, cwd=folder,
                          env=env or _env(), timeout=300)


def build(folder, *args, **kwargs):
    return run(folder, "build", *args, **kwargs)


def state(out: Path) -> dict[str, tuple[int, int, bytes]]:
    """Each file in the folder, the record included: which file it is, when it was written, and its bytes."""
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns, p.read_bytes()) for p in sorted(out.iterdir())}


def rebuilt(before: dict[str, tuple[int, int, bytes]], out: Path) -> bool:
    """Whether every output was published again (a new file in its place), rather than left as it was."""
    after = state(out)
    return all(name in after and after[name][0] != before[name][0] for name in OUTPUTS if name in before)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A clerk's folder: a tracker to build from, built once into ``out``."""
    write_tracker(tmp_path / "lac.xlsx", rows=WARNED)
    first = build(tmp_path, "lac.xlsx", "--out", "out")
    assert first.returncode == 0, first.stderr
    assert HIT not in first.stdout
    return tmp_path


def _answered(result: subprocess.CompletedProcess[str]) -> bool:
    return HIT in result.stdout


def test_a_rerun_leaves_every_output_untouched_and_says_what_the_build_said(tmp_path):
    write_tracker(tmp_path / "lac.xlsx", rows=WARNED)
    first = build(tmp_path, "lac.xlsx", "--out", "out")
    assert first.returncode == 0, first.stderr
    assert "warning:" in first.stderr and "indicator 6.10" in first.stderr
    before = state(tmp_path / "out")
    assert sorted(before) == [RECORD, *OUTPUTS]
    again = build(tmp_path, "lac.xlsx", "--out", "out")
    assert again.returncode == 0, again.stderr
    assert state(tmp_path / "out") == before
    assert again.stderr == first.stderr
    *said, last = again.stdout.splitlines()
    assert said == [line.replace("wrote ", "unchanged ", 1) for line in first.stdout.splitlines()]
    assert last.startswith(HIT) and last.endswith("so the outputs were left as they are; add --force to build anyway")


def test_quiet_prints_only_what_the_build_printed_under_quiet(folder):
    before = state(folder / "out")
    quiet = build(folder, "lac.xlsx", "--out", "out", "--quiet")
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")
    assert state(folder / "out") == before


def test_a_quiet_build_is_answered_in_full_when_run_again_without_quiet(tmp_path):
    write_tracker(tmp_path / "lac.xlsx", rows=WARNED)
    assert build(tmp_path, "lac.xlsx", "--out", "out", "--quiet").stdout == ""
    again = build(tmp_path, "lac.xlsx", "--out", "out")
    assert _answered(again)
    assert not [line for line in again.stdout.splitlines() if line.startswith("wrote ")]
    assert [line for line in again.stdout.splitlines() if line.startswith("unchanged ")] == [
        f"unchanged {Path('out', name)}" for name in ("lac.csv", "lac.xlsx", "lac.pdf", "lac.html")]
    assert "indicator 6.10" in again.stderr


def test_a_build_with_errors_is_answered_with_its_errors_and_exit_status(tmp_path):
    write_tracker(tmp_path / "lac.xlsx", rows=FAULTY)
    first = build(tmp_path, "lac.xlsx", "--out", "out", "--keep-going")
    assert first.returncode == 2, first.stderr
    before = state(tmp_path / "out")
    again = build(tmp_path, "lac.xlsx", "--out", "out", "--keep-going")
    assert (again.returncode, again.stderr) == (2, first.stderr)
    assert _answered(again)
    quiet = build(tmp_path, "lac.xlsx", "--out", "out", "--keep-going", "--quiet")
    assert (quiet.returncode, quiet.stdout) == (2, "")
    assert quiet.stderr.splitlines() == [line for line in first.stderr.splitlines()
                                         if line.startswith(("error:", "built with "))]
    assert "lac.xlsx › LAC › I6" in quiet.stderr
    assert state(tmp_path / "out") == before


def test_a_tracker_saved_again_unchanged_is_still_answered(folder):
    before = state(folder / "out")
    os.utime(folder / "lac.xlsx", ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    again = build(folder, "lac.xlsx", "--out", "out")
    assert _answered(again)
    assert state(folder / "out") == before


def test_a_changed_cell_makes_a_real_build(folder):
    before = state(folder / "out")
    rows = [list(row) for row in WARNED]
    rows[0][8] = 628
    write_tracker(folder / "lac.xlsx", rows=rows)
    again = build(folder, "lac.xlsx", "--out", "out")
    assert again.returncode == 0, again.stderr
    assert not _answered(again) and rebuilt(before, folder / "out")
    assert '"2019-04",628.0,' in (folder / "out" / "lac.csv").read_text(encoding="utf-8-sig")
    assert _answered(build(folder, "lac.xlsx", "--out", "out"))


@pytest.mark.parametrize("option", [("--period", "2019-03"), ("--public",), ("--keep-going",), ("--layout", "l.toml")])
def test_a_changed_option_makes_a_real_build(folder, option):
    (folder / "l.toml").write_text('title = "Looked after children"\n', encoding="utf-8")
    before = state(folder / "out")
    again = build(folder, "lac.xlsx", "--out", "out", *option)
    assert again.returncode == 0, again.stderr
    assert not _answered(again) and rebuilt(before, folder / "out")
    assert _answered(build(folder, "lac.xlsx", "--out", "out", *option))
    assert not _answered(build(folder, "lac.xlsx", "--out", "out"))


LAYOUT = 'name = "lac"\ntitle = "{title}"\nsources = ["trackers/{source}"]\n'


def _layout_folder(tmp_path: Path, source: str = "lac.xlsx") -> Path:
    (tmp_path / "trackers").mkdir()
    write_tracker(tmp_path / "trackers" / "lac.xlsx", rows=WARNED)
    (tmp_path / "layout.toml").write_text(LAYOUT.format(title="Children", source=source), encoding="utf-8")
    first = build(tmp_path, "--layout", "layout.toml", "--out", "out")
    assert first.returncode == 0, first.stderr
    assert _answered(build(tmp_path, "--layout", "layout.toml", "--out", "out"))
    return tmp_path


def test_a_changed_layout_makes_a_real_build(tmp_path):
    folder = _layout_folder(tmp_path)
    before = state(folder / "out")
    (folder / "layout.toml").write_text(LAYOUT.format(title="Children in care", source="lac.xlsx"), encoding="utf-8")
    again = build(folder, "--layout", "layout.toml", "--out", "out")
    assert again.returncode == 0, again.stderr
    assert not _answered(again) and rebuilt(before, folder / "out")


@pytest.mark.parametrize("source", ["lac.xlsx", ""])
def test_a_changed_tracker_the_layout_names_makes_a_real_build(tmp_path, source):
    """Named by the layout itself, or found in a folder the layout names."""
    folder = _layout_folder(tmp_path, source)
    before = state(folder / "out")
    rows = [list(row) for row in WARNED]
    rows[0][8] = 628
    write_tracker(folder / "trackers" / "lac.xlsx", rows=rows)
    again = build(folder, "--layout", "layout.toml", "--out", "out")
    assert again.returncode == 0, again.stderr
    assert not _answered(again) and rebuilt(before, folder / "out")


def test_a_tracker_dropped_into_a_source_folder_makes_a_real_build(tmp_path):
    (tmp_path / "trackers").mkdir()
    write_tracker(tmp_path / "trackers" / "lac.xlsx", rows=WARNED)
    assert build(tmp_path, "trackers", "--out", "out").returncode == 0
    before = state(tmp_path / "out")
    assert _answered(build(tmp_path, "trackers", "--out", "out"))
    more = [[f"9.{row[0]}", *row[1:]] for row in ROWS]
    write_tracker(tmp_path / "trackers" / "more.xlsx", rows=more)
    again = build(tmp_path, "trackers", "--out", "out")
    assert again.returncode == 0, again.stderr
    assert not _answered(again) and rebuilt(before, tmp_path / "out")
    assert "trackers/more.xlsx › LAC ›" in (tmp_path / "out" / "lac.csv").read_text(encoding="utf-8-sig")


def test_any_new_file_in_a_source_folder_makes_a_real_build(tmp_path):
    (tmp_path / "trackers").mkdir()
    write_tracker(tmp_path / "trackers" / "lac.xlsx")
    assert build(tmp_path, "trackers", "--out", "out").returncode == 0
    (tmp_path / "trackers" / "notes.txt").write_text("for the next meeting", encoding="utf-8")
    assert not _answered(build(tmp_path, "trackers", "--out", "out"))


def test_a_changed_previous_report_makes_a_real_build(folder):
    shutil.copy(folder / "out" / "lac.csv", folder / "last.csv")
    assert build(folder, "lac.xlsx", "--out", "out", "--previous", "last.csv").returncode == 0
    assert _answered(build(folder, "lac.xlsx", "--out", "out", "--previous", "last.csv"))
    with open(folder / "last.csv", "a", encoding="utf-8") as handle:
        handle.write("\n")
    assert not _answered(build(folder, "lac.xlsx", "--out", "out", "--previous", "last.csv"))


@pytest.mark.parametrize("spoil", ["delete", "edit", "truncate"])
def test_an_output_deleted_or_edited_makes_a_real_build(folder, spoil):
    pdf = folder / "out" / "lac.pdf"
    if spoil == "delete":
        pdf.unlink()
    elif spoil == "edit":
        data = bytearray(pdf.read_bytes())
        data[-10] ^= 1  # the same size, one bit different
        pdf.write_bytes(bytes(data))
    else:
        pdf.write_bytes(b"")
    before = state(folder / "out")
    again = build(folder, "lac.xlsx", "--out", "out")
    assert again.returncode == 0, again.stderr
    assert not _answered(again) and rebuilt(before, folder / "out")
    assert pdf.read_bytes().startswith(b"%PDF")


def test_force_builds_anyway(folder):
    before = state(folder / "out")
    forced = build(folder, "lac.xlsx", "--out", "out", "--force")
    assert forced.returncode == 0, forced.stderr
    assert not _answered(forced) and rebuilt(before, folder / "out")
    assert {name: data for name, (_, _, data) in state(folder / "out").items() if name != RECORD} == {
        name: data for name, (_, _, data) in before.items() if name != RECORD}
    assert _answered(build(folder, "lac.xlsx", "--out", "out"))


# Runs the command with the record's clock set to the day given as the first argument.
ON_DAY = ("-c", "import sys, datetime, boardpack.build_record as r; "
                "day = datetime.date.fromisoformat(sys.argv.pop(1)); r.today = lambda: day; "
                "from boardpack.cli import main; main()")


def test_a_record_from_another_day_makes_a_real_build(tmp_path):
    write_tracker(tmp_path / "lac.xlsx")
    assert run(tmp_path, "2031-01-02", "build", "lac.xlsx", "--out", "out", command=ON_DAY).returncode == 0
    assert _answered(run(tmp_path, "2031-01-02", "build", "lac.xlsx", "--out", "out", command=ON_DAY))
    before = state(tmp_path / "out")
    next_day = run(tmp_path, "2031-01-03", "build", "lac.xlsx", "--out", "out", command=ON_DAY)
    assert next_day.returncode == 0, next_day.stderr
    assert not _answered(next_day) and rebuilt(before, tmp_path / "out")


def test_a_change_to_boardpack_itself_makes_a_real_build(tmp_path):
    code = tmp_path / "code"
    shutil.copytree(Path(boardpack.__file__).parent, code / "boardpack",
                    ignore=shutil.ignore_patterns("__pycache__"))
    env = _env(PYTHONPATH=str(code))
    write_tracker(tmp_path / "lac.xlsx")
    assert build(tmp_path, "lac.xlsx", "--out", "out", env=env).returncode == 0
    assert _answered(build(tmp_path, "lac.xlsx", "--out", "out", env=env))
    with open(code / "boardpack" / "rules.py", "a", encoding="utf-8") as handle:
        handle.write("\n# edited\n")
    before = state(tmp_path / "out")
    again = build(tmp_path, "lac.xlsx", "--out", "out", env=env)
    assert again.returncode == 0, again.stderr
    assert not _answered(again) and rebuilt(before, tmp_path / "out")


def test_a_change_to_the_libraries_settings_makes_a_real_build(folder):
    assert not _answered(build(folder, "lac.xlsx", "--out", "out", env=_env(RL_invariant="1")))


def test_a_build_that_fails_while_writing_leaves_no_record_to_answer(folder, monkeypatch):
    out = folder / "out"
    outputs = {name: data for name, (_, _, data) in state(out).items() if name != RECORD}

    def broken(*_: object, **__: object) -> None:
        raise OutputError("cannot write (disk full)", "out")

    monkeypatch.setattr(boardpack.rendering, "render_outputs", broken)
    monkeypatch.chdir(folder)
    with pytest.raises(OutputError, match="disk full"):
        boardpack.pipeline.build(["lac.xlsx"], out_dir="out")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == outputs
    before = state(out)
    again = build(folder, "lac.xlsx", "--out", "out")
    assert again.returncode == 0, again.stderr
    assert not _answered(again) and rebuilt(before, out)


def test_a_build_that_fails_on_its_trackers_leaves_outputs_and_record_as_they_were(folder):
    before = state(folder / "out")
    saved = (folder / "lac.xlsx").read_bytes()
    write_tracker(folder / "lac.xlsx", rows=[[*ROWS[0][:3], "Sideways", *ROWS[0][4:]]])
    failed = build(folder, "lac.xlsx", "--out", "out")
    assert failed.returncode == 1 and "polarity 'Sideways'" in failed.stderr
    assert state(folder / "out") == before
    # The outputs are still those of the tracker as it was, so once it is put back the record answers for them.
    (folder / "lac.xlsx").write_bytes(saved)
    assert _answered(build(folder, "lac.xlsx", "--out", "out"))


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"record": 1, "builds": [{"inputs": 1}]}',
                                    b'{"record": 99, "builds": []}', b"[]"])
def test_a_damaged_record_means_a_real_build_never_an_error(folder, damage):
    (folder / "out" / RECORD).write_bytes(damage)
    again = build(folder, "lac.xlsx", "--out", "out")
    assert again.returncode == 0, again.stderr
    assert not _answered(again) and "error" not in again.stderr
    assert _answered(build(folder, "lac.xlsx", "--out", "out"))


def test_a_record_whose_outputs_were_tampered_with_is_not_believed(folder):
    record = json.loads((folder / "out" / RECORD).read_text(encoding="utf-8"))
    for output in record["builds"][0]["outputs"]:
        output["name"] = f"../{output['name']}"
    (folder / "out" / RECORD).write_text(json.dumps(record), encoding="utf-8")
    assert not _answered(build(folder, "lac.xlsx", "--out", "out"))


def test_each_pack_in_a_shared_folder_keeps_its_own_record(folder):
    write_tracker(folder / "other.xlsx")
    assert build(folder, "other.xlsx", "--out", "out").returncode == 0
    assert _answered(build(folder, "lac.xlsx", "--out", "out"))
    assert _answered(build(folder, "other.xlsx", "--out", "out"))
    assert len(json.loads((folder / "out" / RECORD).read_text(encoding="utf-8"))["builds"]) == 2


def test_answering_imports_no_reading_or_rendering_library(folder):
    timed = run(folder, "build", "lac.xlsx", "--out", "out", command=("-X", "importtime", "-m", "boardpack"))
    assert _answered(timed)
    imported = {line.rsplit("|", 1)[1].strip() for line in timed.stderr.splitlines() if line.startswith("import time:")}
    assert "boardpack.build_record" in imported
    assert not {name for name in imported if name.startswith(HEAVY)}


def test_the_record_reads_a_folder_as_the_reader_does(tmp_path):
    for name in ("b.xlsx", "a.XLSM", "~$b.xlsx", "notes.txt", ".xlsx", "old.xls"):
        (tmp_path / name).write_bytes(name.encode())
    (tmp_path / "inner.xlsx").mkdir()
    recorded = build_record._source(str(tmp_path))["trackers"]
    assert sorted(recorded) == [path.name for path in reader.find_trackers([tmp_path])] == ["a.XLSM", "b.xlsx"]


def test_inputs_that_cannot_be_read_are_none_and_never_answer(tmp_path):
    request = build_record.Request(("missing.xlsx",), None, None, str(tmp_path), False, None, False)
    assert build_record.inputs(request) is None
    assert build_record.find(tmp_path, None) is None


def test_every_option_of_build_that_shapes_its_outputs_is_in_the_record():
    import inspect

    from boardpack.cli import build as build_command

    options = set(inspect.signature(build_command).parameters) - {"quiet", "force"}
    assert options == set(build_record.Request._fields)
