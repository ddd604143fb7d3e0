"""Atomic outputs: a build publishes all its files whole, or leaves the previous ones exactly as they were."""

from __future__ import annotations

import multiprocessing
import os
import stat
from pathlib import Path

import pytest

from boardpack.exceptions import OutputError
from boardpack.output import OutputSet

NAMES = ("scorecard.xlsx", "appendix.pdf", "findings.csv")
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def previous_outputs(folder: Path) -> dict[str, bytes]:
    folder.mkdir(parents=True, exist_ok=True)
    contents = {name: f"last month's {name}\n".encode() * 100 for name in NAMES}
    for name, data in contents.items():
        (folder / name).write_bytes(data)
    return contents


def folder_contents(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in folder.iterdir()}


def test_commit_publishes_every_file(tmp_path: Path) -> None:
    out = tmp_path / "out" / "nested"
    with OutputSet(out) as outputs:
        for name in NAMES:
            outputs.path_for(name).write_bytes(f"new {name}".encode())
    assert folder_contents(out) == {name: f"new {name}".encode() for name in NAMES}


def test_commit_returns_the_final_paths_in_order(tmp_path: Path) -> None:
    outputs = OutputSet(tmp_path)
    for name in NAMES:
        outputs.path_for(name).write_text(name)
    assert outputs.commit() == tuple(tmp_path / name for name in NAMES)


def test_commit_replaces_previous_outputs(tmp_path: Path) -> None:
    previous_outputs(tmp_path)
    with OutputSet(tmp_path) as outputs:
        for name in NAMES:
            outputs.path_for(name).write_bytes(b"new")
    assert folder_contents(tmp_path) == {name: b"new" for name in NAMES}


def test_failed_build_leaves_previous_outputs_untouched(tmp_path: Path) -> None:
    before = previous_outputs(tmp_path)
    with pytest.raises(RuntimeError, match="renderer broke"), OutputSet(tmp_path) as outputs:
        outputs.path_for("scorecard.xlsx").write_bytes(b"half a scorecard")
        outputs.path_for("appendix.pdf")
        raise RuntimeError("renderer broke")
    assert folder_contents(tmp_path) == before


def test_temporary_names_are_hidden_unique_and_keep_the_extension(tmp_path: Path) -> None:
    first, second = OutputSet(tmp_path), OutputSet(tmp_path)
    one, other = first.path_for("scorecard.xlsx"), second.path_for("scorecard.xlsx")
    assert one != other
    assert one.parent == tmp_path
    assert one.name.startswith(".scorecard.") and one.suffix == ".xlsx"
    first.discard()
    second.discard()
    assert list(tmp_path.iterdir()) == []


def test_published_files_have_ordinary_permissions(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        with OutputSet(tmp_path) as outputs:
            outputs.path_for("scorecard.xlsx").write_bytes(b"new")
    finally:
        os.umask(previous)
    if os.name != "nt":
        assert stat.S_IMODE((tmp_path / "scorecard.xlsx").stat().st_mode) == 0o644


@pytest.mark.parametrize("name", ["", ".", "..", "sub/scorecard.xlsx", "../scorecard.xlsx"])
def test_only_plain_file_names(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError, match="plain file name"):
        OutputSet(tmp_path).path_for(name)


def test_each_name_once(tmp_path: Path) -> None:
    outputs = OutputSet(tmp_path)
    outputs.path_for("scorecard.xlsx")
    with pytest.raises(ValueError, match="already part"):
        outputs.path_for("scorecard.xlsx")
    outputs.discard()


def test_output_folder_that_is_a_file(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.write_text("not a folder")
    with pytest.raises(OutputError, match="is a file, not a folder") as caught, OutputSet(out):
        pass
    assert caught.value.where == str(out)


def test_output_folder_that_cannot_be_created(tmp_path: Path) -> None:
    (tmp_path / "blocker").write_text("a file where a folder should be")
    with pytest.raises(OutputError, match="cannot create the output folder"), OutputSet(tmp_path / "blocker" / "out"):
        pass


@pytest.mark.skipif(IS_ROOT or os.name == "nt", reason="chmod does not stop root; see the os.replace tests")
def test_read_only_folder(tmp_path: Path) -> None:
    before = previous_outputs(tmp_path)
    tmp_path.chmod(0o555)
    try:
        with (
            pytest.raises(OutputError, match="cannot write to the output folder") as caught,
            OutputSet(tmp_path) as outputs,
        ):
            outputs.path_for("scorecard.xlsx").write_bytes(b"new")
        assert caught.value.where == str(tmp_path)
    finally:
        tmp_path.chmod(0o755)
    assert folder_contents(tmp_path) == before


@pytest.mark.skipif(IS_ROOT or os.name == "nt", reason="chmod does not stop root; see the os.replace tests")
def test_folder_made_read_only_while_rendering(tmp_path: Path) -> None:
    before = previous_outputs(tmp_path)
    try:
        with pytest.raises(OutputError, match="cannot be replaced"), OutputSet(tmp_path) as outputs:
            for name in NAMES:
                outputs.path_for(name).write_bytes(b"new")
            tmp_path.chmod(0o555)
    finally:
        tmp_path.chmod(0o755)
    assert {name: data for name, data in folder_contents(tmp_path).items() if name in NAMES} == before


def failing_replace(monkeypatch: pytest.MonkeyPatch, locked: Path) -> None:
    """Make renaming a temporary onto ``locked`` fail as Windows does when Excel has the file open."""
    real_replace = os.replace

    def replace(source: str | Path, target: str | Path) -> None:
        if Path(target) == locked and ".tmp" in Path(source).name:
            raise PermissionError(13, "Permission denied", str(target))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)


def test_file_that_cannot_be_replaced_rolls_back_the_whole_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = previous_outputs(tmp_path)
    failing_replace(monkeypatch, tmp_path / "appendix.pdf")
    with pytest.raises(OutputError) as caught, OutputSet(tmp_path) as outputs:
        for name in NAMES:
            outputs.path_for(name).write_bytes(b"new")
    assert caught.value.where == str(tmp_path / "appendix.pdf")
    assert "cannot be replaced (permission denied)" in caught.value.message
    # scorecard.xlsx had already been replaced when appendix.pdf failed; it is put back too.
    assert folder_contents(tmp_path) == before


def test_rollback_removes_files_that_did_not_exist_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "appendix.pdf").write_bytes(b"old appendix")
    failing_replace(monkeypatch, tmp_path / "appendix.pdf")
    with pytest.raises(OutputError), OutputSet(tmp_path) as outputs:
        outputs.path_for("scorecard.xlsx").write_bytes(b"new")
        outputs.path_for("appendix.pdf").write_bytes(b"new")
    assert folder_contents(tmp_path) == {"appendix.pdf": b"old appendix"}


