"""How long a build takes against the cost of just reading the tracker, and how it grows.

    .venv/bin/python benchmarks/run.py             # 5 rounds
    .venv/bin/python benchmarks/run.py --quick     # 2 rounds, for a rough look
    .venv/bin/python benchmarks/run.py --runs 9 --workdir /tmp/boardpack-bench

Writes two seeded synthetic trackers (see ``synthetic.py``): 1,000 indicators (10 sheets × 100) and
4,000 (40 sheets × 100). Every measurement is a whole, fresh process, timed from start to exit, so it
includes starting Python and importing libraries, as a clerk's build does:

- the floor: ``floor.py``, a bare read-only openpyxl pass touching every cell of the tracker;
- a fresh build: ``boardpack build TRACKER --out DIR --quiet`` into a folder removed just before, writing
  every output the default build writes (one each of .csv, .xlsx, .pdf and .html);
- a re-run: the same command again into the same folder, with nothing changed; every output must be left
  as it was (the same bytes, the same modification time, the same file);
- ``boardpack validate TRACKER``, and ``boardpack --help``.

Each ratio comes from pairs run back to back (the floor and the build, say), the pair's order swapped from
one round to the next, so a slow moment on the shared machine falls on both halves of a pair; the ratio
printed is the median of the pairs' ratios. The one-core case runs the build and its floor with the
process's CPU affinity set to a single CPU, as ``taskset -c`` would: boardpack then renders its outputs one
after another. The other measurements run on two CPUs (the first two the process may use), as the targets
are set on a 2-core machine. boardpack's modules are compiled to bytecode first, as installing a package
does (an editable install leaves that to the first run, and ``PYTHONDONTWRITEBYTECODE`` stops even that),
and one untimed round comes first to warm the file cache.

Each process's CPU time (user + system) is printed beside its wall time: on a shared machine it is the
steadier of the two. Both, and the peak memory, come from ``os.wait4``, which on Linux counts the process
and every child it waited for: the build waits for the process it forks to render the CSV, Excel and HTML,
so the CPU time is the two processes' together and the peak is the largest resident set of either one.
Pages the child shares with its parent (copy-on-write, never written) count in both, so the two together
hold more than that peak and less than the sum of their peaks.

Prints a table of the measures against their targets and exits 1 when one is missed or cannot be measured
on this machine.
"""

from __future__ import annotations

import argparse
import compileall
import hashlib
import importlib.metadata
import importlib.util
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import synthetic

HERE = Path(__file__).resolve().parent
SIZES = {1000: (10, 100), 4000: (40, 100)}
MB = 1024 ** 2
WIDTH = 110  # of the printed report, to fit a README's code block
# The targets, for a 2-core machine.
TARGET_BOTH_CORES = 3.5  # build(1,000) / floor(1,000)
TARGET_ONE_CORE = 6.0  # the same, on one CPU
TARGET_GROWTH = 4.2  # build(4,000) / build(1,000)
TARGET_PEAK_MB = 400  # build(4,000)
TARGET_HELP_SECONDS = 0.2
TARGET_VALIDATE = 1.5  # validate(1,000) / floor(1,000)
TARGET_RERUN = 0.5  # build(1,000) again with nothing changed / floor(1,000)
OUTPUT_SUFFIXES = (".csv", ".html", ".xlsx", ".pdf")
A = TypeVar("A")
B = TypeVar("B")


@dataclass(frozen=True)
class Run:
    seconds: float  # wall time, start to exit
    cpu_seconds: float  # user + system time of the process and the children it waited for
    peak_bytes: int  # largest resident set of the process or any child it waited for


@dataclass(frozen=True)
class Pair:
    """Two processes run back to back: the reference (usually the floor) and the one measured against it."""

    reference: Run
    measured: Run

    @property
    def ratio(self) -> float:
        return self.measured.seconds / self.reference.seconds

    @property
    def cpu_ratio(self) -> float:
        return self.measured.cpu_seconds / self.reference.cpu_seconds


