"""The scorecard model as plain JSON-ready data, for golden snapshots and for tools that want the figures.

Dataclasses become dicts, enums their values, months ``YYYY-MM``; floats are rounded to 10 places so a
snapshot does not change with the last bit of a division.
"""

from __future__ import annotations

import dataclasses
from enum import Enum
from typing import Any

from boardpack.model import Month, Scorecard

_PLACES = 10
# Set only by ``build --previous`` and ``--public``: left out while unset, so an ordinary build's snapshot
# reads as it always has.
_ONLY_WHEN_SET = frozenset({("Figure", "previous"), ("Indicator", "withheld_ytd"), ("Scorecard", "revisions"),
                            ("Scorecard", "disclosure")})


def _plain(value: Any) -> Any:
    if isinstance(value, Month):
        return value.iso
    if isinstance(value, Enum):
        return value.value
    if dataclasses.is_dataclass(value):
        kind = type(value).__name__
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)
                if not ((kind, f.name) in _ONLY_WHEN_SET and getattr(value, f.name) in (None, ()))}
    if isinstance(value, (tuple, list)):
        return [_plain(item) for item in value]
    if isinstance(value, float):
        return round(value, _PLACES)
    return value


def scorecard_to_dict(scorecard: Scorecard, *, with_sources: bool = True) -> dict[str, Any]:
    """Everything in the scorecard; ``with_sources=False`` drops file paths, which differ between machines."""
    data: dict[str, Any] = _plain(scorecard)
    if not with_sources:
        _drop_key(data, "file")
        data["sources"] = [path.replace("\\", "/").rsplit("/", 1)[-1] for path in data["sources"]]
    return data


def _drop_key(data: Any, key: str) -> None:
    if isinstance(data, dict):
        data.pop(key, None)
        for value in data.values():
            _drop_key(value, key)
    elif isinstance(data, list):
        for item in data:
            _drop_key(item, key)
