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
        try:
            with open(self.file, "rb") as handle:
                raw = json.loads(handle.read(MAX_SEEN_FILE + 1))
        except (OSError, ValueError, RecursionError):
            return {}
        if not isinstance(raw, dict):
            return {}
        return {key: note for key, note in raw.items()
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
        seen.pop(vault_id, None)
        seen[vault_id] = [generation, self._today().isoformat()]
        while len(seen) > MAX_VAULTS:
            seen.pop(next(iter(seen)))
        try:
            make_private_folder(self.file.parent)
            write_private_file(self.file, json.dumps(seen).encode("ascii"))
        except OSError:
            pass  # a read-only home: no note, and the vault still opens and saves