def median_ratio(pairs: Sequence[Pair], cpu: bool = False) -> float:
    """The median of the pairs' own ratios: each pair shared its moment on the machine, the pairs did not."""
    if not pairs:
        raise ValueError("no pairs to take a ratio of")
    return statistics.median(pair.cpu_ratio if cpu else pair.ratio for pair in pairs)


@dataclass(frozen=True)
class Check:
    """One target: a measured value, the most it may be, and anything that fails it whatever the value."""

    measure: str
    value: float
    limit: float
    unit: str  # "×", "s" or "MB"
    cpu: str = ""  # the same measure in CPU time, for reading beside it
    problem: str = ""  # why the target is not met, or cannot be judged, whatever the value says

    @property
    def met(self) -> bool:
        return not self.problem and self.value <= self.limit

    @property
    def verdict(self) -> str:
        return "met" if self.met else "MISSED"

    def shown(self, value: float) -> str:
        if self.unit == "×":
            return f"{value:.2f}×"
        if self.unit == "s":
            return f"{value:.2f} s"
        return f"{value:.0f} {self.unit}"


def table(checks: Sequence[Check]) -> list[str]:
    """The checks as aligned lines, then each problem under a footnote mark."""
    rows = [("measure", "value", "target", "result", "cpu")]
    notes = []
    for check in checks:
        verdict = check.verdict
        if check.problem:
            notes.append(check.problem)
            verdict += f" ({len(notes)})"
        rows.append((check.measure, check.shown(check.value), "≤ " + check.shown(check.limit), verdict, check.cpu))
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    lines = [f"{row[0]:<{widths[0]}}  {row[1]:>{widths[1]}}  {row[2]:<{widths[2]}}  {row[3]:<{widths[3]}}  "
             f"{row[4]}".rstrip() for row in rows]
    for number, note in enumerate(notes, start=1):
        lines += textwrap.wrap(f"({number}) {note}", WIDTH, subsequent_indent="    ")
    return lines


def exit_status(checks: Sequence[Check]) -> int:
    return 0 if all(check.met for check in checks) else 1


# What a re-run must leave alone: the output's bytes and the file itself (a rewrite with the same bytes
# still gives it a new modification time, and a replace a new inode).
@dataclass(frozen=True)
class Written:
    digest: str
    mtime_ns: int
    inode: int


def outputs(folder: Path) -> list[Path]:
    """The outputs a build wrote; dotfiles (a build's own record of what it wrote) are not outputs."""
    return sorted(path for path in folder.iterdir() if not path.name.startswith(".") and path.is_file())


def snapshot(folder: Path) -> dict[str, Written]:
    written = {}
    for path in outputs(folder):
        status = path.stat()
        written[path.name] = Written(hashlib.sha256(path.read_bytes()).hexdigest(), status.st_mtime_ns,
                                     status.st_ino)
    return written


def changes(before: Mapping[str, Written], after: Mapping[str, Written]) -> list[str]:
    """What a re-run did to the outputs, in words; empty when it left every one as it was."""
    found = [f"{name} removed" for name in sorted(before.keys() - after.keys())]
    found += [f"{name} added" for name in sorted(after.keys() - before.keys())]
    for name in sorted(before.keys() & after.keys()):
        if before[name].digest != after[name].digest:
            found.append(f"{name} changed")
        elif before[name] != after[name]:
            found.append(f"{name} rewritten")
    return found


