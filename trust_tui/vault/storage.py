"""Durable, atomic file writes and the encrypted TinyDB Storage on top of them.

A crash at any instant leaves the old file or the new one, never a mix: the new
generation goes to a 0600 temp file in the same folder, is fsync'd, the current
file is hard-linked to `<vault>.bak` (the previous generation), the temp file is
renamed over the vault, and the folder is fsync'd: trust_tui.files.write_private_file,
the same private write an export uses, with the backup kept just before the rename.
"""

from __future__ import annotations

import os
import shutil
import threading
import tempfile  # noqa: F401  (the fault tests break mkstemp through this module's name)
from collections.abc import Callable
from pathlib import Path
from typing import cast

from tinydb.storages import Storage

from trust_tui.files import (
    describe_os_error,
    describe_read_error,
    temp_prefix,
    write_private_file,
)
from trust_tui.vault import fileformat, keyslots, lazy
from trust_tui.vault.errors import (
    CannotRead,
    DamagedVault,
    KeysChanged,
    VaultLocked,
    WriteFailed,
)

# How long a writer waits for another one's file lock before the vault is called busy.
LOCK_TIMEOUT_SECONDS = 10.0


def real_file(path: Path) -> Path:
    """The file a vault path names: a symbolic link is followed to its target.

    Renaming a new version over a link would replace the link with a plain file
    (and leave the synced copy behind), so saves work on the target. A path
    that is not a link is returned as given (its messages name it as typed).
    """
    path = Path(path)
    if not os.path.islink(path):
        return path
    return Path(os.path.realpath(path))  # also a dangling link: its target's path


def lock_path(path: Path) -> Path:
    path = real_file(path)  # beside the real file, where every writer looks
    return path.with_name(path.name + ".lock")


def backup_path(path: Path) -> Path:
    path = real_file(path)
    return path.with_name(path.name + ".bak")


def atomic_write(path: Path, blob: bytes, *, keep_backup: bool = True) -> None:
    """Replace `path` with `blob` durably; the old generation becomes `<path>.bak`."""
    path = real_file(path)
    if os.path.islink(path):  # still a link once followed: it leads round in a circle
        raise WriteFailed(path, "it is a link that leads back to itself")

    def keep_the_previous() -> None:
        if keep_backup and path.exists():
            _keep_previous(path)

    try:
        write_private_file(path, blob, before_replace=keep_the_previous)
    except OSError as exc:
        raise WriteFailed(path, describe_os_error(exc)) from None


def _keep_previous(path: Path) -> None:
    keep_copy(path, backup_path(path))


def keep_copy(path: Path, target: Path) -> None:
    """Make `target` the same bytes as `path`, atomically, leaving `path` in place."""
    try:
        if os.path.samefile(path, target):
            # Already the same file (a write failed after keeping it). Renaming one
            # hard link over another of the same inode is a no-op that would leave
            # the staged name behind as an orphan.
            return
    except FileNotFoundError:
        pass
    staged = path.with_name(temp_prefix(path) + "keep")
    try:
        os.unlink(staged)
    except FileNotFoundError:
        pass
    try:
        try:
            os.link(path, staged)  # no copy: the old inode lives on as the backup
        except OSError:  # no hard links here (some network or FUSE filesystems)
            fd = os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with open(path, "rb") as source, os.fdopen(fd, "wb") as copied:
                shutil.copyfileobj(source, copied)
                copied.flush()
                os.fsync(copied.fileno())  # a whole backup, or none, after a crash
        os.replace(staged, target)
    except BaseException:
        try:
            os.unlink(staged)  # leave no stray name behind when this step fails
        except OSError:
            pass
        raise


def find_orphans(path: Path) -> list[Path]:
    """Temp files of this vault left by a writer that was killed mid-write."""
    path = real_file(path)
    # No glob: a vault name may hold glob characters such as `[`.
    prefix = temp_prefix(path)
    try:
        names = os.listdir(path.parent)
    except OSError:
        return []
    return [path.parent / name for name in names if name.startswith(prefix)]


