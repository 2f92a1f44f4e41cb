"""Private text: words sealed to one partner, readable only with their own key.

The partner who unlocked holds their private key; another partner adds theirs
for this session by typing their own passphrase (`unlock_private`).
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import TYPE_CHECKING, cast

from trust_tui.models import Partner, SealedText
from trust_tui.vault import fileformat
from trust_tui.vault.errors import KeysChanged, VaultLocked


class PrivateText:
    """The private-text part of `Vault` (a mixin; Vault defines what is declared here)."""

    path: Path
    _private_key: bytes | None  # who unlocked; None once locked
    _private_keys: dict[str, bytes]  # partners who typed their passphrase

    if TYPE_CHECKING:
        @property
        def me(self) -> Partner: ...
        @property
        def partners(self) -> list[Partner]: ...
        @classmethod
        def read_file(cls, path: Path) -> fileformat.VaultFile: ...
        def _require_unlocked(self) -> None: ...

    def unlock_private(self, passphrase: str) -> Partner:
        """Add another partner's private key to this session (they type their own
        passphrase, e.g. to write a private entry). Slow (key derivation): use a worker."""
        self._require_unlocked()
        slot, _, private_key = self.read_file(self.path).unlock(passphrase)
        for partner in self.partners:
            if partner.slot_id == slot.id:
                # A bytearray, so a lock can overwrite it (vault/wiping.py).
                self._private_keys[partner.id] = cast(bytes, bytearray(private_key))
                return partner
        raise LookupError("no partner for this keyslot")

    def forget_private(self, partner_id: str) -> None:
        """Drop a partner's private key again (never the one who unlocked)."""
        if partner_id != self.me.id:
            self._private_keys.pop(partner_id, None)

    def can_read_private(self, partner_id: str) -> bool:
        return self._private_key_of(partner_id) is not None

    def _private_key_of(self, partner_id: str) -> bytes | None:
        self._require_unlocked()
        if partner_id in self._private_keys:
            return self._private_keys[partner_id]
        if partner_id == self.me.id:
            return self._private_key
        return None

    def seal(self, text: str, owner_id: str | None = None,
             context: str | None = None) -> SealedText:
        """Encrypt text so only its owner (default: who unlocked) can read it."""
        owner = owner_id or self.me.id
        key = self._private_key_of(owner)
        if key is None:
            raise VaultLocked()
        for partner in self.partners:
            if partner.id == owner:
                self._check_current(partner, key)
        nonce, ciphertext = fileformat.seal_text(key, text, owner, context)
        return SealedText(owner=owner, nonce=base64.b64encode(nonce).decode(),
                          ciphertext=base64.b64encode(ciphertext).decode(), context=context)

    def _check_current(self, partner: Partner, key: bytes) -> None:
        """Refuse to seal under a private key that `passwd` or `rekey` replaced in
        another window: words sealed so would open for no one."""
        if partner.key_check is not None and partner.key_check != fileformat.key_check(key):
            raise KeysChanged()

    def unseal(self, sealed: SealedText) -> str | None:
        """The text if this session holds its owner's private key, else None."""
        key = self._private_key_of(sealed.owner)
        if key is None:
            return None
        try:
            nonce = base64.b64decode(sealed.nonce, validate=True)
            ciphertext = base64.b64decode(sealed.ciphertext, validate=True)
        except ValueError:
            return None
        return fileformat.open_text(key, nonce, ciphertext, sealed.owner, sealed.context)
