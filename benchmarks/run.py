"""How long a build takes against the cost of just reading the tracker, and how it grows.

    .venv/bin/python benchmarks/run.py             # 5 timed runs of each measurement
    .venv/bin/python benchmarks/run.py --quick     # 2 runs, for a rough look
    .venv/bin/python benchmarks/run.py --runs 9 --workdir /tmp/boardpack-bench

Writes two seeded synthetic trackers (see ``synthetic.py``): 1,000 indicators (10 sheets × 100) and
4,000 (40 sheets × 100). Every measurement is a whole, fresh process, timed from start to exit, so it
includes starting Python and importing libraries, as a clerk's build does:

- the floor: ``floor.py``, a bare read-only openpyxl pass touching every cell of the tracker;
- the build: ``boardpack build TRACKER --out DIR --quiet``, writing the CSV, Excel, PDF and HTML outputs;
- start-up: ``boardpack --help``.

After one untimed warm-up of each, the measurements are taken in turn, round after round, so a slow
moment on the machine falls on all of them alike; the medians and their ratios are printed against the
targets. Each process's CPU time (user + system) is printed beside its wall time: on a shared machine it
is the steadier of the two. Peak memory is the largest resident set of any 4,000-indicator build process.
Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import synthetic

HERE = Path(__file__).resolve().parent
SIZES = {1000: (10, 100), 4000: (40, 100)}
TARGET_BUILD_OVER_FLOOR = 5.0
TARGET_GROWTH = 4.4
TARGET_PEAK_BYTES = 1024 ** 3
TARGET_HELP_SECONDS = 0.5
OUTPUT_SUFFIXES = (".csv", ".html", ".xlsx", ".pdf")


@dataclass(frozen=True)
class Run:
    seconds: float  # wall time, start to exit
    cpu_seconds: float  # user + system time of the process
    peak_bytes: int  # largest resident set


@dataclass
class Measurement:
    label: str
    runs: list[Run] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(run.seconds for run in self.runs)

    @property
    def cpu_median(self) -> float:
        return statistics.median(run.cpu_seconds for run in self.runs)

    @property
    def peak_bytes(self) -> int:
        return max(run.peak_bytes for run in self.runs)

    def summary(self) -> str:
        walls = [run.seconds for run in self.runs]
        spread = f"({min(walls):.2f}–{max(walls):.2f} s)"
        return (f"{self.label:<18} {self.median:7.2f} s  {spread:<15}  cpu {self.cpu_median:7.2f} s  "
                f"peak {self.peak_bytes / 1024 ** 2:5.0f} MB")


def boardpack_command() -> list[str]:
    """The ``boardpack`` script installed next to this Python, as a clerk runs it."""
    script = Path(sys.executable).with_name("boardpack")
    return [str(script)] if script.exists() else [sys.executable, "-m", "boardpack"]


def run_process(command: Sequence[str]) -> Run:
    """Run a command to completion and say what it took.

    ``os.wait4`` gives the resource use of this one child; ``getrusage(RUSAGE_CHILDREN)`` would give the
    largest of every child so far.
    """
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            log.seek(0)
            raise SystemExit(f"{' '.join(command)} failed with status {process.returncode}:\n"
                             f"{log.read().decode(errors='replace')}")
    # Linux reports ru_maxrss in kilobytes (macOS in bytes).
    scale = 1 if sys.platform == "darwin" else 1024
    return Run(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * scale)


def write_trackers(workdir: Path) -> dict[int, Path]:
    trackers = {}
    for indicators, (sheets, per_sheet) in SIZES.items():
        path = workdir / f"synthetic_{indicators}.xlsx"
        synthetic.write_tracker(path, sheets, per_sheet)
        trackers[indicators] = path
    return trackers


def check_trackers(trackers: dict[int, Path]) -> None:
    """A benchmark of a tracker boardpack refuses would time the wrong thing: each must validate cleanly."""
    for path in trackers.values():
        result = subprocess.run([*boardpack_command(), "validate", str(path)], capture_output=True, text=True)
        if result.returncode != 0 or not result.stdout.strip().endswith("0 errors, 0 warnings"):
            raise SystemExit(f"the synthetic tracker {path} does not validate cleanly:\n{result.stdout}{result.stderr}")


def build_once(tracker: Path, out: Path) -> Run:
    shutil.rmtree(out, ignore_errors=True)
    run = run_process([*boardpack_command(), "build", str(tracker), "--out", str(out), "--quiet"])
    written = sorted(p.suffix for p in out.iterdir())
    if written != sorted(OUTPUT_SUFFIXES):
        raise SystemExit(f"build of {tracker} wrote {written}, not one each of {OUTPUT_SUFFIXES}")
    return run


def measure(trackers: dict[int, Path], workdir: Path, runs: int) -> dict[str, Measurement]:
    floor_script = str(HERE / "floor.py")
    steps = {}
    for indicators, tracker in trackers.items():
        steps[f"floor {indicators:,}"] = lambda t=tracker: run_process([sys.executable, floor_script, str(t)])
        steps[f"build {indicators:,}"] = lambda t=tracker, n=indicators: build_once(t, workdir / f"out_{n}")
    steps["boardpack --help"] = lambda: run_process([*boardpack_command(), "--help"])
    for step in steps.values():  # warm-up: file cache, compiled bytecode
        step()
    results = {label: Measurement(label) for label in steps}
    for round_number in range(1, runs + 1):
        for label, step in steps.items():
            results[label].runs.append(step())
        print(f"  round {round_number}/{runs}: "
              + ", ".join(f"{label} {results[label].runs[-1].seconds:.2f} s" for label in steps), flush=True)
    return results


def report(results: dict[str, Measurement], trackers: dict[int, Path], runs: int) -> bool:
    print()
    print(f"boardpack benchmark: median of {runs} runs, whole processes")
    print(f"machine: {os.cpu_count()} CPUs, {platform.system()} {platform.machine()}, "
          f"Python {platform.python_version()}")
    for indicators, path in trackers.items():
        sheets, per_sheet = SIZES[indicators]
        print(f"tracker {indicators:,} indicators: {sheets} sheets × {per_sheet}, twelve months, "
              f"{path.stat().st_size / 1024:.0f} KB")
    print()
    for measurement in results.values():
        print(measurement.summary())
    floor, build_1000, build_4000 = results["floor 1,000"], results["build 1,000"], results["build 4,000"]
    over_floor = build_1000.median / floor.median
    growth = build_4000.median / build_1000.median
    peak = build_4000.peak_bytes
    start_up = results["boardpack --help"].median
    checks = [
        ("build(1,000) / floor(1,000)", f"{over_floor:.2f}×", f"≤ {TARGET_BUILD_OVER_FLOOR:g}×",
         over_floor <= TARGET_BUILD_OVER_FLOOR, f"cpu {build_1000.cpu_median / floor.cpu_median:.2f}×"),
        ("build(4,000) / build(1,000)", f"{growth:.2f}×", f"≤ {TARGET_GROWTH:g}×", growth <= TARGET_GROWTH,
         f"cpu {build_4000.cpu_median / build_1000.cpu_median:.2f}×"),
        ("peak memory, build(4,000)", f"{peak / 1024 ** 2:.0f} MB", "< 1 GB", peak < TARGET_PEAK_BYTES, ""),
        ("boardpack --help", f"{start_up:.2f} s", f"< {TARGET_HELP_SECONDS:g} s", start_up < TARGET_HELP_SECONDS,
         ""),
    ]
    print()
    for name, value, target, met, cpu in checks:
        print(f"{name:<28} {value:>8}   target {target:<7} {'met   ' if met else 'MISSED'}   {cpu}".rstrip())
    print("(ratios are of wall-time medians, as the targets are set; the cpu ratios beside them are of user + "
          "system time, which other work on a shared machine disturbs less)")
    return all(met for *_, met, _ in checks)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each measurement (default 5)")
    parser.add_argument("--quick", action="store_true", help="2 timed runs, for a rough look")
    parser.add_argument("--workdir", type=Path, help="keep the trackers and outputs here (default: a temporary "
                        "folder, removed afterwards)")
    args = parser.parse_args(argv)
    runs = 2 if args.quick else args.runs
    if runs < 1:
        parser.error("--runs must be at least 1")
    if args.workdir is not None:
        args.workdir.mkdir(parents=True, exist_ok=True)
        workdir, cleanup = args.workdir, None
    else:
        cleanup = tempfile.TemporaryDirectory(prefix="boardpack-bench-")
        workdir = Path(cleanup.name)
    try:
        print(f"writing synthetic trackers into {workdir}", flush=True)
        trackers = write_trackers(workdir)
        check_trackers(trackers)
        print(f"timing {runs} run{'s' if runs != 1 else ''} of each, after one warm-up", flush=True)
        results = measure(trackers, workdir, runs)
        return 0 if report(results, trackers, runs) else 1
    finally:
        if cleanup is not None:
            cleanup.cleanup()


if __name__ == "__main__":
    sys.exit(main())
