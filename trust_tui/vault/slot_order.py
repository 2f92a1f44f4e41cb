"""Which keyslot to try first, from what this machine saw (issue 17, speed).

A passphrase is tried against the keyslots one after the other, each a full key
derivation (about a quarter of a second by design), so the partner whose slot
comes second in the file waits twice as long. The file cannot say whose slot is
whose (slots name no one), so this machine remembers, per vault id, the keyslot
that opened it here last and whether it did so twice in a row: once it has, that
slot is tried first. Two partners taking turns on one account keep the file's
order, as before; a partner on their own account has their slot first from the
third unlock on.

In one small 0600 file in the state folder, beside seen-generations.json: vault
ids and keyslot ids only (random; no names, no paths, nothing secret). Whoever
can read this account's files learns which keyslot was used here lately, which
the same account's use tells them anyway. Never in the way: a note that cannot be
read or written is no note, and every slot is still tried.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from trust_tui import paths
from trust_tui.vault.seen import read_notes, write_note

ORDER_NAME = "keyslot-order.json"
TWICE = 2


class SlotOrder:
    def __init__(self, file: Path | None = None) -> None:
        self.file = file if file is not None else paths.state_folder() / ORDER_NAME

    def _read(self) -> dict[str, list[Any]]:
        return {key: note for key, note in read_notes(self.file).items()
                if isinstance(note, list) and len(note) == 2
                and isinstance(note[0], str) and type(note[1]) is int
                and note[1] in (1, TWICE)}

    def first(self, vault_id: str) -> str | None:
        """The keyslot to try first for this vault, if one opened it twice in a row."""
        note = self._read().get(vault_id) if vault_id else None
        return note[0] if note is not None and note[1] == TWICE else None

    def opened(self, vault_id: str, slot_id: str) -> None:
        """This keyslot opened the vault here (written only when the note changes)."""
        if not vault_id:
            return  # an older vault: noted once a save gives it an id
        notes = self._read()
        before = notes.get(vault_id)
        note = [slot_id, TWICE if before is not None and before[0] == slot_id else 1]
        if before == note:
            return
        write_note(self.file, notes, vault_id, note)  # the oldest go past 1,000 vaults
