"""Tables kept as their JSON bytes until something reads them (issue 17: memory).

An open vault holds its decrypted tables; as Python dicts the records take about
three times their JSON's size (at 10 years the journal alone is 1.6 MB of JSON and
4.8 MiB of objects), and home at the unlock reads only some tables. So opening
splits the decrypted body into its tables (`split`) and keeps each larger one as
`Packed`: its own bytes from the body, which a save writes back as they are. The
storage unpacks a table the first time something reads it (`read_table`), and
every table for a whole read (`read`: a merge, a check, a backup put back). The
file's format is unchanged; an older vault opens the same way.

Only the storage and the vault's own write path ever see a `Packed`; every other
reader gets parsed tables. The side tables (revisions, tombstones, history) stay
packed until a write needs them (`settle`).
"""

from __future__ import annotations

import json
import json.decoder
import re
import zlib
from collections.abc import Callable, Iterator
from typing import Any, cast

import orjson

from trust_tui.vault.revisions import SIDE_TABLES

# A table smaller than this (bytes of JSON) stays parsed: it costs little memory
# and the app reads most of the small ones at once (partners, settings, ...).
PACK_FROM = 16 * 1024
# Read by every write (the lockers sealed afresh, revisions stamped): parsed then.
WRITE_READS = ("partners", "lockers", "safety_checks", *SIDE_TABLES)
# Never packed: tiny, and read by nearly everything.
KEEP_PARSED = frozenset(("partners", "settings", "lockers"))

Held = dict[str, Any]  # table name -> the table (dict), a Packed, or a damaged value


class NamedTwice(Exception):
    """A packed table names one document twice: only a whole parse reads it right."""


class Packed:
    """One table as JSON bytes, parsed on demand (never shared with a screen); once
    `squeeze`d, the bytes are held compressed (zlib, in memory only: a seventh of
    their size) and `raw` gives them back."""

    __slots__ = ("_raw", "_zipped")

    def __init__(self, raw: bytes) -> None:
        self._raw: bytes | None = raw
        self._zipped: bytes | None = None

    @property
    def raw(self) -> bytes:
        raw = self._raw  # read once: `squeeze` sets the compressed bytes first
        if raw is not None:
            return raw
        return zlib.decompress(cast(bytes, self._zipped))

    def squeeze(self) -> None:
        """Hold the bytes compressed from now on (the app, once after its unlock:
        issue 17, resident memory; a save or a read decompresses them as needed)."""
        raw = self._raw
        if raw is not None:
            self._zipped = zlib.compress(raw, 1)
            self._raw = None

    def unpack(self) -> Any:
        raw = self.raw  # once: squeezed, each `raw` decompresses them
        try:
            return orjson.loads(raw)
        except ValueError:  # NaN, a huge number, an escaped lone surrogate: exact path
            return json.loads(raw.decode("utf-8"))

    def documents(self) -> Iterator[object]:
        """The table's documents parsed one at a time, each let go when the next is
        read, so a question about a few of years of records never holds the whole
        table parsed (issue 17: resident memory): the same documents, in the same
        order, as `unpack().values()`. A table naming one document twice (never
        written by trust-tui) raises NamedTwice when met: the caller reads it whole."""
        text = self.raw.decode("utf-8")
        names: set[str] = set()
        for name, _start, _end, document in _members(text):
            if name in names:
                raise NamedTwice()
            names.add(name)
            yield document
            del document

    def __repr__(self) -> str:  # never the words, should one land in a log
        size = len(self._raw if self._raw is not None else cast(bytes, self._zipped))
        return f"<packed table, {size} bytes>"


# The standard library's scanner (C), for one value at a time: a table is parsed,
# measured and let go before the next one (its key memo is emptied after each call),
# so no record of a packed table outlives the split. orjson parses faster but keeps
# the keys it saw (a cache for the whole process), and those pinned the memory of
# every record parsed around them (about 10 MiB at 10 years, never given back).
_SCAN = cast(Callable[[str, int], tuple[Any, int]],
             getattr(json.JSONDecoder(), "scan_once"))  # noqa: B009  (untyped in typeshed)
