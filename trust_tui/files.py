"""Writing a private file: the one way trust-tui puts bytes on disk.

The vault's saves (vault/storage.py), the command line's export and the
agreements screen's export all go through `write_private_file`: a temp file
created 0600 in the same folder, fsync'd, renamed over the target, and the
folder fsync'd. A crash at any instant leaves the old file or the new one,
never a mix, and never a moment when anyone else can read it.

Standard library only, so the command line's parser and messages can use the
plain descriptions of OS errors below without loading the vault layer.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path


def temp_prefix(path: Path) -> str:
    return f".{path.name}.tmp-"


class NotARegularFile(OSError):
    """The target exists and is something other than a plain file (a pipe, a
    device such as /dev/null, a link, a folder): never replaced by one."""

    def __init__(self, kind: str) -> None:
        super().__init__(errno.EEXIST, f"it is {kind}, not a regular file")


def _system_said(exc: OSError, fallback: str) -> str:
    # A clause that fits after "because": the system's own words are quoted.
    said = (exc.strerror or "").strip().rstrip(".")
    return f"the system said \u201c{said[:80]}\u201d" if said else fallback


def describe_os_error(exc: OSError) -> str:
    """Why a write failed, in plain words (never the path or data of the error);
    a clause that reads after "because"."""
    if isinstance(exc, NotARegularFile):
        return exc.strerror or "it is not a regular file"
    if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        return "the disk is full (or the file size limit was reached)"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "the folder is read-only or not yours to write"
    if exc.errno == errno.EISDIR:
        return "it is a folder"
    if exc.errno in (errno.ENOTDIR, errno.ENOENT, errno.EEXIST):
        return "its folder does not exist (or is not a folder)"
    if exc.errno == errno.EPIPE:
        return "whatever was reading it stopped"
    return _system_said(exc, "the system refused the write")


def describe_read_error(exc: OSError) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "it is not readable by you"
    if exc.errno == errno.EISDIR:
        return "it is a folder"
    if exc.errno == errno.ENOENT:
        return "it does not exist"
    return _system_said(exc, "the system refused to read it")


def kind_of(path: Path) -> str | None:
    """What is at `path` when it is not a regular file ("a named pipe", ...);
    None for a regular file or nothing at all. A link is never followed."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return None
    except OSError:
        return "something that cannot be looked at"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return "a link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a plain file"


def make_private_folder(folder: Path) -> None:
    """Create `folder` and any missing parents readable by this user only (0700),
    whatever the umask. A folder that is already there is left as it is."""
    folder = Path(folder)
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for new in reversed(missing):
        try:
            os.mkdir(new, 0o700)
        except FileExistsError:
            continue  # made meanwhile by someone else: theirs to keep as it is
        os.chmod(new, 0o700)  # the umask may have taken more away


def remove_stale_temps(path: Path) -> int:
    """Delete the hidden temp files a killed write to `path` left beside it (an
    export's may hold plain text). Only for files no other writer is updating:
    the vault removes its own under its lock (vault/storage.py)."""
    path = Path(path)
    prefix = temp_prefix(path)
    try:
        names = os.listdir(path.parent)
    except OSError:
        return 0
    removed = 0
    for name in names:  # no glob: a name may hold glob characters such as `[`
        if name.startswith(prefix):
            try:
                os.unlink(path.parent / name)
                removed += 1
            except OSError:
                pass
    return removed


def fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some filesystems cannot fsync a directory; the rename is still atomic
    finally:
        os.close(fd)


def write_private_file(path: Path, data: bytes, *,
                       before_replace: Callable[[], None] | None = None) -> None:
    """Replace `path` with `data` atomically and durably, readable by this user only.

    `before_replace` runs once the new bytes are safely on disk and just before
    they take the old file's place (the vault keeps its previous generation
    there). Raises OSError (NotARegularFile when `path` is a pipe, a device, a
    link or a folder); the temp file never outlives a failure.
    """
    path = Path(path)
    folder = path.parent
    kind = kind_of(path)
    if kind is not None:  # renaming over it would put a plain file in its place
        raise NotARegularFile(kind)
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=temp_prefix(path), dir=folder)  # mode 0600
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if before_replace is not None:
            before_replace()
        os.replace(tmp_name, path)
        tmp_name = None
        fsync_dir(folder)
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass


def write_export(path: Path, data: bytes) -> None:
    """An export (plain text: the couple's words): refused over anything but a
    regular file or a new path, and any temp file an earlier export left when it
    was killed is removed first."""
    path = Path(path)
    kind = kind_of(path)
    if kind is not None:
        raise NotARegularFile(kind)
    remove_stale_temps(path)
    write_private_file(path, data)
