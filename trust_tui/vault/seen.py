"""What this machine remembers about the vaults it opened: per vault id, the
highest generation opened here and the day it was. Nothing else (no names, no
paths, nothing secret), in one small 0600 file in the state folder, outside any
vault: a copy restored or rolled back to an older generation is then noticed.

Never in the way: a state file that cannot be read or written is a missing note,
never a refusal to open.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from trust_tui import paths
from trust_tui.files import make_private_folder, write_private_file

SEEN_NAME = "seen-generations.json"
MAX_SEEN_FILE = 1024 * 1024
MAX_VAULTS = 1000  # the oldest notes go first past this many vaults


@dataclass(frozen=True)
class Older:
    """This copy is older than one opened here before."""

    generation: int  # the copy's
    seen_generation: int  # the highest opened here
    seen_on: date  # the day that one was opened

    def sentence(self) -> str:
        day = f"{self.seen_on.day} {self.seen_on.strftime('%B')} {self.seen_on.year}"
        return (f"This copy is older than one opened on this machine on {day}: "
                "a restored backup, or a rolled-back copy.")


class SeenGenerations:
    def __init__(self, file: Path | None = None,
                 today: Callable[[], date] = date.today) -> None:
        self.file = file if file is not None else paths.state_folder() / SEEN_NAME
        self._today = today

    def _read(self) -> dict[str, list[Any]]:
        return {key: note for key, note in read_notes(self.file).items()
                if isinstance(note, list) and len(note) == 2
                and isinstance(note[0], int) and isinstance(note[1], str)}

    def older(self, vault_id: str, generation: int) -> Older | None:
        note = self._read().get(vault_id) if vault_id else None
        if note is None or generation >= note[0]:
            return None
        try:
            seen_on = date.fromisoformat(note[1])
        except ValueError:
            seen_on = self._today()
        return Older(generation, note[0], seen_on)

    def note(self, vault_id: str, generation: int, *, replace: bool = False) -> None:
        """Remember `generation` if higher than the one noted (`replace`: whatever
        it is, once the couple chose to carry on with an older copy)."""
        if not vault_id:
            return  # an older vault: noted from its first save on, once it has an id
        seen = self._read()
        noted = seen.get(vault_id)
        if noted is not None and not replace and generation <= noted[0]:
            return
        write_note(self.file, seen, vault_id, [generation, self._today().isoformat()])


def read_notes(file: Path) -> dict[str, Any]:
    """A note file of this machine's (vault id -> note); {} when it cannot be read."""
    try:
        with open(file, "rb") as handle:
            raw = json.loads(handle.read(MAX_SEEN_FILE + 1))
    except (OSError, ValueError, RecursionError):
        return {}
    return raw if isinstance(raw, dict) else {}


def write_note(file: Path, notes: dict[str, list[Any]], vault_id: str,
               note: list[Any]) -> None:
    """`notes` with this vault's note as the newest, the oldest dropped past
    MAX_VAULTS; a file that cannot be written is no note (never a refusal)."""
    notes.pop(vault_id, None)
    notes[vault_id] = note
    while len(notes) > MAX_VAULTS:
        notes.pop(next(iter(notes)))
    try:
        make_private_folder(file.parent)
        write_private_file(file, json.dumps(notes).encode("ascii"))
    except OSError:
        pass  # a read-only home: no note, and the vault still opens and saves
