"""Random and mutated JSON exports for the hostile-import tests (issue 13, item 6).

`small_export()` is a real export of the demo couple cut to a few records per
table (built once); `mutate(data, choose)` replaces, deletes or nests one value
somewhere in it, `choose(n)` picking among n choices (hypothesis or random)."""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Callable
from datetime import date, datetime, timezone
from pathlib import Path

HOSTILE_VALUES: list[object] = [
    None, "", "\x1b[2J\x1b]0;owned\x07", "\ud800", 0, -1, 2**60, 1e308, -1e-300, 3.5, True,
    [], {}, [[[[]]]], "0001-01-01T00:00:00+00:00", "2024-01-01T00:00:00",
    "9999-12-31T23:59:59+14:00", "1900-01-01T00:00:00-12:00", "2200-12-31", "AAAA",
    "AAAAAAAAAAAAAAAA", "x" * 5000, {"owner": "x", "nonce": "", "ciphertext": ""},
]


@functools.cache
def _small_export_text() -> str:
    import tempfile

    from trust_tui import export
    from trust_tui.demo import create_demo
    from trust_tui.vault import FAST_TEST_KDF

    with tempfile.TemporaryDirectory() as folder:
        vault, _ = create_demo(Path(folder) / "demo.vault", end=date(2026, 3, 1),
                               kdf=FAST_TEST_KDF)
        data = export.export_data(vault, datetime(2026, 3, 1, tzinfo=timezone.utc))
    data["tables"] = {name: rows[:3] for name, rows in data["tables"].items()}
    return json.dumps(data)


def small_export() -> dict:
    return json.loads(_small_export_text())


def _places(value: object, path: tuple = ()) -> list[tuple]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _places(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _places(item, (*path, index))
    return found


def mutate(data: dict, choose: Callable[[int], int]) -> dict:
    """One change at a place chosen among every value's place (below the top)."""
    data = copy.deepcopy(data)
    places = [p for p in _places(data) if p]
    path = places[choose(len(places))]
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    how = choose(3)
    if how == 0 and isinstance(parent, dict):
        del parent[path[-1]]
    elif how == 1:
        parent[path[-1]] = {"deep": parent[path[-1]]}
    else:
        parent[path[-1]] = copy.deepcopy(HOSTILE_VALUES[choose(len(HOSTILE_VALUES))])
    return data


def as_bytes(data: dict) -> bytes:
    """As a file would hold it (a lone surrogate escaped, as our JSON export does)."""
    return json.dumps(data).encode("utf-8")
