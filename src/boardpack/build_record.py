"""The record of the builds in an output folder, so a re-run with nothing changed leaves the outputs as they are.

``DIR/.boardpack-build.json`` holds, for each pack built into ``DIR``, everything that fed the build: the command's
options and the folder it ran in, the content of every file it read (trackers, the layout, the last report's CSV),
the listing of every source folder, boardpack's own code and the libraries installed beside it, and the day. It
also holds what the build printed, its exit status, and the size and SHA-256 of each output as it was written.

A re-run whose inputs are all the same, into a folder whose outputs are still byte for byte as that build wrote
them, prints what the build printed and writes nothing. A stale answer would publish last week's figures, so the
record errs one way only: whatever cannot be read or checked (a damaged record, a missing or edited output, an
unreadable file) means a real build, never an error. The outputs' own digests make the record vouch only for
files it saw written, so builds racing into one folder cannot leave it vouching for another build's outputs.

Nothing here imports a workbook or PDF library: checking the record must cost far less than building.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import sys
import zlib
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import boardpack
from boardpack.tracker_files import is_tracker_name

RECORD_NAME = ".boardpack-build.json"
# Bumped whenever what a record holds changes, so an older record is never read as a newer one.
RECORD_FORMAT = 1
# Packs kept per folder: more than a committee's papers ever share one, few enough to keep the record small.
MOST_BUILDS = 32
# Settings the libraries read from the environment (ReportLab's RL_*, openpyxl's choice of XML parser), but for
# the one boardpack always sets itself before reading (``preflight.harden_xml_parsing``).
LIBRARY_SETTINGS = ("RL_", "OPENPYXL_")
SET_BY_BOARDPACK = frozenset({"OPENPYXL_DEFUSEDXML"})
_OUT, _ERR = "out", "err"

# The day the build runs on; some checks depend on it (a figure typed under a month still to come), so a record
# from another day never answers. A name of its own so tests can move the clock.
today: Callable[[], dt.date] = dt.date.today


# Named tuples rather than dataclasses: this module is imported on every build, and a re-run with nothing changed
# should cost little more than Python starting.
class Request(NamedTuple):
    """The options of ``boardpack build`` that shape its outputs, as typed (``--quiet`` and ``--force`` do not)."""

    sources: tuple[str, ...]
    layout: str | None
    period: str | None
    out: str
    keep_going: bool
    previous: str | None
    public: bool


class Said(NamedTuple):
    """A line the build printed: on stderr when ``err``, and under ``--quiet`` too when ``quiet``."""

    text: str
    err: bool = False
    quiet: bool = False


class Written(NamedTuple):
    """An output as the build wrote it, before it was published under ``name``."""

    name: str
    size: int
    sha256: str

    @classmethod
    def of(cls, name: str, path: Path) -> Written:
        data = _read(path)
        return cls(name, len(data), hashlib.sha256(data).hexdigest())


class Hit(NamedTuple):
    """A recorded build whose inputs and outputs are all as they were: what it printed, and when it ran."""

    built: str
    said: tuple[Said, ...]
    status: int

    @property
    def time(self) -> str:
        """The time of day it was built (a record from another day never answers)."""
        return self.built.partition("T")[2] or self.built


Inputs = dict[str, Any]


def as_written(files: Iterable[tuple[str, Path]]) -> tuple[Written, ...]:
    """Each output (its published name, the file written) as it was written; none when any cannot be read, so
    the build is not recorded rather than failing."""
    try:
        return tuple(Written.of(name, path) for name, path in files)
    except OSError:
        return ()


def inputs(request: Request) -> Inputs | None:
    """Everything that feeds the build ``request`` asks for, as plain JSON data; ``None`` when any of it cannot be
    read, for the build itself to meet and report."""
    try:
        return _inputs(request)
    except Exception:  # whatever it is, a real build names it properly
        return None


def find(out_dir: Path, now: Inputs | None) -> Hit | None:
    """The build recorded in ``out_dir`` with inputs ``now`` whose outputs are exactly as it wrote them, if any."""
    if now is None:
        return None
    try:
        for entry in _entries(Path(out_dir)):
            if entry.get("inputs") == now and _intact(Path(out_dir), entry["outputs"]):
                return _hit(entry)
    except Exception:  # a damaged or unreadable record, or an output that cannot be read: build again
        return None
    return None


def forget(out_dir: Path, names: Iterable[str]) -> None:
    """Drop every recorded build that wrote one of ``names``: a build is about to replace them.

    Never raises: when the record cannot be rewritten it is removed, and when it cannot even be removed its
    outputs' digests stop it answering once the outputs change.
    """
    record = Path(out_dir) / RECORD_NAME
    if not os.path.lexists(record):
        return
    replaced = set(names)
    try:
        entries = _entries(Path(out_dir))
        kept = [entry for entry in entries if not replaced & set(_names(entry))]
        if len(kept) == len(entries):
            return
        if kept:
            _write(Path(out_dir), kept)
        else:
            os.unlink(record)
    except Exception:  # the record is only a shortcut; without it the next run builds
        with contextlib.suppress(OSError):
            os.unlink(record)


def save(out_dir: Path, before: Inputs | None, after: Inputs | None, written: Sequence[Written],
         said: Sequence[Said], status: int) -> None:
    """Record a build that published ``written``, when its inputs were the same before it read them (``before``)
    as after it finished (``after``): a file changed while it ran leaves nothing recorded."""
    if before is None or before != after or not written:
        return
    names = {output.name for output in written}
    entry = {
        "inputs": before,
        "built": dt.datetime.now().isoformat(timespec="seconds"),
        "outputs": [output._asdict() for output in written],
        "said": [[line.text, _ERR if line.err else _OUT, line.quiet] for line in said],
        "status": status,
    }
    try:
        try:
            earlier = _entries(Path(out_dir))
        except Exception:  # a damaged record is replaced
            earlier = []
        kept = [e for e in earlier if e.get("inputs") != before and not names & set(_names(e))]
        _write(Path(out_dir), [*kept, entry][-MOST_BUILDS:])
    except Exception:  # a build that could not be recorded is simply built again next time
        return


def _inputs(request: Request) -> Inputs:
    layout = None
    if request.layout is not None:
        # Read as the build reads it: its sources are resolved against its own folder, and must exist.
        from boardpack.layout import load_layout

        layout = load_layout(request.layout)
    chosen = list(request.sources) or ([str(source) for source in layout.sources] if layout is not None else [])
    found: Inputs = {
        "command": request._asdict(),
        "folder": os.getcwd(),
        "today": today().isoformat(),
        "program": _program(),
        "layout": None if request.layout is None or layout is None else {
            "file": _file(request.layout), "sources": [str(source) for source in layout.sources]},
        "sources": [_source(source) for source in chosen],
        "previous": None if request.previous is None else _file(request.previous),
    }
    # Through JSON and back, so what was computed compares equal with what was recorded (lists, not tuples).
    canonical: Inputs = json.loads(json.dumps(found))
    return canonical


def _file(path: str) -> Inputs:
    return {"path": os.path.abspath(path), "sha256": _digest(path)}


def _source(path: str) -> Inputs:
    """A tracker's content, or a folder's listing (every name, so a new tracker is noticed) and the content of the
    trackers ``reader.find_trackers`` would read from it."""
    absolute = os.path.abspath(path)
    if not os.path.isdir(absolute):
        return _file(path)
    with os.scandir(absolute) as entries:
        listing = sorted((entry.name, entry.is_file()) for entry in entries)
    trackers = {name: _digest(os.path.join(absolute, name)) for name, is_file in listing
                if is_file and is_tracker_name(name)}
    return {"folder": absolute, "listing": [[name, is_file] for name, is_file in listing], "trackers": trackers}


def _program() -> Inputs:
    """boardpack's own code and fonts, the Python running it and what is installed beside it."""
    return {
        "version": boardpack.__version__,
        "code": _tree_digest(Path(boardpack.__file__).parent),
        "python": sys.version,
        "executable": sys.executable,
        "path": list(sys.path),
        "installed": _installed(),
        "zlib": zlib.ZLIB_RUNTIME_VERSION,
        "settings": {name: value for name, value in sorted(os.environ.items())
                     if name.startswith(LIBRARY_SETTINGS) and name not in SET_BY_BOARDPACK},
    }


