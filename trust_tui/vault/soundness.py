"""Is a record sound enough to show? Checks beyond its pydantic model, for what
a model accepts but a screen or an export cannot use (issue 13): used by an
import before anything is written, and by `check` for what is already stored."""

from __future__ import annotations

import base64
import binascii
import math
from datetime import date, datetime
from collections.abc import Callable, Iterable
from types import UnionType
from typing import Any, Literal, Union, get_args, get_origin

EARLIEST_YEAR, LATEST_YEAR = 1900, 2200
NONCE_BYTES, TAG_BYTES = 12, 16


def documents(table: object) -> list[object]:
    """A stored table's documents (under any key, of any type: a damaged one is left
    out by its reader); a table that is not an object counts as one document."""
    return list(table.values()) if isinstance(table, dict) else [] if table is None else [table]


# Values that need no look: most of a record (its words, ids, flags and counts).
_PLAIN = frozenset({str, int, bool, type(None)})


def record_problem(dumped: Any) -> str | None:
    """What is wrong with one record as its model read it (the model itself, or its
    model_dump in python mode: the same answer, and the model needs no dump first):
    a few words, never its content; None when nothing is."""
    stack = [dumped]
    plain = _PLAIN
    while stack:
        value = stack.pop()
        kind = type(value)
        if kind in plain:
            continue  # the common case first: at 30 years this walk ran 12,000 times
        if kind is datetime:  # in every record
            problem = _value_problem(value)
            if problem is not None:
                return problem
            continue
        if kind is dict:
            fields = value
        elif kind is list:
            stack.extend(value)
            continue
        elif hasattr(kind, "model_fields"):  # a pydantic model
            if value.model_extra:  # read as its dump would be: one dict
                fields = {**value.__dict__, **value.model_extra}
            else:
                fields = value.__dict__
                if "nonce" not in fields:  # no seal: only the fields that can hold a problem
                    stack.extend(fields[name] for name in _deep_fields(kind))
                    continue
        elif isinstance(value, dict):
            fields = value
        else:
            problem = _value_problem(value)
            if problem is not None:
                return problem
            if isinstance(value, (list, tuple)):
                stack.extend(value)
            continue
        if "nonce" in fields and {"owner", "nonce", "ciphertext"} <= fields.keys() \
                and not _sound_seal(fields):
            return "sealed text of the wrong size"
        stack.extend(v for v in fields.values() if type(v) not in plain)
    return None


def _value_problem(value: Any) -> str | None:
    """What is wrong with one value, apart from what it holds."""
    if isinstance(value, datetime):
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
    return None


_PLAIN_TYPES = (str, int, bool, type(None))
_deep: dict[type, tuple[str, ...]] = {}


def _deep_fields(model: type[Any]) -> tuple[str, ...]:
    """The fields of a pydantic model whose values can hold a problem: not those
    typed as text, whole numbers or yes/no (validated, their values are nothing
    else). pydantic is not imported here: the command line's light path reads this."""
    found = _deep.get(model)
    if found is None:
        found = _deep[model] = tuple(name for name, field in model.model_fields.items()
                                     if not _plain_type(field.annotation))
    return found


def _plain_type(annotation: Any) -> bool:
    if annotation in _PLAIN_TYPES:
        return True
    origin = get_origin(annotation)
    if origin is Literal:
        return all(type(arg) in _PLAIN_TYPES for arg in get_args(annotation))
    if origin is Union or origin is UnionType:
        return all(_plain_type(arg) for arg in get_args(annotation))
    return False


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
        # A packed table's (`keep_placed`): by each document's place in it.
        self._placed: dict[str, tuple[object, dict[int, bool]]] = {}

    def clear(self) -> None:
        self._tables.clear()
        self._placed.clear()

    def keep(self, name: str, table: object, pairs: list[tuple[object, Any]]) -> list[Any]:
        """The records (of (document, record) pairs) that are sound."""
        return self.keep_where(name, table, pairs)[0]

    def keep_where(self, name: str, table: object, pairs: Iterable[tuple[object, Any]],
                   wanted: Callable[[Any], bool] | None = None) -> tuple[list[Any], int]:
        """(the sound records `wanted` accepts, how many were not sound); `pairs` may
        be made one at a time: a record not kept is let go at once."""
        self._placed.pop(name, None)  # parsed now: no packed table kept for it
        entry = self._tables.get(name)  # holds the earlier table, so its ids stay unique
        earlier = entry[1] if entry is not None else {}
        known = earlier if entry is not None and entry[0] is table else {}
        sound, unsound = [], 0
        for doc, record in pairs:
            ok = earlier.get(id(doc))
            if ok is None:
                ok = record_problem(record) is None
            known[id(doc)] = ok
            if not ok:
                unsound += 1
            elif wanted is None or wanted(record):
                sound.append(record)
        self._tables[name] = (table, known)
        return sound, unsound

    def keep_placed(self, name: str, table: object, pairs: Iterable[tuple[int, Any]],
                    wanted: Callable[[Any], bool]) -> tuple[list[Any], int]:
        """`keep_where` for a packed table (vault/lazy.py), whose documents are parsed
        one at a time and let go, so their ids are reused: each pair's first item is
        the document's place in the table instead. Its bytes never change, so what
        was found is remembered by place, and home's questions asked again at every
        visit check no record twice (about 100 ms a visit at 30 years)."""
        self._tables.pop(name, None)  # held packed again (a reload): ids say nothing
        entry = self._placed.get(name)
        known = entry[1] if entry is not None and entry[0] is table else {}
        sound, unsound = [], 0
        for place, record in pairs:
            ok = known.get(place)
            if ok is None:
                ok = known[place] = record_problem(record) is None
            if not ok:
                unsound += 1
            elif wanted(record):
                sound.append(record)
        self._placed[name] = (table, known)
        return sound, unsound
