"""The command line end to end: exit codes, one-line errors, outputs, help and README coverage."""

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from boardpack.cli import app
from trackers import ROWS, write_tracker

ROOT = Path(__file__).resolve().parent.parent


def run(*args, cwd=None):
    env = {k: v for k, v in os.environ.items() if k != "BOARDPACK_DEBUG"}
    return subprocess.run(
        [sys.executable, "-m", "boardpack.cli", *map(str, args)],
        capture_output=True, text=True, cwd=cwd or ROOT, env=env, timeout=300,
    )


def _assert_one_line_error(result, *fragments):
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error")]
    assert errors, result.stderr
    for fragment in fragments:
        assert any(fragment in line for line in errors), result.stderr


def test_build_writes_all_outputs(tmp_path):
    tracker = write_tracker(tmp_path / "lac.xlsx")
    result = run("build", tracker, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    # Beside the outputs, the record of what fed the build (build_record), so a re-run with nothing changed is quick.
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        ".boardpack-build.json", "lac.csv", "lac.html", "lac.pdf", "lac.xlsx"]


def test_an_enormous_figure_builds_and_prints_whole(tmp_path):
    rows = [list(row) for row in ROWS]
    rows[0][8] = 1e30  # 6.1's April count: a typing slip an officer could make
    tracker = write_tracker(tmp_path / "lac.xlsx", rows=rows)
    result = run("build", tracker, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    with open(tmp_path / "out" / "lac.csv", newline="", encoding="utf-8-sig") as handle:
        april = next(r for r in csv.DictReader(handle) if (r["ref"], r["period"]) == ("6.1", "2019-04"))
    assert float(april["value"]) == 1e30


def test_csv_is_tidy_with_fractions(tmp_path):
    tracker = write_tracker(tmp_path / "lac.xlsx")
    assert run("build", tracker, "--out", tmp_path).returncode == 0
    with open(tmp_path / "lac.csv", newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    required = {"ref", "indicator", "section", "period", "value", "numerator", "denominator", "status", "unit",
                "polarity", "rag", "dot", "ytd"}
    assert required <= set(rows[0])
    by_key = {(r["ref"], r["period"]): r for r in rows}
    april = by_key[("6.8", "2019-04")]
    assert float(april["value"]) == pytest.approx(114 / 122)
    assert (april["numerator"], april["denominator"], april["rag"], april["dot"]) == ("114", "122", "amber", "improved")
    assert float(by_key[("6.10", "2019-04")]["value"]) == pytest.approx(0.763)
    assert float(by_key[("8.2", "2019-02")]["value"]) == pytest.approx(0.14)
    assert by_key[("6.1", "2019-04")]["dot"] == "down"
    assert by_key[("6.1", "2019-02")]["dot"] == ""
    assert by_key[("6.8", "2019-04")]["source"].endswith("lac.xlsx › LAC › I6")


def test_validate_lists_every_problem_and_exits_1(tmp_path):
    rows = [list(r) for r in ROWS]
    rows[0][3] = "Sideways"
    rows[1][8] = "abc"
    result = run("validate", write_tracker(tmp_path / "t.xlsx", rows=rows))
    assert result.returncode == 1
    assert "t.xlsx › LAC › D5: polarity 'Sideways'" in result.stderr
    assert "t.xlsx › LAC › I6: holds the text 'abc'" in result.stderr
    assert "2 errors" in result.stdout


def test_validate_clean_tracker_exits_0_and_strict_fails_on_warnings(tmp_path):
    tracker = write_tracker(tmp_path / "t.xlsx")
    assert run("validate", tracker).returncode == 0
    rows = [list(r) for r in ROWS]
    rows[2][16] = "↑"  # the officer's arrow disagrees with the figures
    noisy = write_tracker(tmp_path / "noisy.xlsx", rows=rows)
    assert run("validate", noisy).returncode == 0
    strict = run("validate", noisy, "--strict")
    assert strict.returncode == 1 and "indicator 6.10" in strict.stderr


def test_failed_build_leaves_previous_outputs_untouched(tmp_path):
    tracker = write_tracker(tmp_path / "lac.xlsx")
    out = tmp_path / "out"
    assert run("build", tracker, "--out", out).returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    rows = [list(r) for r in ROWS]
    rows[1][8] = "abc"
    write_tracker(tmp_path / "lac.xlsx", rows=rows)
    _assert_one_line_error(run("build", tracker, "--out", out), "lac.xlsx › LAC › I6")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


@pytest.mark.parametrize(
    ("content", "fragment"),
    [(b"not a workbook", "is not an Excel workbook"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, ".xls")],
)
def test_bad_files_give_one_line(tmp_path, content, fragment):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(content)
    _assert_one_line_error(run("build", path, "--out", tmp_path / "out"), "bad.xlsx", fragment)
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_bad_period_and_missing_file(tmp_path):
    tracker = write_tracker(tmp_path / "t.xlsx")
    _assert_one_line_error(run("build", tracker, "--period", "April"), "--period 'April'")
    _assert_one_line_error(run("build", tmp_path / "missing.xlsx"), "missing.xlsx: no such file or folder")


def test_template_then_validate(tmp_path):
    target = tmp_path / "new.xlsx"
    assert run("template", target).returncode == 0
    assert run("validate", target).returncode == 0
    _assert_one_line_error(run("template", target), "already exists")


def _commands():
    return sorted(command.name or command.callback.__name__ for command in app.registered_commands)


def test_every_command_has_help_with_an_example():
    for command in app.registered_commands:
        doc = command.callback.__doc__ or ""
        assert doc.strip(), f"{command.callback.__name__} has no help"
        assert "Example:" in doc and "boardpack " in doc.split("Example:")[1], command.callback.__name__
        result = run(command.name or command.callback.__name__, "--help")
        assert result.returncode == 0 and "Example" in result.stdout


def test_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in _commands():
        assert f"boardpack {name}" in readme, f"README does not document `boardpack {name}`"


def test_every_option_is_in_the_readme_and_the_help():
    import typer.main

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    group = typer.main.get_command(app)
    for name, command in group.commands.items():
        helped = run(name, "--help").stdout
        for param in command.params:
            for option in (o for o in param.opts if o.startswith("--") and o != "--help"):
                assert option in readme, f"README does not document `boardpack {name} {option}`"
                assert option in helped, f"`boardpack {name} --help` does not list {option}"


def test_two_builds_into_one_folder_at_once_both_finish_whole(tmp_path):
    import openpyxl
    from pypdf import PdfReader

    tracker = write_tracker(tmp_path / "lac.xlsx")
    out = tmp_path / "out"
    env = {k: v for k, v in os.environ.items() if k != "BOARDPACK_DEBUG"}
    command = [sys.executable, "-m", "boardpack", "build", str(tracker), "--out", str(out), "--quiet"]
    builds = [subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for build in builds:
        _, stderr = build.communicate(timeout=300)
        assert build.returncode == 0, stderr
    assert sorted(p.name for p in out.iterdir()) == [".boardpack-build.json", "lac.csv", "lac.html", "lac.pdf",
                                                     "lac.xlsx"]
    with pytest.warns(UserWarning, match="Sparkline"):  # openpyxl reads the scorecard but not its sparklines
        openpyxl.load_workbook(out / "lac.xlsx").close()
    assert len(PdfReader(out / "lac.pdf").pages) > 1
    assert (out / "lac.csv").read_text(encoding="utf-8-sig").startswith('"ref","indicator","section","period"')


def test_version_comes_from_the_package_metadata():
    from importlib.metadata import PackageNotFoundError, version

    try:
        expected = version("boardpack")
    except PackageNotFoundError:
        from boardpack import __version__ as expected
    result = run("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"boardpack {expected}\n"


def test_help_examples_stay_whole_at_80_columns():
    """Help text is rewrapped to the terminal; an example must not break, least of all at a path's hyphen."""
    env = {k: v for k, v in os.environ.items() if k != "BOARDPACK_DEBUG"}
    env["COLUMNS"] = "80"
    for name in _commands():
        command = next(c for c in app.registered_commands if (c.name or c.callback.__name__) == name)
        example = next(line.strip() for line in command.callback.__doc__.split("Example:")[1].splitlines()
                       if line.strip().startswith("boardpack "))
        result = subprocess.run([sys.executable, "-m", "boardpack.cli", name, "--help"], capture_output=True,
                                text=True, cwd=ROOT, env=env, timeout=60)
        assert result.returncode == 0, result.stderr
        assert example in [line.strip() for line in result.stdout.splitlines()], (name, result.stdout)


SOURCE_LAYOUT = 'name = "lac-pack"\nsources = ["../trackers/lac.xlsx"]\n'


def _sources_in(csv_path: Path) -> set[str]:
    with open(csv_path, newline="", encoding="utf-8-sig") as handle:
        return {row["source"].split(" › ")[0] for row in csv.DictReader(handle)}


@pytest.mark.parametrize(
    ("folder", "arguments", "expected"),
    [
        (".", ["--layout", "layouts/lac.toml"], "trackers/lac.xlsx"),
        (".", ["trackers/lac.xlsx"], "trackers/lac.xlsx"),
        ("layouts", ["--layout", "lac.toml"], "../trackers/lac.xlsx"),
        ("layouts", ["../trackers/lac.xlsx"], "../trackers/lac.xlsx"),
        ("layouts", ["{root}/trackers/lac.xlsx"], "../trackers/lac.xlsx"),
        ("trackers", ["--layout", "{root}/layouts/lac.toml"], "lac.xlsx"),
    ],
)
def test_sources_are_named_from_the_folder_the_build_ran_in(tmp_path, folder, arguments, expected):
    """However the trackers were named (layout, relative or absolute path), the CSV names them one way."""
    (tmp_path / "trackers").mkdir()
    write_tracker(tmp_path / "trackers" / "lac.xlsx")
    (tmp_path / "layouts").mkdir()
    (tmp_path / "layouts" / "lac.toml").write_text(SOURCE_LAYOUT, encoding="utf-8")
    here = (tmp_path / folder).resolve()
    out = tmp_path / "out"
    result = run("build", *[a.format(root=tmp_path) for a in arguments], "--out", out, "--quiet", cwd=here)
    assert result.returncode == 0, result.stderr
    (csv_path,) = out.glob("*.csv")
    assert _sources_in(csv_path) == {expected}
    assert (here / expected).resolve() == (tmp_path / "trackers" / "lac.xlsx").resolve()


def test_main_ends_with_system_exit_so_a_program_calling_it_carries_on(monkeypatch, tmp_path, capsys):
    from boardpack.cli import main

    monkeypatch.setattr(sys, "argv", ["boardpack", "validate", str(tmp_path / "missing.xlsx")])
    with pytest.raises(SystemExit) as ended:
        main()
    assert ended.value.code == 1
    assert capsys.readouterr().err.startswith("error:")


def test_the_program_ends_once_everything_it_printed_has_gone_out(tmp_path):
    # The program skips the interpreter's teardown: what it printed must still arrive whole, and the status too,
    # through pipes (as here) and by way of the installed command and python -m boardpack alike.
    tracker = write_tracker(tmp_path / "lac.xlsx")
    commands = [[sys.executable, "-m", "boardpack"], [sys.executable, "-m", "boardpack.cli"]]
    script = Path(sys.executable).with_name("boardpack")
    if script.exists():
        commands.append([str(script)])
    for number, command in enumerate(commands):
        built = subprocess.run([*command, "build", str(tracker), "--out", str(tmp_path / f"out{number}")],
                               capture_output=True, text=True, timeout=300)
        assert built.returncode == 0, built.stderr
        assert built.stdout.rstrip().splitlines()[-1].startswith("wrote "), built.stdout
        missing = subprocess.run([*command, "validate", str(tmp_path / "missing.xlsx")], capture_output=True,
                                 text=True, timeout=300)
        assert missing.returncode == 1
        assert missing.stderr.startswith("error:") and missing.stderr.endswith("\n"), missing.stderr


def test_the_program_exits_with_the_status_the_interpreter_would_give(capsys):
    from boardpack.cli import _exit_status

    assert [_exit_status(code) for code in (None, 0, 2, 130)] == [0, 0, 2, 130]
    assert _exit_status("stopped") == 1
    assert capsys.readouterr().err == "stopped\n"


def test_the_program_imports_its_modules_with_the_collector_paused_and_runs_the_command_with_it_on(monkeypatch):
    import gc
    import importlib.abc
    import importlib.util

    from boardpack import program

    seen: dict[str, bool] = {}

    class Command(importlib.abc.Loader):
        def create_module(self, spec):
            return None

        def exec_module(self, module):
            seen["importing"] = gc.isenabled()

            def run() -> None:
                seen["running"] = gc.isenabled()
                raise SystemExit(0)

            module.run = run

    class Finder(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path, target=None):
            return importlib.util.spec_from_loader(name, Command()) if name == "boardpack.cli" else None

    import boardpack

    # Both put back afterwards: importing the stand-in sets the package's attribute as well as sys.modules.
    monkeypatch.setattr(boardpack, "cli", sys.modules["boardpack.cli"])
    monkeypatch.delitem(sys.modules, "boardpack.cli")
    monkeypatch.setattr(sys, "meta_path", [Finder(), *sys.meta_path])
    assert gc.isenabled()
    with pytest.raises(SystemExit):
        program.run()
    assert seen == {"importing": False, "running": True}
