"""Another copy of the vault that a sync service left beside it, and where it goes
once its changes are in.

When two computers save the synced vault before hearing from each other, the
service keeps one save under the vault's name and renames the other. Each names
it its own documented way (for `couple.vault`):

- Syncthing: `couple.sync-conflict-20260301-140233-ABCDEF7.vault` (the date and
  time, then the short id of the device whose save it was, before the
  extension; a name with no extension gets the suffix at its end; versions
  before 0.14 left out the device).
- Dropbox: `couple (Sam's laptop's conflicted copy 2026-03-01).vault`, a second
  one the same day `... 2026-03-01 (1)).vault`.
- Nextcloud (and ownCloud's desktop client): `couple (conflicted copy
  2026-03-01 140233).vault`, newer clients with the user's name before the date.

`find_sync_copies` lists the copies beside a vault (beside the real file when the
vault path is a link, where the service writes): plain files only (no link, no
folder, no pipe), with a name of sane length and no control character, that
start like a trust-tui vault. Nothing here decrypts anything. `put_aside` moves
a copy whose changes are in into `merged/` beside the vault: never deleted.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from trust_tui.files import fsync_dir, make_private_folder
from trust_tui.vault import fileformat
from trust_tui.vault.storage import real_file

MERGED_FOLDER = "merged"
MAX_NAME_CHARS = 255  # longer than any file system keeps: not a service's name
MAX_COPIES = 20  # more is a folder of something else, not a conflict or two
MAX_SCANNED = 10_000  # names looked at beside the vault, at most

SYNCTHING = "Syncthing"
DROPBOX = "Dropbox"
NEXTCLOUD = "Nextcloud"

_DATE = r"(\d{4}-\d{2}-\d{2})"
_WHO = r"([^()]{1,100}?)"  # a device or person's name, as the service wrote it


@dataclass(frozen=True)
class SyncCopy:
    """One copy beside the vault: where it is, which service left it, and when
    (the date and time in its name, as the service wrote them)."""

    path: Path
    service: str
    made: datetime | None

    @property
    def name(self) -> str:
        return self.path.name


def _split(name: str, *, leading_dot_is_extension: bool) -> tuple[str, str]:
    """(stem, extension) as the service splits a file name: at its last dot."""
    dot = name.rfind(".")
    if dot < 0 or (dot == 0 and not leading_dot_is_extension):
        return name, ""
    return name[:dot], name[dot:]


def _when(text: str, form: str) -> datetime | None:
    try:
        return datetime.strptime(text, form)
    except ValueError:
        return None


def sync_copy_of(name: str, vault_name: str) -> tuple[str, datetime] | None:
    """(service, when) if `name` is a sync service's copy of the file `vault_name`."""
    # Syncthing (Go's filepath.Ext: a leading dot starts the extension too).
    stem, ext = _split(vault_name, leading_dot_is_extension=True)
    found = re.fullmatch(re.escape(stem) + r"\.sync-conflict-(\d{8}-\d{6})(?:-[A-Z0-9]{7})?"
                         + re.escape(ext), name)
    if found and (made := _when(found[1], "%Y%m%d-%H%M%S")):
        return SYNCTHING, made
    # Nextcloud: the tag goes before the last dot, unless that dot starts the name.
    stem, ext = _split(vault_name, leading_dot_is_extension=False)
    found = re.fullmatch(re.escape(stem) + r" \(conflicted copy (?:" + _WHO + r" )?"
                         + _DATE + r" (\d{6})\)" + re.escape(ext), name)
    if found and (made := _when(f"{found[2]} {found[3]}", "%Y-%m-%d %H%M%S")):
        return NEXTCLOUD, made
    # Dropbox: "NAME (DEVICE's conflicted copy DATE).EXT", numbered from the second.
    found = re.fullmatch(re.escape(stem) + r" \((?:" + _WHO + r"['\u2019]s )?conflicted copy "
                         + _DATE + r"(?: \(\d{1,4}\))?\)" + re.escape(ext), name)
    if found and (made := _when(found[2], "%Y-%m-%d")):
        return DROPBOX, made
    return None


def _plain_name(name: str) -> bool:
    return len(name) <= MAX_NAME_CHARS and not any(
        unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp") for ch in name)


def _starts_like_a_vault(path: Path) -> bool:
    """A plain file (never a link followed, never a pipe waited on) whose first
    bytes are a trust-tui vault's."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        start = os.read(fd, 64)
    except OSError:
        return False
    finally:
        os.close(fd)
    return bool(start) and start.startswith(fileformat.MAGIC)


def find_sync_copies(vault_path: Path) -> list[SyncCopy]:
    """The sync services' copies of this vault beside it, oldest first (by the
    time in their names). Quiet: a folder that cannot be read has none."""
    vault = real_file(Path(vault_path))
    found: list[SyncCopy] = []
    try:
        with os.scandir(vault.parent) as entries:
            for count, entry in enumerate(entries):
                if count >= MAX_SCANNED or len(found) >= MAX_COPIES:
                    break
                if not _plain_name(entry.name):
                    continue
                what = sync_copy_of(entry.name, vault.name)
                if what is None:
                    continue
                try:
                    if not entry.is_file(follow_symlinks=False):
                        continue
                except OSError:
                    continue
                path = vault.parent / entry.name
                if _starts_like_a_vault(path):
                    found.append(SyncCopy(path, what[0], what[1]))
    except OSError:
        return []
    return sorted(found, key=lambda copy: (copy.made or datetime.min, copy.name))


def merged_folder(vault_path: Path) -> Path:
    return real_file(Path(vault_path)).parent / MERGED_FOLDER


def _free_name(folder: Path, name: str) -> Path:
    """`name` in `folder`, or with " (2)", " (3)", ... before its extension if taken."""
    target = folder / name
    stem, ext = _split(name, leading_dot_is_extension=False)
    number = 2
    while os.path.lexists(target):
        target = folder / f"{stem} ({number}){ext}"
        number += 1
    return target


def put_aside(copy: Path, vault_path: Path) -> Path:
    """Move `copy` into `merged/` beside the vault (made 0700), keeping its name
    (numbered if taken); never deleted, never over another file. Returns where it
    is now; raises OSError when it cannot be moved (it is then where it was)."""
    folder = merged_folder(vault_path)
    if os.path.lexists(folder) and (os.path.islink(folder) or not folder.is_dir()):
        raise OSError(errno.ENOTDIR, "merged is not a folder")
    make_private_folder(folder)
    while True:
        target = _free_name(folder, copy.name)
        try:
            os.link(copy, target, follow_symlinks=False)  # fails if the name was taken
        except FileExistsError:
            continue  # taken meanwhile: the next number
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.EXDEV, errno.ENOTSUP, errno.EOPNOTSUPP,
                                 errno.EMLINK, errno.ENOSYS):
                raise
            # A file system without hard links: a rename, once the name is free.
            os.rename(copy, target)
        else:
            os.unlink(copy)
        fsync_dir(folder)
        fsync_dir(copy.parent)
        return target
