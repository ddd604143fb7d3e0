"""The benchmark script's own arithmetic and verdicts, without timing a build."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
if str(BENCHMARKS) not in sys.path:
    sys.path.append(str(BENCHMARKS))  # run.py imports its sibling synthetic.py, as when run as a script
_SPEC = importlib.util.spec_from_file_location("benchmark_run", BENCHMARKS / "run.py")
assert _SPEC is not None and _SPEC.loader is not None
bench = importlib.util.module_from_spec(_SPEC)
sys.modules["benchmark_run"] = bench
_SPEC.loader.exec_module(bench)

MB = 1024 ** 2
LINUX = sys.platform.startswith("linux")


def run(seconds, cpu=None, peak_mb=100):
    return bench.Run(seconds, seconds if cpu is None else cpu, peak_mb * MB)


def pair(reference, measured, reference_cpu=None, measured_cpu=None):
    return bench.Pair(run(reference, reference_cpu), run(measured, measured_cpu))


def test_a_ratio_is_the_median_of_the_pairs_ratios_not_the_ratio_of_the_medians():
    # A slow moment that falls on a whole pair (the third) moves neither the pair's ratio nor the median.
    pairs = [pair(1.0, 1.0), pair(1.0, 5.0), pair(3.0, 4.0)]
    assert bench.median_ratio(pairs) == pytest.approx(4 / 3)
    assert bench.median_ratio([pair(1.0, 2.0, 1.0, 3.0), pair(1.0, 2.0, 1.0, 5.0)], cpu=True) == pytest.approx(4.0)
    with pytest.raises(ValueError):
        bench.median_ratio([])


def test_a_check_is_met_up_to_its_limit_and_never_with_a_problem():
    assert bench.Check("growth", 4.2, 4.2, "×").met
    assert not bench.Check("growth", 4.21, 4.2, "×").met
    assert not bench.Check("re-run", 0.1, 0.5, "×", problem="outputs rewritten").met
    assert bench.exit_status([bench.Check("a", 1, 2, "s"), bench.Check("b", 3, 4, "MB")]) == 0
    assert bench.exit_status([bench.Check("a", 1, 2, "s"), bench.Check("b", 5, 4, "MB")]) == 1


def test_the_table_gives_each_verdict_and_explains_a_problem_under_it():
    lines = bench.table([
        bench.Check("build 1,000 / floor, both cores", 3.2, 3.5, "×", "4.10×"),
        bench.Check("peak memory, build 4,000", 412.4, 400, "MB"),
        bench.Check("re-run", 0.2, 0.5, "×", problem="out.pdf rewritten"),
    ])
    assert lines[1].split() == ["build", "1,000", "/", "floor,", "both", "cores", "3.20×", "≤", "3.50×", "met",
                                "4.10×"]
    assert "412 MB" in lines[2] and "≤ 400 MB" in lines[2] and lines[2].rstrip().endswith("MISSED")
    assert "MISSED (1)" in lines[3] and lines[-1] == "(1) out.pdf rewritten"
    assert len({line.index("≤") for line in lines[1:4]}) == 1  # the targets line up


def results(**overrides):
    """Runs that meet every target, with some replaced."""
    pairs = {
        bench.BOTH: [pair(0.35, 1.1)] * 3,
        bench.ONE: [pair(0.35, 1.9)] * 3,
        bench.GROWTH: [pair(1.1, 4.2)] * 3,
        bench.RERUN: [pair(0.35, 0.1)] * 3,
        bench.VALIDATE: [pair(0.35, 0.5)] * 3,
    }
    runs = {"build 4,000": [run(4.2, peak_mb=390)] * 3, bench.HELP: [run(0.08)] * 3}
    rerun_changes = overrides.pop("rerun_changes", [])
    for name, value in overrides.items():
        (runs if name in runs else pairs)[name] = value
    return bench.Results(runs, pairs, rerun_changes)


BOTH_CPUS = bench.Cpus(frozenset({0, 1}), frozenset({0}))


def verdicts(checks):
    return {check.measure: check.met for check in checks}


def test_runs_within_every_target_exit_0():
    checks = bench.evaluate(results(), BOTH_CPUS)
    assert all(verdicts(checks).values()) and len(checks) == 7
    assert bench.exit_status(checks) == 0


@pytest.mark.parametrize(("override", "missed"), [
    ({bench.BOTH: [pair(0.35, 1.3)] * 3}, "build 1,000 / floor, both cores"),
    ({bench.ONE: [pair(0.3, 1.9)] * 3}, "build 1,000 / floor, one core"),
    ({bench.GROWTH: [pair(1.0, 4.3)] * 3}, "build 4,000 / build 1,000"),
    ({"build 4,000": [run(4.2, peak_mb=390), run(4.2, peak_mb=401)]}, "peak memory, build 4,000"),
    ({bench.HELP: [run(0.21)] * 3}, "boardpack --help"),
    ({bench.VALIDATE: [pair(0.35, 0.6)] * 3}, "validate 1,000 / floor"),
    ({bench.RERUN: [pair(0.35, 0.2)] * 3}, "re-run 1,000 / floor, nothing changed"),
    ({"rerun_changes": ["round 2: x.pdf rewritten"]}, "re-run 1,000 / floor, nothing changed"),
])
def test_one_missed_target_is_marked_and_exits_1(override, missed):
    checks = bench.evaluate(results(**override), BOTH_CPUS)
    assert [name for name, met in verdicts(checks).items() if not met] == [missed]
    assert bench.exit_status(checks) == 1


def test_a_case_this_machine_cannot_run_is_not_met():
    one_cpu = bench.Cpus(None, frozenset({0}), both_problem="only CPU 0 is available here")
    checks = bench.evaluate(results(), one_cpu)
    assert [check.measure for check in checks if not check.met] == ["build 1,000 / floor, both cores"]
    assert bench.table(checks)[-1] == "(1) only CPU 0 is available here"


def test_a_re_run_must_leave_every_output_as_it_was(tmp_path):
    for name in ("pack.csv", "pack.pdf", "pack.xlsx"):
        (tmp_path / name).write_bytes(name.encode())
    (tmp_path / ".boardpack-build.json").write_text("{}")
    before = bench.snapshot(tmp_path)
    assert sorted(before) == ["pack.csv", "pack.pdf", "pack.xlsx"]  # a build's own dotfile is not an output
    (tmp_path / ".boardpack-build.json").write_text('{"again": true}')
    assert bench.changes(before, bench.snapshot(tmp_path)) == []

    stamp = (tmp_path / "pack.pdf").stat().st_mtime_ns
    (tmp_path / "pack.pdf").write_bytes(b"pack.pdf")  # the same bytes, written again
    os.utime(tmp_path / "pack.pdf", ns=(stamp + 10 ** 9, stamp + 10 ** 9))
    (tmp_path / "pack.xlsx").write_bytes(b"other")
    (tmp_path / "pack.csv").unlink()
    (tmp_path / "pack.html").write_text("new")
    assert bench.changes(before, bench.snapshot(tmp_path)) == [
        "pack.csv removed", "pack.html added", "pack.pdf rewritten", "pack.xlsx changed"]


def test_a_file_replaced_by_one_with_the_same_bytes_and_time_is_rewritten(tmp_path):
    path = tmp_path / "pack.pdf"
    path.write_bytes(b"%PDF")
    before = bench.snapshot(tmp_path)
    stamp = path.stat().st_mtime_ns
    (tmp_path / "new").write_bytes(b"%PDF")
    (tmp_path / "new").replace(path)
    os.utime(path, ns=(stamp, stamp))
    assert bench.changes(before, bench.snapshot(tmp_path)) == ["pack.pdf rewritten"]


@pytest.mark.skipif(not LINUX, reason="ru_maxrss of waited-for children and CPU affinity are Linux's")
def test_a_process_is_measured_with_the_children_it_waits_for():
    # As the build forks a process to render some outputs and waits for it: the child's memory must count.
    forks = ("import os\npid = os.fork()\nif pid == 0:\n    data = b'x' * (96 * 1024 * 1024)\n    os._exit(0)\n"
             "os.waitpid(pid, 0)\n")
    assert bench.run_process([sys.executable, "-c", forks]).peak_bytes >= 96 * MB


@pytest.mark.skipif(not LINUX, reason="CPU affinity is Linux's")
def test_a_process_runs_on_the_cpus_it_is_given():
    cpu = min(os.sched_getaffinity(0))
    pinned = f"import os, sys\nsys.exit(os.sched_getaffinity(0) != {{{cpu}}})\n"
    bench.run_process([sys.executable, "-c", pinned], frozenset({cpu}))  # exits non-zero on other CPUs
    if len(os.sched_getaffinity(0)) > 1:
        with pytest.raises(SystemExit, match="failed with status 1"):
            bench.run_process([sys.executable, "-c", pinned])


FAKE_SECONDS = {"floor": 0.4, "build 1000": 1.2, "build 4000": 4.8, "serial build 1000": 2.0, "re-run": 0.1,
                "validate": 0.5, "--help": 0.1}


class FakeMachine:
    """Stands in for ``run_process``: times by what a command runs, and a build that writes its outputs."""

    def __init__(self, rerun_rewrites=False):
        self.rerun_rewrites = rerun_rewrites
        self.ran = []

    def __call__(self, command, cpus=None):
        command = [str(part) for part in command]
        kind = "floor" if command[1].endswith("floor.py") else command[-1] if command[-1] == "--help" else None
        if "validate" in command:
            kind = "validate"
        elif "build" in command:
            out = Path(command[command.index("--out") + 1])
            fresh = not out.exists()
            kind = (("serial " if cpus == frozenset({0}) else "") + f"build {1000 if '1000' in out.name else 4000}"
                    if fresh else "re-run")
            if fresh or self.rerun_rewrites:
                out.mkdir(exist_ok=True)
                for suffix in bench.OUTPUT_SUFFIXES:
                    (out / f"pack{suffix}").write_text(f"{kind} {len(self.ran)}")
                (out / ".boardpack-build.json").write_text(str(len(self.ran)))
        self.ran.append((kind, cpus))
        seconds = FAKE_SECONDS[kind]
        return bench.Run(seconds, seconds * 1.5, (300 if "build" in kind else 60) * MB)


def fake_bench(tmp_path, monkeypatch, machine):
    monkeypatch.setattr(bench, "run_process", machine)
    trackers = {1000: tmp_path / "synthetic_1000.xlsx", 4000: tmp_path / "synthetic_4000.xlsx"}
    return bench.Bench(trackers, tmp_path, BOTH_CPUS)


def test_rounds_run_each_pair_back_to_back_swapping_its_order(tmp_path, monkeypatch, capsys):
    machine = FakeMachine()
    results = bench.measure(fake_bench(tmp_path, monkeypatch, machine), 2)
    kinds = [kind for kind, _ in machine.ran]
    warm_up, first, second = kinds[:10], kinds[10:20], kinds[20:]
    assert warm_up == first == [
        "floor", "build 1000", "build 4000", "floor", "re-run", "floor", "serial build 1000", "floor", "validate",
        "--help"]
    assert second == [
        "build 4000", "build 1000", "floor", "re-run", "floor", "serial build 1000", "floor", "validate", "floor",
        "--help"]
    one_core = frozenset({0})
    # The serial build and its floor, back to back, on the one CPU; everything else on the two.
    assert [(kind, index % 10) for index, (kind, cpus) in enumerate(machine.ran) if cpus == one_core] == [
        ("floor", 5), ("serial build 1000", 6)] * 2 + [("serial build 1000", 5), ("floor", 6)]
    assert {cpus for _, cpus in machine.ran if cpus != one_core} == {frozenset({0, 1})}
    assert {name: len(pairs) for name, pairs in results.pairs.items()} == dict.fromkeys(
        [bench.BOTH, bench.ONE, bench.GROWTH, bench.RERUN, bench.VALIDATE], 2)
    assert results.rerun_changes == []
    checks = bench.evaluate(results, BOTH_CPUS)
    assert [round(check.value, 2) for check in checks] == [3.0, 5.0, 4.0, 300, 0.1, 1.25, 0.25]
    assert bench.exit_status(checks) == 0
    assert "round 2/2: both cores 3.00×, one core 5.00×, growth 4.00×" in capsys.readouterr().out


def test_a_re_run_that_rewrites_the_outputs_is_missed_whatever_its_time(tmp_path, monkeypatch):
    results = bench.measure(fake_bench(tmp_path, monkeypatch, FakeMachine(rerun_rewrites=True)), 1)
    assert results.rerun_changes == ["round 1: pack.csv changed, pack.html changed, pack.pdf changed, "
                                     "pack.xlsx changed"]
    check = bench.evaluate(results, BOTH_CPUS)[-1]
    assert check.value == pytest.approx(0.25) and not check.met


def test_the_printout_says_whether_the_floor_imports_numpy():
    # openpyxl imports NumPy whenever it is installed, which makes the floor slower: the reader must know which.
    versions = {"openpyxl": "3.1.5", "numpy": "2.3.4"}
    assert bench.floor_libraries(versions.get) == (
        "floor: openpyxl 3.1.5, which imports NumPy 2.3.4 because it is installed")
    assert bench.floor_libraries({"openpyxl": "3.1.5"}.get) == "floor: openpyxl 3.1.5; NumPy is not installed"
    assert bench.floor_libraries().startswith("floor: openpyxl ")
