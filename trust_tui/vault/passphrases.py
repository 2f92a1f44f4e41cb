"""Passphrases: the rule for a new one, and changing a partner's own.

Each partner's passphrase opens only their keyslot (the data key and their
private key, wrapped); changing it rewraps that slot with a new private key and
seals that partner's private words again under it (rotation.py).
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from trust_tui.models import Partner
from trust_tui.vault import fileformat, keyslots
from trust_tui.vault.errors import NotYourSlot, PassphraseTaken, VaultLocked
from trust_tui.vault.storage import EncryptedStorage

MIN_PASSPHRASE = keyslots.MIN_PASSPHRASE


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValueError(f"A passphrase needs at least {MIN_PASSPHRASE} characters.")


class Passphrases:
    """The passphrase part of `Vault` (a mixin; Vault defines what is declared here)."""

    _storage: EncryptedStorage
    if TYPE_CHECKING:
        def transaction(self) -> contextlib.AbstractContextManager[None]: ...
        def _require_unlocked(self) -> None: ...
        def _private_key_of(self, partner_id: str) -> bytes | None: ...
        def _replace_private_key(self, partner: Partner, old: bytes, new: bytes,
                                 slot: keyslots.Keyslot) -> None: ...

    def change_passphrase(self, partner: Partner, new_passphrase: str,
                          kdf: keyslots.KdfParams | None = None) -> None:
        """Rewrap only this partner's keyslot; the data is not touched.

        Allowed for the partner who unlocked, or one who typed their passphrase
        in this session (`unlock_private`)."""
        check_passphrase(new_passphrase)
        self._require_unlocked()
        private_key = self._private_key_of(partner.id)
        if private_key is None:
            raise NotYourSlot(partner.name)
        if kdf is not None:
            kdf.check_caps()
        else:
            kdf = next((slot.kdf for slot in self._storage.header.slots
                        if slot.id == partner.slot_id), keyslots.KdfParams.default())
        # The slow key derivation runs before taking the lock, so other writers
        # (and this vault's readers) are not kept waiting for it.
        # A passphrase that already opens another partner's slot would hand that
        # partner this one's private key too (and lock them out of their own).
        for slot in self._storage.header.slots:
            if slot.id != partner.slot_id and slot.unseal(new_passphrase) is not None:
                raise PassphraseTaken()
        # A new private key too: an old copy of the file and the old passphrase
        # must open none of this partner's private words written from now on.
        renewed = fileformat.new_key()
        new_slot = keyslots.Keyslot.seal(partner.slot_id, new_passphrase,
                                           self._storage.data_key, renewed, kdf)
        with self.transaction():
            if new_slot.id not in {slot.id for slot in self._storage.header.slots}:
                raise NotYourSlot(partner.name)
            # Both writes hold the new keys, so the backup (the previous generation)
            # no longer opens with the old passphrase either.
            self._replace_private_key(partner, private_key, renewed, new_slot)
