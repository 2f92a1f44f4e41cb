"""Overwriting key material a lock dropped (a mixin of `Vault`).

The keys the vault controls are bytearrays, so they can be overwritten with
zeros; a `bytes` copy made elsewhere (by the key derivation, by cryptography)
cannot, and is only let go. Never under a save in flight on another thread:
that save still uses the key it took, so its end (`_locked`) wipes instead.
"""

from __future__ import annotations

import threading


class KeyWiping:
    """The wiping part of `Vault` (Vault defines `_mutex`)."""

    _mutex: threading.RLock

    def _wipe_later(self, *keys: object) -> None:
        """Wipe these (the bytearrays among them) as soon as no save holds them."""
        pending: list[bytearray] = self.__dict__.setdefault("_keys_to_wipe", [])
        pending.extend(key for key in keys if isinstance(key, bytearray))
        self._wipe_when_idle()

    def _wipe_when_idle(self) -> None:
        pending: list[bytearray] = self.__dict__.get("_keys_to_wipe", [])
        if not pending or not self._mutex.acquire(blocking=False):
            return
        try:
            while pending:
                key = pending.pop()
                key[:] = bytes(len(key))
        finally:
            self._mutex.release()
