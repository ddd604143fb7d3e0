"""Publishing a build's output files all together, or not at all.

Renderers write into private temporary files beside the final ones; only when every renderer has finished
are the temporaries moved onto their final names, each with one atomic rename. Until then the previous
outputs stay exactly as they were, and a failure while publishing puts back the ones already replaced, so
a committee clerk never opens a half-written scorecard or a pack mixing two builds.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

from boardpack.exceptions import OutputError

_TEMP_MARK = ".tmp"
_BACKUP_MARK = ".old"


class OutputSet:
    """A set of output files in one folder that appear together when the set is committed.

    Use as a context manager::

        with OutputSet(out_dir) as outputs:
            render_xlsx(scorecard, outputs.path_for("scorecard.xlsx"))
            render_pdf(scorecard, outputs.path_for("appendix.pdf"))

    Leaving the block normally commits; leaving it with an exception discards the temporaries and leaves
    the folder as it was. Every problem with the folder or a file is an ``OutputError`` naming it.
    """

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = Path(out_dir)
        self._temps: dict[str, Path] = {}
        self._prepared = False
        self._closed = False

    def __enter__(self) -> OutputSet:
        self._prepare()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._closed:
            return
        if exc_type is None:
            self.commit()
        else:
            self.discard()

    def path_for(self, filename: str) -> Path:
        """A new empty temporary file in the output folder for the renderer of ``filename`` to write.

        The name is hidden and random (``.scorecard.3f9a….tmp.xlsx``), so two builds never share one; it
        keeps the real extension last because some writers choose their format from it. Raises
        ``ValueError`` for a name that is not a plain file name or was asked for twice, and ``OutputError``
        when the folder cannot be written.
        """
        if self._closed:
            raise ValueError("this output set has already been committed or discarded")
        if not filename or filename in (".", "..") or Path(filename).name != filename:
            raise ValueError(f"{filename!r} is not a plain file name")
        if filename in self._temps:
            raise ValueError(f"{filename!r} is already part of this output set")
        self._prepare()
        temp = _create_unique(self.out_dir, filename, _TEMP_MARK)
        self._temps[filename] = temp
        return temp

    def commit(self) -> tuple[Path, ...]:
        """Move every temporary onto its final name, in the order they were asked for; return the finals.

        Each file is flushed to disk first so a power cut cannot publish an empty file. If any rename
        fails, the finals already replaced are restored from backups and ``OutputError`` names the file
        that could not be replaced; the temporaries are removed either way.
        """
        if self._closed:
            raise ValueError("this output set has already been committed or discarded")
        self._closed = True
        finals: list[Path] = []
        try:
            for name, temp in self._temps.items():
                _flush_to_disk(temp, self.out_dir / name)
            with _folder_lock(self.out_dir):
                finals = _publish(self.out_dir, self._temps)
            _flush_to_disk(self.out_dir)
        finally:
            for temp in self._temps.values():
                _remove_quietly(temp)
        return tuple(finals)

    def discard(self) -> None:
        """Delete the temporaries; the final files are not touched."""
        self._closed = True
        for temp in self._temps.values():
            _remove_quietly(temp)

    def _prepare(self) -> None:
        if self._prepared:
            return
        if self.out_dir.exists() and not self.out_dir.is_dir():
            raise OutputError("is a file, not a folder; choose another output folder", str(self.out_dir))
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(
                f"cannot create the output folder ({_reason(exc)}); choose a folder you can write to",
                str(self.out_dir),
            ) from None
        self._prepared = True


def _hidden_name(folder: Path, filename: str, mark: str) -> Path:
    """A random hidden name beside ``filename`` that keeps its extension last."""
    stem, dot, extension = filename.rpartition(".")
    if not stem:
        stem, dot, extension = filename, "", ""
    return folder / f".{stem}.{secrets.token_hex(8)}{mark}{dot}{extension}"


def _create_unique(folder: Path, filename: str, mark: str) -> Path:
    """Create an empty file under a new hidden name; O_EXCL makes the name this process's alone."""
    for _ in range(100):
        candidate = _hidden_name(folder, filename, mark)
        try:
            # 0o666 lets the umask decide, so published files get the same permissions as any other new file.
            descriptor = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        except FileExistsError:
            continue
        except OSError as exc:
            raise OutputError(
                f"cannot write to the output folder ({_reason(exc)}); choose a folder you can write to",
                str(folder),
            ) from None
        os.close(descriptor)
        return candidate
    raise OutputError("cannot find an unused temporary file name; clear out hidden files and try again", str(folder))