_STRING = cast(Callable[[str, int, bool], tuple[str, int]],
               getattr(json.decoder, "scanstring"))  # noqa: B009
_WHITESPACE = re.compile(r"[ \t\n\r]*")  # JSON's, as json.decoder skips it


def _skip(text: str, at: int) -> int:
    """Where the whitespace from `at` ends (always matches: maybe nothing)."""
    found = _WHITESPACE.match(text, at)
    return at if found is None else found.end()


def _members(text: str) -> Iterator[tuple[str, int, int, Any]]:
    """(name, start, end, value) of each member of the JSON object `text` holds, one
    at a time (the caller lets go of each value before asking for the next);
    ValueError, StopIteration or RecursionError when `text` is anything else."""
    end = _skip(text, 0)
    if text[end:end + 1] != "{":
        raise ValueError("not an object")
    end = _skip(text, end + 1)
    if text[end:end + 1] == "}":  # no members at all
        end += 1
    else:
        while True:
            if text[end:end + 1] != '"':
                raise ValueError("no name")
            name, end = _STRING(text, end + 1, True)
            end = _skip(text, end)
            if text[end:end + 1] != ":":
                raise ValueError("no colon")
            start = _skip(text, end + 1)
            value, end = _SCAN(text, start)
            yield name, start, end, value
            del value  # let go before the next member is parsed
            end = _skip(text, end)
            separator = text[end:end + 1]
            end += 1
            if separator == "}":
                break
            if separator != ",":
                raise ValueError("no comma")
            end = _skip(text, end)
    if _skip(text, end) != len(text):
        raise ValueError("more after the object")


def split(plain: bytes) -> Held | None:
    """A decrypted body (a JSON object of tables) with each larger table packed as
    its own bytes and the others parsed; None when the body is anything else (the
    caller then parses it whole, as before, and says what is wrong with it)."""
    try:
        text = plain.decode("utf-8")
    except UnicodeDecodeError:
        return None
    spans: list[tuple[str, int, int, bool]] = []
    try:
        for name, start, end, value in _members(text):
            packs = (isinstance(value, dict) and name not in KEEP_PARSED
                     and end - start >= PACK_FROM)
            del value  # this table's records are let go before the next is parsed
            spans.append((name, start, end, packs))
    except (ValueError, StopIteration, RecursionError):
        return None
    tables: Held = {}
    for name, start, end, packs in spans:
        piece = Packed(text[start:end].encode("utf-8"))
        tables[name] = piece if packs else piece.unpack()
    return tables


def unpacked(value: Any) -> Any:
    return value.unpack() if isinstance(value, Packed) else value


def unpack_all(held: Held) -> dict[str, Any]:
    """Every table parsed (the same dict when none was packed)."""
    if not any(isinstance(value, Packed) for value in held.values()):
        return held
    return {name: unpacked(value) for name, value in held.items()}


def settle(old: Held | None, new: Held) -> tuple[Held | None, Held]:
    """(old, new) ready for a write's bookkeeping (lockers, revisions): the tables
    every write reads are parsed, once for both sides when they are the same
    (revisions tell a caller's own by identity); a packed table that is not the
    very one held before (or was held packed and is now replaced) is parsed, so
    the revisions compare records, never bytes. A table packed on both sides
    (unchanged) stays packed: the save copies its bytes."""
    if old is None:
        return None, unpack_all(new)
    old_out, new_out = dict(old), dict(new)
    for name in set(old) | set(new):
        before, after = old.get(name), new.get(name)
        if before is after and isinstance(after, Packed):
            if name in WRITE_READS:
                old_out[name] = new_out[name] = after.unpack()
            continue
        if isinstance(before, Packed):
            old_out[name] = before.unpack()
        if isinstance(after, Packed):
            new_out[name] = after.unpack()
    return old_out, new_out


def fragment_of(value: object) -> Any:
    """orjson's `default`: a packed table written as its bytes, untouched."""
    if isinstance(value, Packed):
        fragment = getattr(orjson, "Fragment", None)  # orjson 3.9.15 and later
        return value.unpack() if fragment is None else fragment(value.raw)
    raise TypeError(f"cannot write {type(value).__name__}")