@dataclass(frozen=True)
class Cpus:
    """Which CPUs the measurements run on (``None``: as the process finds them), and why a case cannot run."""

    both: frozenset[int] | None
    one: frozenset[int] | None
    both_problem: str = ""
    one_problem: str = ""

    @classmethod
    def of_this_machine(cls) -> Cpus:
        if not hasattr(os, "sched_setaffinity"):
            count = os.cpu_count() or 1
            return cls(None, None, "" if count > 1 else "this machine has one CPU: the two-core case cannot be "
                       "measured (the figure is a serial build's)",
                       "this platform cannot set a process's CPU affinity, so the one-core case cannot be run")
        available = sorted(os.sched_getaffinity(0))
        if len(available) < 2:
            return cls(None, frozenset(available[:1]),
                       f"only CPU {available[0]} is available here, so the build renders its outputs one after "
                       "another: the two-core case cannot be measured (the figure is the one-core build's)")
        return cls(frozenset(available[:2]), frozenset(available[:1]))

    def describe(self) -> str:
        count = os.cpu_count() or 1
        cpus = f"{count} CPU{'s' if count != 1 else ''}"
        if self.both is None:
            return cpus
        one = f", the one-core case on CPU {min(self.one)}" if self.one else ""
        return f"{cpus}; builds on CPUs {' and '.join(map(str, sorted(self.both)))}{one}"


def boardpack_command() -> list[str]:
    """The ``boardpack`` script installed next to this Python, as a clerk runs it."""
    script = Path(sys.executable).with_name("boardpack")
    return [str(script)] if script.exists() else [sys.executable, "-m", "boardpack"]


def run_process(command: Sequence[str], cpus: frozenset[int] | None = None) -> Run:
    """Run a command to completion, on ``cpus`` if given, and say what it and its children took."""

    def pin() -> None:  # in the child, before exec: the command and all it forks inherit the affinity
        if cpus is not None:
            os.sched_setaffinity(0, cpus)

    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                   preexec_fn=pin if cpus is not None else None)
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


@dataclass
class Results:
    """Every timed run by what it ran, the pairs by the ratio they give, and what re-runs did to outputs."""

    runs: dict[str, list[Run]] = field(default_factory=dict)
    pairs: dict[str, list[Pair]] = field(default_factory=dict)
    rerun_changes: list[str] = field(default_factory=list)


BOTH, ONE, GROWTH, RERUN, VALIDATE, HELP = (
    "both cores", "one core", "growth", "re-run", "validate", "boardpack --help")


class Bench:
    """The processes a round runs, each recorded under its own label."""

    def __init__(self, trackers: dict[int, Path], workdir: Path, cpus: Cpus) -> None:
        self.trackers = trackers
        self.workdir = workdir
        self.cpus = cpus
        self.results = Results()

    def timed(self, label: str, command: Sequence[str], cpus: frozenset[int] | None) -> Run:
        run = run_process(command, cpus)
        self.results.runs.setdefault(label, []).append(run)
        return run

    def floor(self, cpus: frozenset[int] | None, label: str = "floor 1,000") -> Run:
        return self.timed(label, [sys.executable, str(HERE / "floor.py"), str(self.trackers[1000])], cpus)

    def build_command(self, indicators: int, out: Path) -> list[str]:
        return [*boardpack_command(), "build", str(self.trackers[indicators]), "--out", str(out), "--quiet"]

    def fresh_build(self, indicators: int, cpus: frozenset[int] | None, label: str, folder: str) -> Run:
        out = self.workdir / folder
        shutil.rmtree(out, ignore_errors=True)  # else a build that reuses its last outputs would do no work
        run = self.timed(label, self.build_command(indicators, out), cpus)
        written = sorted(path.suffix for path in outputs(out))
        if written != sorted(OUTPUT_SUFFIXES):
            raise SystemExit(f"the build into {out} wrote {written}, not one each of {OUTPUT_SUFFIXES}")
        return run

    def build_1000(self) -> Run:
        return self.fresh_build(1000, self.cpus.both, "build 1,000", "out_1000")

    def build_4000(self) -> Run:
        return self.fresh_build(4000, self.cpus.both, "build 4,000", "out_4000")

    def build_1000_one_core(self) -> Run:
        return self.fresh_build(1000, self.cpus.one, "build 1,000, one core", "out_1000_one_core")

    def rerun_1000(self) -> tuple[Run, list[str]]:
        """The last fresh 1,000 build's command again, on its own outputs; what it did to them."""
        out = self.workdir / "out_1000"
        before = snapshot(out)
        run = self.timed("re-run 1,000", self.build_command(1000, out), self.cpus.both)
        return run, changes(before, snapshot(out))

    def validate(self) -> Run:
        return self.timed("validate 1,000", [*boardpack_command(), "validate", str(self.trackers[1000])],
                          self.cpus.both)

    def help(self) -> Run:
        return self.timed(HELP, [*boardpack_command(), "--help"], self.cpus.both)