def remove_orphans(path: Path) -> int:
    """Delete them; only safe while holding the vault's lock."""
    removed = 0
    for stray in find_orphans(path):
        try:
            stray.unlink()
            removed += 1
        except OSError:
            pass
    return removed


def file_identity(path: Path) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None  # gone or unreadable: differs from any identity we hold
    return (st.st_ino, st.st_mtime_ns, st.st_size)


class EncryptedStorage(Storage):
    """TinyDB storage over one encrypted vault file.

    `read()` serves the decrypted tables from memory while the file on disk is
    unchanged, and reloads (with the same data key) when another instance has
    written. It never returns None: damage raises, so TinyDB cannot mistake a
    bad read for an empty database and overwrite everything.

    The larger tables are held packed (their JSON bytes, vault/lazy.py) until read:
    `read_table` unpacks one, `read` all of them; `read_held` gives them as held,
    for the vault's own write path only.
    """

    def __init__(self, path: Path, header: fileformat.Header, data_key: bytes,
                 tables: lazy.Held, identity: tuple[int, int, int] | None, *,
                 packed: bool = True) -> None:
        self.path = path
        self._packed = packed  # the larger tables held as bytes when read again
        self.header = header
        # A bytearray, so the vault's lock can overwrite it (`Vault.lock`); typed as
        # the bytes it stands for: cryptography takes any bytes-like key.
        self._data_key: bytes | None = cast(bytes, bytearray(data_key))
        self._tables: lazy.Held | None = tables
        self._identity = identity
        # Held while the tables held are swapped: an unpacked table (a reader) never
        # puts back tables older than a write's (the writer thread).
        self._swap = threading.RLock()
        self.loads = 0  # files read since opening: another app's writes, seen
        # Told of every durable write (this machine's note of the highest generation).
        self.on_saved: Callable[[fileformat.Header], None] | None = None
        self.before_write: Callable[[lazy.Held], lazy.Held] | None = None

    @property
    def generation(self) -> int:
        return self.header.generation

    @property
    def tables_held(self) -> lazy.Held | None:
        """The tables as last read or written, packed ones packed (None when none
        are held)."""
        return self._tables

    def changed_on_disk(self) -> bool:
        return file_identity(self.path) != self._identity

    def refresh(self, thorough: bool = False) -> bool:
        """Reload if another writer changed the file; True when something changed.

        `thorough` (used under the write lock) also compares the generation in the
        file's header: a recycled inode with the same size and mtime tick would
        otherwise hide another instance's write, and we would overwrite it.
        """
        if self._tables is not None and not self.changed_on_disk():
            if not thorough or fileformat.peek_generation(self.path) == self.header.generation:
                return False
        self._load()
        return True

    def invalidate(self) -> None:
        """Forget the decrypted tables so the next read comes from the file (after
        a failed change, whatever it may have touched in memory)."""
        with self._swap:
            self._tables = None
            self._identity = None

    def _keep(self, header: fileformat.Header, tables: lazy.Held,
              identity: tuple[int, int, int] | None, *,
              reading: bool = True) -> lazy.Held:
        with self._swap:
            self.header = header
            self._tables = tables
            self._identity = identity
        if self._data_key is None:  # locked meanwhile (another thread): keep nothing
            self.invalidate()
            if reading:
                raise VaultLocked()
            # A write that got here is durable: the save succeeded, so say so.
        return tables

    def _load(self) -> lazy.Held:
        key = self._data_key
        if key is None:
            raise VaultLocked()
        self.loads += 1
        identity = file_identity(self.path)
        try:
            blob = self.path.read_bytes()
        except FileNotFoundError:
            raise DamagedVault(self.path, "the file has disappeared") from None
        except OSError as exc:
            raise CannotRead(self.path, describe_read_error(exc)) from None
        parsed = fileformat.parse(blob, self.path)
        if parsed.header.key_id != self.header.key_id:
            raise KeysChanged()  # `rekey` ran elsewhere: our data key is an old one
        tables = parsed.decrypt(key, self.path, packed=self._packed)
        return self._keep(parsed.header, tables, identity)

    def read_held(self) -> lazy.Held:
        """The tables as held, packed ones packed: for the vault's write path,
        which copies them and replaces the tables it changes (`lazy.settle`)."""
        tables = self._tables
        if tables is None or self.changed_on_disk():
            tables = self._load()
        return tables

    def read(self) -> fileformat.Tables:
        """Every table, parsed (and held parsed from now on)."""
        held = self.read_held()
        tables = lazy.unpack_all(held)
        if tables is not held:
            self._swap_in(held, tables)
        return tables

    def read_table(self, name: str) -> object:
        """One table, parsed (None when there is none): the others stay packed."""
        held = self.read_held()
        found = held.get(name)
        if isinstance(found, lazy.Packed):
            found = found.unpack()
            self._swap_in(held, {**held, name: found})
        return found

    def squeeze(self) -> None:
        """Hold every packed table compressed (lazy.Packed.squeeze)."""
        for table in list((self._tables or {}).values()):
            if isinstance(table, lazy.Packed):
                table.squeeze()

    def _swap_in(self, held: lazy.Held, tables: lazy.Held) -> None:
        """Hold `tables` (the same records as `held`, more of them parsed) unless a
        write or a reload replaced `held` meanwhile (then theirs are the newer)."""
        with self._swap:
            if self._tables is held:
                self._tables = tables

    def write(self, data: lazy.Held, slots: list[keyslots.Keyslot] | None = None,
              new_key: tuple[bytes, str] | None = None, after_generation: int = 0) -> None:
        """Write `data` as the next generation (with new keyslots if given, and under
        a new data key and key id if given: `rekey`). A merge passes the other copy's
        generation as `after_generation`, so the merged file is newer than both copies
        and this machine's note of the highest one opened never calls it rolled back."""
        key = self._data_key  # once: lock() may drop it from another thread
        if key is None:
            raise VaultLocked()
        if self.before_write is not None:
            data = self.before_write(data)  # the vault's lockers, sealed afresh
        key_id = self.header.key_id
        if new_key is not None:
            key, key_id = new_key
        header = fileformat.Header(generation=max(self.header.generation,
                                                  after_generation) + 1,
                                   slots=self.header.slots if slots is None else slots,
                                   vault_id=self.header.vault_id or fileformat.new_vault_id(),
                                   key_id=key_id)
        try:
            blob = fileformat.build(header, key, fileformat.encode_tables(data))
            atomic_write(self.path, blob)
        except BaseException:
            # Whatever failed, the file holds the last good generation; TinyDB may
            # have changed our tables in place already: read them again from disk.
            self.invalidate()
            raise
        if new_key is not None and self._data_key is not None:
            self._data_key = key
        self._keep(header, data, file_identity(self.path), reading=False)
        if self.on_saved is not None:
            try:
                self.on_saved(header)
            except Exception:  # noqa: BLE001  a note that failed; the save itself is durable
                pass

    def write_header(self, slots: list[keyslots.Keyslot]) -> None:
        """Rewrite the file with new keyslots and the same contents."""
        self.write(self.read_held(), slots=slots)

    @property
    def data_key(self) -> bytes:
        if self._data_key is None:
            raise VaultLocked()
        return self._data_key

    @property
    def data_key_held(self) -> bytes | None:
        """The key as held (None once forgotten), for the lock to overwrite."""
        return self._data_key

    def forget(self) -> None:
        """Drop the key and the decrypted tables (on lock)."""
        self._data_key = None
        self.invalidate()

    def close(self) -> None:
        pass
