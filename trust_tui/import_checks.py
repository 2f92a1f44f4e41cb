"""What an import checks before anything is written (issue 13): a JSON export may
come from anywhere, so it is read with bounds and every value is checked against
what this trust-tui could have written itself.

- Reading stops after MAX_IMPORT_BYTES (`import /dev/zero` ends with a sentence).
- JSON: no Infinity or NaN, no number beyond 2**53, no text longer than
  MAX_FIELD_CHARS, no nesting deeper than MAX_DEPTH, at most MAX_RECORDS records.
- Each record, once its model has read it: every time has a time zone and every
  date lies within the years 1900 to 2200; sealed text has a nonce and ciphertext
  of the sizes AES-GCM gives.
- Refusals never carry a control character from the file (`inert`).
"""

from __future__ import annotations

import json
import math
import unicodedata
from pathlib import Path
from typing import Any, BinaryIO

from trust_tui.vault.soundness import record_problem

__all__ = ["ImportRefused", "check_count", "check_shape", "inert", "load_json",
           "read_bounded", "record_problem"]

MAX_IMPORT_BYTES = 64 * 1024 * 1024
MAX_RECORDS = 100_000
MAX_DEPTH = 24
MAX_FIELD_CHARS = 256 * 1024
MAX_NUMBER = 2**53
_SHOWN_CHARS = 80
PATH_CHARS = 1000  # a file name is shown whole (made inert), a name from a file cut


class ImportRefused(Exception):
    """An export that cannot be brought in; one sentence, nothing of its content
    beyond the partners' names (made inert)."""


def inert(text: object, limit: int = _SHOWN_CHARS) -> str:
    """Text from a file, safe to print on one line: control, format (bidi) and lone
    surrogate characters become visible codes such as `\\x1b`; long text is cut."""
    shown = str(text)
    cut = len(shown) > limit
    return "".join(_visible(ch) for ch in shown[:limit]) + ("..." if cut else "")


def _visible(ch: str) -> str:
    if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Zl", "Zp"):
        return ch
    return f"\\x{ord(ch):02x}" if ord(ch) < 256 else f"\\u{ord(ch):04x}"


def read_bounded(path: Path | BinaryIO) -> bytes:
    """At most MAX_IMPORT_BYTES of a file (or an open stream, such as standard
    input); more is refused without reading on."""
    if isinstance(path, Path):
        with open(path, "rb") as handle:
            raw = handle.read(MAX_IMPORT_BYTES + 1)
    else:
        raw = path.read(MAX_IMPORT_BYTES + 1)
    if len(raw) > MAX_IMPORT_BYTES:
        name = inert(path, PATH_CHARS) if isinstance(path, Path) else "Standard input"
        raise ImportRefused(f"{name} is larger than any trust-tui export "
                            f"({MAX_IMPORT_BYTES // (1024 * 1024)} MB), so nothing was "
                            "imported.")
    return raw


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number an export holds")


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise ValueError("a number too large")
    return number


def load_json(raw: bytes) -> Any:
    """The parsed JSON; ValueError (or RecursionError) when it is not JSON we accept."""
    return json.loads(raw.decode("utf-8"), parse_constant=_no_constant, parse_float=_finite)


def check_shape(data: Any, source: str) -> None:
    """Depth, text lengths and number sizes of the whole file (no recursion)."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ImportRefused(f"{source} nests deeper than any trust-tui export "
                                f"({MAX_DEPTH} levels), so nothing was imported.")
        if isinstance(value, str):
            _check_text(value, source)
        elif isinstance(value, bool) or value is None:
            pass
        elif isinstance(value, (int, float)):
            if not (math.isfinite(value) and -MAX_NUMBER <= value <= MAX_NUMBER):
                raise ImportRefused(f"{source} holds a number no trust-tui export holds, "
                                    "so nothing was imported.")
        elif isinstance(value, dict):
            for key, item in value.items():
                _check_text(key, source)
                stack.append((item, depth + 1))
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)


def _check_text(text: str, source: str) -> None:
    if len(text) > MAX_FIELD_CHARS:
        raise ImportRefused(f"{source} holds a text longer than {MAX_FIELD_CHARS:,} "
                            "characters, so nothing was imported.")


def check_count(tables: dict[str, Any], source: str) -> None:
    count = sum(len(rows) for rows in tables.values() if isinstance(rows, list))
    if count > MAX_RECORDS:
        raise ImportRefused(f"{source} holds {count:,} records, more than the "
                            f"{MAX_RECORDS:,} one import may bring in, so nothing was "
                            "imported.")
