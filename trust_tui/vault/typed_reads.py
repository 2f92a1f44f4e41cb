"""Reading typed records out of the vault: every one of a kind, those a question
wants, the newest page, one by id. A part of `Vault` (vault/vault.py), which
holds the storage, the soundness cache and the `unreadable` counts used here."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, TypeVar, cast

from pydantic import ValidationError

from trust_tui.models import Record
from trust_tui.vault.errors import UnreadableRecord
from trust_tui.vault.lazy import NamedTwice, Packed
from trust_tui.vault.records import collector_paused, newest, validated
from trust_tui.vault.soundness import SoundCache, documents

if TYPE_CHECKING:
    from trust_tui.vault.storage import EncryptedStorage

R = TypeVar("R", bound=Record)


class TypedReads:
    """The reading part of `Vault` (a mixin; Vault defines what is declared here)."""

    _storage: EncryptedStorage
    _sound: SoundCache
    unreadable: dict[str, int]

    if TYPE_CHECKING:
        def _require_unlocked(self) -> None: ...

    # Reads take no lock: every change below is copy-on-write (a new dict per
    # changed table, swapped in only after the write is durable), so a read on
    # the UI thread never waits for a save's fsync on the writer thread and never
    # sees a half-made change (so TinyDB's own in-place writes are not used).

    def all(self, model: type[R]) -> list[R]:
        """Every record of this kind. One that does not fit this version's model
        (written by a newer trust-tui, say) or that a screen could not use (a time
        with no zone, a seal of the wrong size: vault/soundness.py) is left out
        here, counted in `unreadable`, and kept in the file untouched."""
        self._require_unlocked()
        table = self._storage.read_table(model.table)
        # The stored table, not TinyDB's view: a damaged document is left out.
        pairs, skipped = validated(table, lambda doc: validate_record(model, doc))
        with collector_paused():
            records: list[R] = self._sound.keep(model.table, table, pairs)
        self._count_unreadable(model.table, skipped + len(pairs) - len(records))
        return records

    def all_where(self, model: type[R], wanted: Callable[[R], bool]) -> list[R]:
        """`all(model)` keeping only the records `wanted` accepts; each other one is
        let go as soon as it is checked, so years of records never stand as models
        at once for a question about a few (issue 17: resident memory). A table held
        packed is read one document at a time and stays packed: home's questions
        (a talk under way, today's check-ins) never hold years of records parsed.
        What it had to leave out is counted in `unreadable` as `all` counts it."""
        self._require_unlocked()
        held = self._storage.read_held().get(model.table)
        if isinstance(held, Packed):
            try:
                return self._where(model, held, enumerate(held.documents()), wanted)
            except NamedTwice:  # a doctored table: read whole, as `all` reads it
                pass
        table = self._storage.read_table(model.table)
        return self._where(model, table, ((doc, doc) for doc in documents(table)), wanted)

    def _where(self, model: type[R], table: object, docs: Iterable[tuple[object, object]],
               wanted: Callable[[R], bool]) -> list[R]:
        """`docs`: (its key for the soundness cache, the document) of each one."""
        skipped = 0

        def checked() -> Iterator[tuple[object, R]]:
            nonlocal skipped
            for key, doc in docs:
                try:
                    yield key, validate_record(model, doc)
                except UnreadableRecord:
                    skipped += 1

        if isinstance(table, Packed):
            records, unsound = self._sound.keep_placed(
                model.table, table, cast(Iterator[tuple[int, R]], checked()), wanted)
        else:
            records, unsound = self._sound.keep_where(model.table, table, checked(), wanted)
        self._count_unreadable(model.table, skipped + unsound)
        return records

    def squeeze_unread(self) -> None:
        """Hold the tables not read yet compressed in memory (a seventh of their
        size; each is decompressed when first read or saved): the app's unlock does
        this once, off the event loop (issue 17: resident memory)."""
        self._require_unlocked()
        self._storage.squeeze()

    def _count_unreadable(self, table: str, skipped: int) -> None:
        if skipped:
            self.unreadable[table] = skipped
        else:
            self.unreadable.pop(table, None)

    def newest(self, model: type[R], count: int) -> tuple[list[R], int]:
        """The `count` newest records of this kind (by `created_at`, then id) not
        deleted, each read and checked as `all` does, and about how many there are
        (records.newest); without reading the rest. A first page of years of them."""
        self._require_unlocked()
        table = self._storage.read_table(model.table)

        def read(doc: object) -> R | None:
            try:
                pair = (doc, validate_record(model, doc))
            except UnreadableRecord:
                return None
            sound = self._sound.keep(model.table, table, [pair])
            return sound[0] if sound and not getattr(sound[0], "deleted", False) else None

        return newest(table, count, read)

    def get(self, model: type[R], record_id: str) -> R | None:
        self._require_unlocked()
        for doc in documents(self._storage.read_table(model.table)):
            if isinstance(doc, dict) and doc.get("id") == record_id:
                return validate_record(model, doc)
        return None


def validate_record(model: type[R], doc: object) -> R:
    if not isinstance(doc, dict):
        raise UnreadableRecord(model.table)
    try:
        return model.model_validate(doc)
    except ValidationError:
        raise UnreadableRecord(model.table) from None  # its message would quote their words