def in_turn(first: Callable[[], A], second: Callable[[], B], swapped: bool) -> tuple[A, B]:
    """Run two steps back to back, the second first when ``swapped``; their results in the order given."""
    if swapped:
        later = second()
        return first(), later
    earlier = first()
    return earlier, second()


def one_round(bench: Bench, swapped: bool) -> tuple[dict[str, Pair], list[str], Run]:
    """One of each pair, each pair back to back, in the order written or reversed."""
    both, one = bench.cpus.both, bench.cpus.one
    # The 1,000 build sits between its floor and the 4,000 build, next to both its partners either way.
    if swapped:
        large = bench.build_4000()
        build = bench.build_1000()
        floor = bench.floor(both)
    else:
        floor = bench.floor(both)
        build = bench.build_1000()
        large = bench.build_4000()
    # The re-run must follow a fresh build into its folder: in both orders it does.
    floor_rerun, (rerun, rerun_changes) = in_turn(lambda: bench.floor(both), bench.rerun_1000, swapped)
    floor_one, build_one = in_turn(lambda: bench.floor(one, "floor 1,000, one core"), bench.build_1000_one_core,
                                   swapped)
    floor_validate, validate = in_turn(lambda: bench.floor(both), bench.validate, swapped)
    pairs = {
        BOTH: Pair(floor, build),
        ONE: Pair(floor_one, build_one),
        GROWTH: Pair(build, large),
        RERUN: Pair(floor_rerun, rerun),
        VALIDATE: Pair(floor_validate, validate),
    }
    return pairs, rerun_changes, bench.help()


def measure(bench: Bench, rounds: int) -> Results:
    one_round(bench, swapped=False)  # warm-up: the file cache; not recorded
    bench.results = Results()
    for number in range(1, rounds + 1):
        pairs, rerun_changes, start_up = one_round(bench, swapped=number % 2 == 0)
        for name, pair in pairs.items():
            bench.results.pairs.setdefault(name, []).append(pair)
        if rerun_changes:
            bench.results.rerun_changes.append(f"round {number}: {', '.join(rerun_changes)}")
        print(f"  round {number}/{rounds}: " + ", ".join(f"{name} {pair.ratio:.2f}×" for name, pair in pairs.items())
              + f", --help {start_up.seconds:.2f} s", flush=True)
    return bench.results


def evaluate(results: Results, cpus: Cpus) -> list[Check]:
    """The measures against their targets."""
    pairs = results.pairs

    def ratio(name: str) -> tuple[float, str]:
        return median_ratio(pairs[name]), f"{median_ratio(pairs[name], cpu=True):.2f}×"

    both, both_cpu = ratio(BOTH)
    one, one_cpu = ratio(ONE)
    growth, growth_cpu = ratio(GROWTH)
    validate, validate_cpu = ratio(VALIDATE)
    rerun, rerun_cpu = ratio(RERUN)
    peak = max(run.peak_bytes for run in results.runs["build 4,000"]) / MB
    start_up = results.runs[HELP]
    rewritten = ""
    if results.rerun_changes:
        shown = results.rerun_changes[:2] + (["…"] if len(results.rerun_changes) > 2 else [])
        rewritten = "the re-run did not leave the outputs as they were: " + "; ".join(shown)
    return [
        Check("build 1,000 / floor, both cores", both, TARGET_BOTH_CORES, "×", both_cpu, cpus.both_problem),
        Check("build 1,000 / floor, one core", one, TARGET_ONE_CORE, "×", one_cpu, cpus.one_problem),
        Check("build 4,000 / build 1,000", growth, TARGET_GROWTH, "×", growth_cpu),
        Check("peak memory, build 4,000", peak, TARGET_PEAK_MB, "MB"),
        Check("boardpack --help", statistics.median(run.seconds for run in start_up), TARGET_HELP_SECONDS, "s",
              f"{statistics.median(run.cpu_seconds for run in start_up):.2f} s"),
        Check("validate 1,000 / floor", validate, TARGET_VALIDATE, "×", validate_cpu),
        Check("re-run 1,000 / floor, nothing changed", rerun, TARGET_RERUN, "×", rerun_cpu, rewritten),
    ]