def _tree_digest(folder: Path) -> str:
    """One SHA-256 over every file in the package (name and content), compiled bytecode aside."""
    digest = hashlib.sha256()
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(name for name in folders if name != "__pycache__")
        for name in sorted(files):
            path = os.path.join(root, name)
            digest.update(f"{os.path.relpath(path, folder)}\0{_digest(path)}\n".encode())
    return digest.hexdigest()


def _installed() -> list[list[str]]:
    """Each site folder's distributions (name and version are in the folder names) and path files' contents."""
    found = []
    for entry in sys.path:
        if os.path.basename(entry) not in ("site-packages", "dist-packages") or not os.path.isdir(entry):
            continue
        names = sorted(os.listdir(entry))
        listed = [name for name in names if name.endswith((".dist-info", ".egg-info", ".egg-link"))]
        paths = [f"{name}\0{_digest(os.path.join(entry, name))}" for name in names if name.endswith(".pth")]
        found.append([entry, *listed, *paths])
    return found


def _digest(path: str | Path) -> str:
    return hashlib.sha256(_read(path)).hexdigest()


def _read(path: str | Path) -> bytes:
    # Whole: the files are a few megabytes at most, and hashlib.file_digest zeroes a fresh buffer for each one.
    with open(path, "rb") as handle:
        return handle.read()


