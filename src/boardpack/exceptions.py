"""The errors boardpack raises. Each message cites where the problem is, as ``file › sheet › cell``.

The CLI turns any ``BoardpackError`` into one line and exit status 1; nothing below the CLI exits.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from boardpack.model import CellRef, Finding


class BoardpackError(Exception):
    """Base of every error a user can cause and fix."""

    # ``where`` is a cell, or a file named by its path as the caller holds it (a layout's or agenda's Path).
    def __init__(self, message: str, where: CellRef | str | os.PathLike[str] | None = None) -> None:
        self.message = message
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)


class TrackerError(BoardpackError):
    """A tracker workbook cannot be read, or holds a value boardpack cannot use."""


class InvalidTrackers(TrackerError):
    """Reading found one or more errors; each is a finding so that ``validate`` can list them all."""

    def __init__(self, errors: Sequence[Finding]) -> None:
        self.errors = tuple(errors)
        first = str(self.errors[0]) if self.errors else "the trackers are not valid"
        more = len(self.errors) - 1
        suffix = f" (and {more} more problem{'s' if more != 1 else ''}: run `boardpack validate`)" if more else ""
        super().__init__(first + suffix)


class LayoutError(BoardpackError):
    """A layout file is missing, malformed, or refers to something that does not exist."""


class OutputError(BoardpackError):
    """An output file cannot be written or replaced."""


class AgendaError(BoardpackError):
    """An agenda file or one of its papers is unusable."""


class EmailError(BoardpackError):
    """Messages could not be prepared or sent."""


class PreviousReportError(BoardpackError):
    """The last report's CSV, given to compare with (``build --previous``), is not one boardpack wrote."""