def times(results: Results) -> list[str]:
    """The median wall and CPU time and the peak memory of each process measured."""
    width = max(len(label) for label in results.runs)
    lines = [f"{'median of':<{width}}  {'wall':>7}  {'cpu':>7}  {'peak':>7}"]
    for label, runs in results.runs.items():
        wall = statistics.median(run.seconds for run in runs)
        cpu = statistics.median(run.cpu_seconds for run in runs)
        peak = max(run.peak_bytes for run in runs) / MB
        lines.append(f"{label:<{width}}  {wall:5.2f} s  {cpu:5.2f} s  {peak:4.0f} MB")
    return lines


def installed_version(distribution: str) -> str | None:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return None


def floor_libraries(version: Callable[[str], str | None] = installed_version) -> str:
    """What the floor's process imports besides Python: openpyxl, and NumPy, which openpyxl imports whenever it
    is installed. The floor is that much slower where NumPy is installed, so the printout says which it is."""
    openpyxl, numpy = version("openpyxl"), version("numpy")
    if numpy is None:
        return f"floor: openpyxl {openpyxl}; NumPy is not installed"
    return f"floor: openpyxl {openpyxl}, which imports NumPy {numpy} because it is installed"


def report(results: Results, trackers: dict[int, Path], cpus: Cpus, rounds: int) -> int:
    checks = evaluate(results, cpus)
    print()
    print(f"boardpack benchmark: {rounds} round{'s' if rounds != 1 else ''} of interleaved pairs, whole processes")
    print(f"machine: {cpus.describe()}, {platform.system()} {platform.machine()}, Python {platform.python_version()}")
    for indicators, path in trackers.items():
        sheets, per_sheet = SIZES[indicators]
        print(f"tracker {indicators:,} indicators: {sheets} sheets × {per_sheet}, twelve months, "
              f"{path.stat().st_size / 1024:.0f} KB")
    print(floor_libraries())
    print()
    print("\n".join(times(results)))
    print()
    print("\n".join(table(checks)))
    print(textwrap.fill("(each ratio is the median of the pairs' ratios of wall time, as the targets are set; the "
                        "cpu column gives the same of user + system time, which other work on a shared machine "
                        "disturbs less)", WIDTH))
    return exit_status(checks)


def compile_boardpack() -> None:
    """Write boardpack's bytecode, as ``pip install`` does, so no timed run pays for compiling its modules."""
    spec = importlib.util.find_spec("boardpack")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("boardpack is not installed next to this Python; run make first")
    for folder in spec.submodule_search_locations:
        compileall.compile_dir(folder, quiet=1)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed rounds, each one pair per ratio (default 5)")
    parser.add_argument("--quick", action="store_true", help="2 timed rounds, for a rough look")
    parser.add_argument("--workdir", type=Path, help="keep the trackers and outputs here (default: a temporary "
                        "folder, removed afterwards)")
    args = parser.parse_args(argv)
    rounds = 2 if args.quick else args.runs
    if rounds < 1:
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
        cpus = Cpus.of_this_machine()
        compile_boardpack()
        print(f"timing {rounds} round{'s' if rounds != 1 else ''} after one warm-up round", flush=True)
        results = measure(Bench(trackers, workdir, cpus), rounds)
        return report(results, trackers, cpus, rounds)
    finally:
        if cleanup is not None:
            cleanup.cleanup()


if __name__ == "__main__":
    sys.exit(main())