def _flush_to_disk(path: Path, final: Path | None = None) -> None:
    """fsync a written file (``final`` names it in errors), or a folder so its renames survive a power cut."""
    if final is None:
        # Folders cannot be opened for fsync on Windows, and some filesystems refuse; the renames still happened.
        with contextlib.suppress(OSError):
            descriptor = os.open(path, os.O_RDONLY)
            try:
                os.fsync(descriptor)
            finally:
                os.close(descriptor)
        return
    try:
        # Windows only flushes a handle opened for writing.
        descriptor = os.open(path, os.O_RDWR if os.name == "nt" else os.O_RDONLY)
    except FileNotFoundError:
        raise OutputError("was not written: its temporary file disappeared before publishing", str(final)) from None
    except OSError as exc:
        raise OutputError(f"cannot be saved ({_reason(exc)})", str(final)) from None
    try:
        os.fsync(descriptor)
    except OSError as exc:
        raise OutputError(f"cannot be saved to disk ({_reason(exc)}); check the disk has space", str(final)) from None
    finally:
        os.close(descriptor)


@contextlib.contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    """Serialise publishing between builds, so concurrent builds leave one build's complete set.

    Locking the folder itself leaves no lock file behind. Where locks are unavailable (Windows, some network
    filesystems) publishing still works: each file is still whole, though the set may mix two builds.
    """
    try:
        import fcntl
    except ImportError:
        yield
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        yield
        return
    try:
        with contextlib.suppress(OSError):
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


def _publish(folder: Path, temps: dict[str, Path]) -> list[Path]:
    """Rename each temporary onto its final name, undoing the earlier renames if a later one fails."""
    replaced: list[tuple[Path, Path | None]] = []
    try:
        for name, temp in temps.items():
            final = folder / name
            backup = _back_up(folder, final)
            try:
                os.replace(temp, final)
            except OSError as exc:
                if backup is not None:
                    _remove_quietly(backup)
                raise OutputError(
                    f"cannot be replaced ({_reason(exc)}); close it in any program that has it open and check "
                    "the folder can be written, then build again; the previous outputs were left as they were",
                    str(final),
                ) from None
            replaced.append((final, backup))
    except BaseException:
        _restore(replaced)
        raise
    for _, backup in replaced:
        if backup is not None:
            _remove_quietly(backup)
    return [final for final, _ in replaced]


def _back_up(folder: Path, final: Path) -> Path | None:
    """Keep the current final file under a second name until the whole set is published.

    A hard link costs nothing and leaves the final in place; where links are not supported, a copy does.
    Returns ``None`` when there is no previous file to keep.
    """
    for _ in range(100):
        backup = _hidden_name(folder, final.name, _BACKUP_MARK)
        try:
            os.link(final, backup)
        except FileExistsError:
            continue
        except FileNotFoundError:
            return None
        except OSError:
            break
        return backup
    if not final.is_file():
        return None
    backup = _create_unique(folder, final.name, _BACKUP_MARK)
    try:
        shutil.copy2(final, backup)
    except OSError as exc:
        _remove_quietly(backup)
        raise OutputError(
            f"cannot be backed up before it is replaced ({_reason(exc)}); check the disk has space", str(final)
        ) from None
    return backup


def _restore(replaced: list[tuple[Path, Path | None]]) -> None:
    """Put back the previous finals; a final that did not exist before is removed again."""
    for final, backup in reversed(replaced):
        with contextlib.suppress(OSError):
            if backup is None:
                os.unlink(final)
            else:
                os.replace(backup, final)


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError, OSError):
        os.unlink(path)


def _reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    return exc.strerror or str(exc)