def _entries(folder: Path) -> list[Inputs]:
    """The builds recorded in ``folder``; raises on a missing or damaged record."""
    raw = json.loads((folder / RECORD_NAME).read_bytes())
    if not isinstance(raw, dict) or raw.get("record") != RECORD_FORMAT or not isinstance(raw.get("builds"), list):
        raise ValueError("not a build record this version writes")
    return [entry for entry in raw["builds"] if _well_formed(entry)]


def _well_formed(entry: Any) -> bool:
    """Whether ``entry`` can be read as a recorded build at all; any other is dropped when the record is rewritten."""
    if not isinstance(entry, dict) or not isinstance(entry.get("outputs"), list):
        return False
    return all(isinstance(output, dict) and isinstance(output.get("name"), str) for output in entry["outputs"])


def _names(entry: Inputs) -> list[str]:
    return [output["name"] for output in entry["outputs"]]


def _intact(folder: Path, outputs: list[Any]) -> bool:
    """Whether every recorded output is still exactly as the build wrote it."""
    if not outputs:
        return False
    for output in outputs:
        name = output["name"]
        if not isinstance(name, str) or not name or Path(name).name != name:
            return False
        path = folder / name
        if os.stat(path).st_size != output["size"] or _digest(path) != output["sha256"]:
            return False
    return True


def _hit(entry: Inputs) -> Hit | None:
    said = []
    for line in entry["said"]:
        text, stream, quiet = line
        if not isinstance(text, str) or stream not in (_OUT, _ERR) or not isinstance(quiet, bool):
            return None
        said.append(Said(text, stream == _ERR, quiet))
    status, built = entry["status"], entry["built"]
    if isinstance(status, bool) or not isinstance(status, int) or not isinstance(built, str):
        return None
    return Hit(built, tuple(said), status)


def _write(folder: Path, entries: list[Inputs]) -> None:
    """Replace the record in one atomic rename, so a reader sees the old record or the new, never half of one."""
    temp = folder / f".boardpack-build.{os.urandom(8).hex()}.tmp.json"
    try:
        with open(temp, "x", encoding="utf-8") as handle:
            json.dump({"record": RECORD_FORMAT, "builds": entries}, handle, ensure_ascii=False, separators=(",", ":"))
        os.replace(temp, folder / RECORD_NAME)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)
