"""Is a record sound enough to show? Checks beyond its pydantic model, for what
a model accepts but a screen or an export cannot use (issue 13): used by an
import before anything is written, and by `check` for what is already stored."""

from __future__ import annotations

import base64
import binascii
import math
from datetime import date, datetime
from typing import Any

EARLIEST_YEAR, LATEST_YEAR = 1900, 2200
NONCE_BYTES, TAG_BYTES = 12, 16


def documents(table: object) -> list[object]:
    """A stored table's documents (under any key, of any type: a damaged one is left
    out by its reader); a table that is not an object counts as one document."""
    return list(table.values()) if isinstance(table, dict) else [] if table is None else [table]


# Values that need no look: most of a record (its words, ids, flags and counts).
_PLAIN = frozenset({str, int, bool, type(None)})


def record_problem(dumped: Any) -> str | None:
    """What is wrong with one record as its model read it (model_dump, python mode):
    a few words, never its content; None when nothing is."""
    stack = [dumped]
    plain = _PLAIN
    while stack:
        value = stack.pop()
        kind = type(value)
        if kind in plain:
            continue  # the common case first: at 30 years this walk ran 12,000 times
        if kind is dict:
            if {"owner", "nonce", "ciphertext"} <= value.keys() and not _sound_seal(value):
                return "sealed text of the wrong size"
            stack.extend(v for v in value.values() if type(v) not in plain)
        elif isinstance(value, datetime):
            if value.tzinfo is None or value.utcoffset() is None:
                return "a time without a time zone"
            if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
                return f"a date outside the years {EARLIEST_YEAR} to {LATEST_YEAR}"
        elif isinstance(value, date):
            if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
                return f"a date outside the years {EARLIEST_YEAR} to {LATEST_YEAR}"
        elif isinstance(value, float):
            if not math.isfinite(value):
                return "a number that is not finite"
        elif isinstance(value, dict):
            if {"owner", "nonce", "ciphertext"} <= value.keys() and not _sound_seal(value):
                return "sealed text of the wrong size"
            stack.extend(value.values())
        elif isinstance(value, (list, tuple)):
            stack.extend(value)
    return None


def _sound_seal(seal: dict[str, Any]) -> bool:
    try:
        nonce = base64.b64decode(str(seal["nonce"]).encode("ascii"), validate=True)
        sealed = base64.b64decode(str(seal["ciphertext"]).encode("ascii"), validate=True)
    except (binascii.Error, ValueError):
        return False
    return len(nonce) == NONCE_BYTES and len(sealed) >= TAG_BYTES


class SoundCache:
    """Which stored documents passed `record_problem`, per table object: tables are
    copy-on-write, so a document unchanged since the last read is not checked again
    (the check costs about twice a model's validation). Cleared on lock."""

    def __init__(self) -> None:
        self._tables: dict[str, tuple[object, dict[int, bool]]] = {}

    def clear(self) -> None:
        self._tables.clear()

    def keep(self, name: str, table: object, pairs: list[tuple[object, Any]]) -> list[Any]:
        """The records (of (document, record) pairs) that are sound."""
        entry = self._tables.get(name)  # holds the earlier table, so its ids stay unique
        earlier = entry[1] if entry is not None else {}
        known = earlier if entry is not None and entry[0] is table else {}
        sound = []
        for doc, record in pairs:
            ok = earlier.get(id(doc))
            if ok is None:
                ok = record_problem(record.model_dump()) is None
            known[id(doc)] = ok
            if ok:
                sound.append(record)
        self._tables[name] = (table, known)
        return sound
