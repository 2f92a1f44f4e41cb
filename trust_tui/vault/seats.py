"""Seats: which partner sits at an app open on this vault, told across apps.

An app unlocked by one partner holds that partner's seat for as long as it is
unlocked. A seat is an operating-system lock (flock) on a small empty file
beside the vault, `<vault>.seat-<keyslot id>` (the keyslot ids are in the
file's clear header already, so the name tells nothing new). Another app asks
whether a seat is held elsewhere by trying the lock without waiting.

Why a lock and not a record with a heartbeat: the kernel lets go of it the
moment the process holding it ends, however it ends (quit, a closed terminal, a
crash, `kill -9`), so a seat can never be left behind to block the couple, and
no clock is involved (a suspended laptop or a clock set back frees nothing by
mistake). A folder where the file cannot be made (read-only), or a system with
no flock, simply has no seats: each app then behaves as one app at one keyboard.
Nothing is written into the vault, so holding a seat costs no save and wakes no
other app.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no seats, one keyboard as before
    fcntl = None  # type: ignore[assignment]

from trust_tui.vault.storage import real_file


def seat_path(vault_path: Path, slot_id: str) -> Path:
    path = real_file(Path(vault_path))
    safe = "".join(ch for ch in slot_id if ch.isalnum())[:64] or "seat"
    return path.with_name(f"{path.name}.seat-{safe}")


def _open(path: Path) -> int | None:
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        return os.open(path, flags, 0o600)
    except OSError:
        return None


class SeatHold:
    """This app's hold on one seat: `take()`, and `leave()` at a lock or quit."""

    def __init__(self, vault_path: Path, slot_id: str) -> None:
        self.path = seat_path(vault_path, slot_id)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def take(self) -> bool:
        """Hold the seat if nobody else does (never waits); True while held here."""
        if self._fd is not None:
            return True
        if fcntl is None:
            return False
        fd = _open(self.path)
        if fd is None:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def leave(self) -> None:
        """Free the seat (closing the file lets go of the lock; the file stays, as
        removing it could split one seat between two apps)."""
        fd, self._fd = self._fd, None
        if fd is not None:
            with contextlib.suppress(OSError):
                os.close(fd)


def held_elsewhere(vault_path: Path, slot_id: str) -> bool:
    """Another app holds this seat now. A shared lock tried for an instant: it
    fails only while someone holds the seat; the file is never created here."""
    if fcntl is None:
        return False
    path = seat_path(vault_path, slot_id)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return False  # never taken (or unreadable): nobody sits there
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)  # closing lets go of the shared lock at once
    return False
