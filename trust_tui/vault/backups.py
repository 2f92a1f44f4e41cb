"""Backups: the previous generation put back, also when the current file is damaged.

Every write keeps the generation before it as `<vault>.bak`; a damaged current
file is set aside as `<vault>.damaged` (then `.damaged.1`, `.damaged.2`, ...),
never deleted nor overwritten.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Self

from trust_tui.files import describe_os_error
from trust_tui.vault import fileformat
from trust_tui.vault.revisions import as_changes, record_tables
from trust_tui.vault.errors import DamagedVault, NoBackup, NoVault, VaultBusy, WriteFailed
from trust_tui.vault.seen import Older, SeenGenerations
from trust_tui.vault.storage import (
    LOCK_TIMEOUT_SECONDS,
    EncryptedStorage,
    atomic_write,
    backup_path,
    keep_copy,
    real_file,
)


class Backups:
    """The backup part of `Vault` (a mixin; Vault defines what is declared here)."""

    path: Path
    _storage: EncryptedStorage
    damaged_copy: Path | None = None  # where recover_from_backup set a damaged file aside

    if TYPE_CHECKING:
        def __init__(self, path: Path, storage: EncryptedStorage, slot_id: str,
                     private_key: bytes, lock_timeout: float = ...) -> None: ...
        @classmethod
        def open(cls, path: Path, passphrase: str, lock_timeout: float = ...) -> Self: ...
        @classmethod
        def read_file(cls, path: Path) -> fileformat.VaultFile: ...
        def transaction(self) -> contextlib.AbstractContextManager[None]: ...
        def _locked(self) -> contextlib.AbstractContextManager[None]: ...

    @property
    def vault_id(self) -> str:
        """The random id in the header ("" for an older vault until its next save)."""
        return self._storage.header.vault_id

    def watch_generations(self, seen: SeenGenerations) -> Older | None:
        """Compare with the highest generation opened on this machine: an `Older`
        when this copy is older (nothing is noted then until `carry_on`), else
        this one and every later save are noted."""
        older = seen.older(self.vault_id, self._storage.generation)
        if older is None:
            self._note_generations(seen, replace=False)
        return older

    def carry_on(self, seen: SeenGenerations) -> None:
        """The couple chose to go on with this older copy: it is the one noted now."""
        self._note_generations(seen, replace=True)

    def _note_generations(self, seen: SeenGenerations, *, replace: bool) -> None:
        seen.note(self.vault_id, self._storage.generation, replace=replace)
        self._storage.on_saved = lambda header: seen.note(header.vault_id, header.generation)

    def restore_backup(self) -> int:
        """Make the previous generation current again (itself kept as the backup).

        Returns the number of records in the restored generation.
        """
        backup = backup_path(self.path)
        with self.transaction():
            try:
                parsed = self.read_file(backup)
            except NoVault:
                raise NoBackup(self.path) from None
            tables = parsed.decrypt(self._storage.data_key, backup)
            self._storage.write(as_changes(self._storage.read(), tables))
            return sum(len(rows) for rows in record_tables(tables).values())

    @classmethod
    def recover_from_backup(cls, path: Path, passphrase: str,
                            lock_timeout: float = LOCK_TIMEOUT_SECONDS) -> Self:
        """`trust-tui restore-backup`: put the previous generation back, also when
        the current file is damaged and will not open. Slow (key derivation).

        A damaged current file is kept beside it as `<vault>.damaged` (never
        deleted); a file from a newer trust-tui, a foreign file or a wrong
        passphrase is refused and nothing changes.
        """
        path = real_file(path)
        try:
            vault = cls.open(path, passphrase, lock_timeout)
        except DamagedVault:
            pass
        else:
            vault.restore_backup()
            return vault
        backup = backup_path(path)
        try:
            parsed = cls.read_file(backup)
        except NoVault:
            raise NoBackup(path) from None
        slot, data_key, private_key = parsed.unlock(passphrase)
        tables = parsed.decrypt(data_key, backup)
        storage = EncryptedStorage(path, parsed.header, data_key, tables, None)
        vault = cls(path, storage, slot.id, private_key, lock_timeout)
        with vault._locked():
            try:
                cls.read_file(path)
            except DamagedVault:
                pass
            else:
                raise VaultBusy(path)  # another instance repaired it meanwhile: reopen
            # Generations only go up: past the damaged file's, if its header says.
            generation = max(parsed.header.generation,
                             fileformat.peek_generation(path) or 0) + 1
            vault.damaged_copy = next_damaged_path(path)
            _set_aside(path, vault.damaged_copy)
            header = fileformat.Header(generation, parsed.header.slots,
                                       parsed.header.vault_id or fileformat.new_vault_id())
            blob = fileformat.build(header, data_key, fileformat.encode_tables(tables))
            atomic_write(path, blob, keep_backup=False)
            storage.header = header
            storage.invalidate()
        return vault


def damaged_path(path: Path) -> Path:
    """The first damaged copy's name (later ones are numbered: next_damaged_path)."""
    path = real_file(path)
    return path.with_name(path.name + ".damaged")


def next_damaged_path(path: Path) -> Path:
    """The first free name for a damaged copy: `.damaged`, `.damaged.1`, ..."""
    first = damaged_path(path)
    target, number = first, 0
    while os.path.lexists(target):
        number += 1
        target = first.with_name(f"{first.name}.{number}")
    return target


def _set_aside(path: Path, target: Path) -> None:
    """Keep a damaged file for whoever may recover it: nothing is ever deleted,
    and the vault path never goes missing (a missing vault looks like a new one)."""
    try:
        keep_copy(path, target)
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise WriteFailed(path, describe_os_error(exc)) from None
