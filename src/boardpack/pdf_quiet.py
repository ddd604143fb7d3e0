"""Reading other people's PDFs without pypdf talking over boardpack.

pypdf logs what it notices while reading a damaged or odd file ("invalid pdf header", "EOF marker not
found"). With no logging set up, Python prints those lines on the terminal, ahead of boardpack's own
one-line error that names the file and how to fix it. boardpack reports every problem it cannot read past
itself, so while it reads a paper pypdf's log is kept quiet.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

_PYPDF_LOGGER = "pypdf"


@contextmanager
def pypdf_quiet() -> Iterator[None]:
    logger = logging.getLogger(_PYPDF_LOGGER)
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        logger.setLevel(level)
