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
import tempfile
from collections.abc import Callable
from pathlib import Path


def temp_prefix(path: Path) -> str:
    return f".{path.name}.tmp-"


def describe_os_error(exc: OSError) -> str:
    """Why a write failed, in plain words (never the path or data of the error)."""
    if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        return "the disk is full (or the file size limit was reached)"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "the folder is read-only or not yours to write"
    if exc.errno in (errno.ENOTDIR, errno.ENOENT, errno.EEXIST):
        return "its folder does not exist (or is not a folder)"
    return (exc.strerror or "the system refused the write").lower()


def describe_read_error(exc: OSError) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "it is not readable by you"
    if exc.errno == errno.EISDIR:
        return "it is a folder"
    return (exc.strerror or "the system refused to read it").lower()


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
    there). Raises OSError; the temp file never outlives a failure.
    """
    path = Path(path)
    folder = path.parent
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
