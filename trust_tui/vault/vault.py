"""The typed repository: pydantic models in and out, TinyDB and the file below.

Every change runs as a transaction: take the in-process mutex and the file lock,
reload whatever another instance wrote, apply the change, write the new
generation durably, release. So two terminals (or the app and a CLI command) on
one file never lose each other's writes; a writer waits (bounded) for the lock.
"""

from __future__ import annotations

import contextlib
import copy
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar, cast

import filelock

from trust_tui.files import describe_os_error, make_private_folder
from trust_tui.models import Partner, Record, Settings, utc_now
from trust_tui.vault import fileformat, keyslots, reading, revisions
from trust_tui.vault.backups import Backups, damaged_path
from trust_tui.vault.errors import (
    UnknownPartner,
    VaultBusy,
    VaultExists,
    VaultLocked,
    WriteFailed,
)
from trust_tui.vault.passphrases import MIN_PASSPHRASE, Passphrases, check_passphrase
from trust_tui.vault.locker import Lockers
from trust_tui.vault.private import PrivateText
from trust_tui.vault.revisions import Revisions
from trust_tui.vault.rotation import KeyRotation
from trust_tui.vault.typed_reads import TypedReads, validate_record
from trust_tui.vault.soundness import SoundCache
from trust_tui.vault.storage import (
    LOCK_TIMEOUT_SECONDS,
    EncryptedStorage,
    file_identity,
    find_orphans,
    lock_path,
    real_file,
    remove_orphans,
)
from trust_tui.vault.wiping import KeyWiping

# Importable from here as before the private-text, passphrase and backup parts moved out.
__all__ = ["LOCK_TIMEOUT_SECONDS", "MIN_PASSPHRASE", "Vault", "check_passphrase",
           "damaged_path", "lock_path"]

R = TypeVar("R", bound=Record)


