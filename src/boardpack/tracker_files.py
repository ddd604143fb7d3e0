"""Which files in a folder are trackers: one rule for the reader, which reads them, and for the build record,
which must notice one appearing without importing the reader."""

from __future__ import annotations

from pathlib import PurePath

TRACKER_SUFFIXES = (".xlsx", ".xlsm")
# Excel's lock file beside a workbook open in it, named after the workbook.
LOCK_FILE_PREFIX = "~$"


def is_lock_file(name: str) -> bool:
    return name.startswith(LOCK_FILE_PREFIX)


def is_tracker_name(name: str) -> bool:
    """Whether a file of this name in a source folder is read as a tracker."""
    return PurePath(name).suffix.lower() in TRACKER_SUFFIXES and not is_lock_file(name)
