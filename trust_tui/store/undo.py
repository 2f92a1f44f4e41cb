"""Taking this window's last change back, in any area.

A change answers with a `Change`: the record as saved (or, when nothing changed,
the plain sentence why) and the `Undo` that puts it back. `undo` puts back only
records still as this window left them: words changed in another window since
are never written over.
"""

from __future__ import annotations

from dataclasses import dataclass

from trust_tui.models import Record
from trust_tui.vault import Vault


@dataclass(frozen=True)
class Undo:
    """How to take a change back: records to put back as they were (each beside the
    version this window wrote), records this window added, and records it removed."""

    restore: tuple[tuple[Record, Record], ...] = ()  # (as it was before, as written)
    remove: tuple[Record, ...] = ()
    add_back: tuple[Record, ...] = ()  # removed by the change: put back if still gone


@dataclass(frozen=True)
class Change:
    """What a change did: the record as saved, or `problem` (nothing was changed)."""

    record: Record | None
    undo: Undo = Undo()
    problem: str | None = None


@dataclass(frozen=True)
class Undone:
    put_back: int
    left: int  # changed in another window since: left as it is


def _same(a: Record | None, b: Record) -> bool:
    return a is not None and a.model_dump(mode="json") == b.model_dump(mode="json")


def undo(vault: Vault, step: Undo) -> Undone:
    """Take this window's last change back, record by record; a record changed in
    another window since is left as it is (their words are not written over)."""
    put_back = left = 0
    with vault.transaction():
        restored = []
        for before, written in step.restore:
            if _same(vault.get(type(written), written.id), written):
                restored.append(before)
            else:
                left += 1
        restored += [gone for gone in step.add_back if vault.get(type(gone), gone.id) is None]
        left += len(step.add_back) - sum(1 for r in restored if r in step.add_back)
        vault.put_many(restored)  # what it puts back lands in one write
        put_back += len(restored)
        for added in step.remove:
            if _same(vault.get(type(added), added.id), added):
                vault.remove(type(added), added.id)
                put_back += 1
            else:
                left += 1
    return Undone(put_back, left)