def test_backups_fall_back_to_copies_without_hard_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = previous_outputs(tmp_path)

    def no_links(source: object, target: object) -> None:
        raise OSError(95, "Operation not supported")

    monkeypatch.setattr(os, "link", no_links)
    failing_replace(monkeypatch, tmp_path / "findings.csv")
    with pytest.raises(OutputError), OutputSet(tmp_path) as outputs:
        for name in NAMES:
            outputs.path_for(name).write_bytes(b"new")
    assert folder_contents(tmp_path) == before


def test_renderer_that_removes_its_file(tmp_path: Path) -> None:
    before = previous_outputs(tmp_path)
    with pytest.raises(OutputError, match="was not written") as caught, OutputSet(tmp_path) as outputs:
        outputs.path_for("scorecard.xlsx").unlink()
    assert caught.value.where == str(tmp_path / "scorecard.xlsx")
    assert folder_contents(tmp_path) == before


def test_a_set_is_used_once(tmp_path: Path) -> None:
    outputs = OutputSet(tmp_path)
    outputs.path_for("scorecard.xlsx").write_bytes(b"new")
    outputs.commit()
    with pytest.raises(ValueError, match="already been committed"):
        outputs.path_for("appendix.pdf")
    with pytest.raises(ValueError, match="already been committed"):
        outputs.commit()


# Two builds at once ---------------------------------------------------------------------------------------

ROUNDS = 25


def writer_contents(writer: int, name: str) -> bytes:
    # Big enough that a torn or interleaved write would show.
    return f"{writer}:{name}\n".encode() * 40_000


def build_repeatedly(folder: str, writer: int, start: multiprocessing.synchronize.Barrier) -> None:
    start.wait()
    for _ in range(ROUNDS):
        with OutputSet(Path(folder)) as outputs:
            for name in NAMES:
                path = outputs.path_for(name)
                with open(path, "wb") as handle:
                    # Written in pieces, as renderers do, so a reader of a non-atomic file would see part of it.
                    data = writer_contents(writer, name)
                    for offset in range(0, len(data), 64 * 1024):
                        handle.write(data[offset : offset + 64 * 1024])


def test_concurrent_builds_leave_whole_files(tmp_path: Path) -> None:
    previous_outputs(tmp_path)
    allowed = {
        name: {writer_contents(0, name), writer_contents(1, name), (tmp_path / name).read_bytes()} for name in NAMES
    }
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(3)
    writers = [context.Process(target=build_repeatedly, args=(str(tmp_path), writer, start)) for writer in (0, 1)]
    for process in writers:
        process.start()
    start.wait()
    # Readers opening the finals while both builds publish always see a whole file, old or new.
    while any(process.is_alive() for process in writers):
        for name in NAMES:
            assert (tmp_path / name).read_bytes() in allowed[name]
    for process in writers:
        process.join(timeout=120)
        assert process.exitcode == 0
    finals = folder_contents(tmp_path)
    assert set(finals) == set(NAMES), "no temporary or backup files are left behind"
    assert all(finals[name] in (writer_contents(0, name), writer_contents(1, name)) for name in NAMES)
    try:
        import fcntl  # noqa: F401
    except ImportError:
        return
    # Where folders can be locked, publishing is serialised, so the set comes from one build.
    assert len({finals[name].split(b":", 1)[0] for name in NAMES}) == 1