class Vault(TypedReads, PrivateText, Passphrases, KeyRotation, Lockers, Backups, KeyWiping,
            Revisions):
    """An unlocked vault. Create with `Vault.create` or `Vault.open`.

    Here: opening, locking, transactions and writing typed records; reading them,
    private text, passphrases, new keys and backups come from the mixins in their
    own modules.
    """

    def __init__(self, path: Path, storage: EncryptedStorage, slot_id: str,
                 private_key: bytes, lock_timeout: float = LOCK_TIMEOUT_SECONDS) -> None:
        self.path = path
        self._storage = storage
        self._slot_id = slot_id
        self._private_key: bytes | None = cast(bytes, bytearray(private_key))  # a lock wipes it
        self._private_keys: dict[str, bytes] = {}  # partners who typed their passphrase
        self._locker_adds = {}  # a safety check being kept: partner -> (key, check)
        # Every write seals the lockers afresh, then stamps revisions and tombstones.
        storage.before_write = self._before_write
        self.revision_clock: revisions.Clock = utc_now  # the wall time a revision says
        # Per table: (the table dict it was built from, its record ids, next key); an id
        # is whatever the document holds (object: a damaged one may hold none).
        # Tables are copy-on-write, so an unchanged table is the same object.
        self._ids: dict[str, tuple[fileformat.Table, frozenset[object], int]] = {}
        self.unreadable: dict[str, int] = {}  # table -> records `all()` had to leave out
        self._sound = SoundCache()
        self._mutex = threading.RLock()
        self._file_lock = filelock.FileLock(lock_path(path), timeout=lock_timeout,
                                            thread_local=False, mode=0o600)

    # --- opening ------------------------------------------------------------

    @staticmethod
    def exists(path: Path) -> bool:
        return Path(path).exists()

    @classmethod
    def create(cls, path: Path, partners: list[tuple[str, str]],
               kdf: keyslots.KdfParams | None = None,
               lock_timeout: float = LOCK_TIMEOUT_SECONDS) -> "Vault":
        """A new vault for these (name, passphrase) pairs, unlocked as the first."""
        path = real_file(path)  # resolved once: a link stays a link
        if os.path.islink(path):  # still a link once followed: a loop
            raise WriteFailed(path, "it is a link that leads back to itself")
        kdf = kdf or keyslots.KdfParams.default()
        kdf.check_caps()
        if not partners:
            raise ValueError("A vault needs at least one partner.")
        names = [name.strip() for name, _ in partners]
        if any(not n for n in names) or len({n.casefold() for n in names}) != len(names):
            raise ValueError("Each partner needs a name of their own.")
        for _, passphrase in partners:
            check_passphrase(passphrase)
        secrets = [passphrase for _, passphrase in partners]
        if any(keyslots.same_passphrase(a, b)
               for i, a in enumerate(secrets) for b in secrets[i + 1:]):
            raise ValueError("Each partner needs a passphrase of their own.")
        data_key = os.urandom(keyslots.KEY_SIZE)
        slots, people, keys = [], [], {}
        for name, passphrase in partners:
            private_key = os.urandom(keyslots.KEY_SIZE)
            slot_id = os.urandom(8).hex()
            slots.append(keyslots.Keyslot.seal(slot_id, passphrase, data_key, private_key, kdf))
            people.append(Partner(name=name.strip(), slot_id=slot_id,
                                  key_check=fileformat.key_check(private_key)))
            keys[people[-1].id] = private_key
        tables = {
            Partner.table: {str(i + 1): p.model_dump(mode="json") for i, p in enumerate(people)},
            Settings.table: {"1": Settings().model_dump(mode="json")},
        }
        try:
            make_private_folder(path.parent)  # 0700, whatever the umask
        except OSError as exc:
            raise WriteFailed(path, describe_os_error(exc)) from None
        header = fileformat.Header(generation=0, slots=slots)
        storage = EncryptedStorage(path, header, data_key, tables, None)
        vault = cls(path, storage, slots[0].id, keys[people[0].id], lock_timeout)
        with vault._locked():
            if path.exists():
                raise VaultExists(path)
            storage.write(vault.with_lockers(tables, keys))  # one for each from the start
        return vault

    @classmethod
    def read_file(cls, path: Path) -> fileformat.VaultFile:
        """Parse and checksum the file without unlocking it (cheap, no KDF)."""
        return reading.read_file(path)

    @classmethod
    def open(cls, path: Path, passphrase: str,
             lock_timeout: float = LOCK_TIMEOUT_SECONDS) -> "Vault":
        """Unlock with either partner's passphrase. Slow (key derivation): use a worker."""
        path = real_file(path)  # resolved once: a link stays a link
        identity = file_identity(path)
        parsed = cls.read_file(path)
        return cls.from_unlocked(path, parsed, parsed.unlock(passphrase), identity,
                                 lock_timeout)

    @classmethod
    def from_unlocked(cls, path: Path, parsed: fileformat.VaultFile,
                      unlocked: tuple[keyslots.Keyslot, bytes, bytes],
                      identity: tuple[int, int, int] | None,
                      lock_timeout: float = LOCK_TIMEOUT_SECONDS, *,
                      packed: bool = True) -> "Vault":
        """The vault of a file read at `identity`, its slot already unlocked
        (`open`, or `reading.open_ahead` with the key derived on a thread); with
        `packed`, the larger tables are read on demand (vault/lazy.py)."""
        slot, data_key, private_key = unlocked
        tables = parsed.decrypt(data_key, path, packed=packed)
        storage = EncryptedStorage(path, parsed.header, data_key, tables, identity,
                                   packed=packed)
        vault = cls(path, storage, slot.id, private_key, lock_timeout)
        vault._tidy()
        return vault

    def _tidy(self) -> None:
        """Remove temp files of a killed writer (only safe while holding the lock).

        Opening otherwise writes nothing at all, not even the lock file, so a
        read-only folder or a second terminal can still read.
        """
        if not find_orphans(self.path):
            return
        try:
            with self._file_lock.acquire(timeout=0):
                remove_orphans(self.path)
        except (filelock.Timeout, OSError):
            pass  # someone is writing, or the folder is read-only: nothing to tidy

    # --- locking ------------------------------------------------------------

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        with self._mutex:
            try:
                self._file_lock.acquire()
            except filelock.Timeout:
                raise VaultBusy(self.path) from None
            except OSError as exc:
                raise WriteFailed(self.path, describe_os_error(exc)) from None
            try:
                yield
            finally:
                self._file_lock.release()
        self._wipe_when_idle()  # a lock while this ran left its keys to wipe

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Hold the lock and see the latest file for a read-modify-write.

        If the body fails, whatever it changed in memory is dropped: the next
        read comes from the file, which still holds the last saved generation.
        """
        self._require_unlocked()
        with self._locked():
            self._storage.refresh(thorough=True)
            try:
                yield
            except BaseException:
                self._storage.invalidate()
                raise

    def _require_unlocked(self) -> None:
        if self._private_key is None:
            raise VaultLocked()

    @property
    def is_locked(self) -> bool:
        return self._private_key is None

    def lock(self) -> None:
        """Drop the keys and every decrypted record from memory, at once.

        No waiting for the mutex: a save in flight either finishes (its key was
        already in hand) or stops with VaultLocked, leaving the file as it was.
        """
        self._wipe_later(self._private_key, *self._private_keys.values(), self._storage.data_key_held)
        self._private_key = None
        self._private_keys.clear()
        self._sound.clear()
        self._storage.forget()
        self._ids.clear()  # its tables are decrypted records too

    def changed_on_disk(self) -> bool:
        """True when another instance wrote since we last read (cheap: one stat)."""
        return not self.is_locked and self._storage.changed_on_disk()

    def reload(self) -> bool:
        self._require_unlocked()
        with self._mutex:
            return self._storage.refresh()

    @property
    def loads(self) -> int:
        """How many times the file was read again since opening (another app wrote:
        whoever read first, a screen or a look at the disk, saw it)."""
        return self._storage.loads

    @property
    def generation(self) -> int:
        """How many times the file was written (orders versions; never wall time)."""
        self._require_unlocked()
        return self._storage.generation

    # --- typed records (reading them: vault/typed_reads.py) ---------------------

    def add(self, record: Record) -> None:
        self.add_many([record])

    def add_many(self, records: Iterable[Record], skip_existing: bool = False) -> int:
        """Insert records in one write; with skip_existing, ids already there are left."""
        by_table: dict[str, list[Record]] = {}
        for record in records:
            by_table.setdefault(type(record).table, []).append(record)
        added = 0
        with self.transaction():
            data = dict(self._storage.read_held())  # the tables not changed stay packed
            indexes = {}
            for table_name, batch in by_table.items():
                current = self._stored_table(table_name)
                existing, next_key = self._table_ids(table_name, current)
                fresh: list[Record] = []
                fresh_ids: set[str] = set()
                for record in batch:
                    if record.id in existing or record.id in fresh_ids:
                        if skip_existing:
                            continue
                        raise ValueError("A record with this id is already in the vault.")
                    fresh_ids.add(record.id)
                    fresh.append(record)
                if fresh:
                    table = dict(current)
                    for offset, record in enumerate(fresh):
                        table[str(next_key + offset)] = record.model_dump(mode="json")
                    data[table_name] = table
                    indexes[table_name] = (table, existing | fresh_ids, next_key + len(fresh))
                    added += len(fresh)
            if added:
                self._storage.write(data)
                self._ids.update(indexes)  # only once the write is durable
        return added

    def _table_ids(self, table_name: str,
                   table: fileformat.Table) -> tuple[frozenset[object], int]:
        """The ids in a table and its next TinyDB key; one scan per table change,
        not per save (at 10 years the scans were a tenth of a save's time)."""
        cached = self._ids.get(table_name)
        if cached is not None and cached[0] is table:
            return cached[1], cached[2]
        ids = frozenset(doc.get("id") for doc in table.values() if isinstance(doc, dict))
        next_key = int(_next_key(table))
        self._ids[table_name] = (table, ids, next_key)
        return ids, next_key

    def _stored_table(self, table_name: str) -> fileformat.Table:
        """One table as stored, parsed ({} when there is none); the others stay packed."""
        found = self._storage.read_table(table_name)
        return {} if found is None else cast(fileformat.Table, found)

    def _table_copy(self, table_name: str) -> fileformat.Table:
        return dict(self._stored_table(table_name))

    def _save_table(self, table_name: str, table: fileformat.Table) -> None:
        data = dict(self._storage.read_held())
        data[table_name] = table
        self._storage.write(data)

    def put(self, record: Record) -> None:
        """Insert or replace the record with this id."""
        name = type(record).table
        with self.transaction():
            table = self._table_copy(name)
            key = _key_of(table, record.id) or _next_key(table)
            table[key] = record.model_dump(mode="json")
            self._save_table(name, table)

    def put_many(self, records: Iterable[Record]) -> None:
        """Insert or replace each of these records in one durable write: after a
        crash or a failed write either all of them are there, or none is."""
        with self.transaction():
            data = dict(self._storage.read_held())
            tables: fileformat.Tables = {}
            for record in records:
                name = type(record).table
                table = tables.setdefault(name, self._table_copy(name))
                key = _key_of(table, record.id) or _next_key(table)
                table[key] = record.model_dump(mode="json")
            if tables:
                self._storage.write({**data, **tables})

    def update(self, model: type[R], record_id: str, change: Callable[[R], R | None]) -> R:
        """Read the latest record under the lock, apply `change`, save it.

        `change` may mutate and return None, or return a new model.
        """
        with self.transaction():
            table = self._table_copy(model.table)
            key = _key_of(table, record_id)
            if key is None:
                raise KeyError(record_id)
            current = validate_record(model, copy.deepcopy(table[key]))
            result = change(current)
            updated = current if result is None else result
            table[key] = updated.model_dump(mode="json")
            self._save_table(model.table, table)
            return updated

    def remove(self, model: type[Record], record_id: str) -> bool:
        with self.transaction():
            table = self._table_copy(model.table)
            key = _key_of(table, record_id)
            if key is None:
                return False
            del table[key]
            self._save_table(model.table, table)
            return True

    def counts(self) -> dict[str, int]:
        self._require_unlocked()
        return {name: len(rows) for name, rows in self._storage.read().items()
                if not revisions.is_side_table(name)}

    # --- partners and settings -------------------------------------------------

    @property
    def partners(self) -> list[Partner]:
        return self.all(Partner)

    @property
    def me(self) -> Partner:
        """The partner whose passphrase unlocked this vault."""
        for partner in self.partners:
            if partner.slot_id == self._slot_id:
                return partner
        raise LookupError("no partner for this keyslot")

    def partner_named(self, name: str) -> Partner:
        people = self.partners
        for partner in people:
            if partner.name.casefold() == name.strip().casefold():
                return partner
        raise UnknownPartner(name, [p.name for p in people])

    def name_of(self, partner_id: str | None) -> str:
        for partner in self.partners:
            if partner.id == partner_id:
                return partner.name
        return "both of you" if partner_id is None else "someone"

    @property
    def settings(self) -> Settings:
        found = self.all(Settings)
        return found[0] if found else Settings()

    def save_settings(self, settings: Settings) -> None:
        self.put(settings)


def _key_of(table: fileformat.Table, record_id: str) -> str | None:
    for key, doc in table.items():
        if isinstance(doc, dict) and doc.get("id") == record_id:
            return key
    return None


def _next_key(table: fileformat.Table) -> str:
    # TinyDB's document ids: one more than the largest, as TinyDB itself does.
    return str(max((int(k) for k in table if k.isascii() and k.isdigit()), default=0) + 1)
