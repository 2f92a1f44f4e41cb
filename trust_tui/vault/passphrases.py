"""Passphrases: the rule for a new one, and changing a partner's own.

Each partner's passphrase opens only their keyslot (the data key and their
private key, wrapped); changing it rewraps that slot and never touches the data.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from trust_tui.models import Partner
from trust_tui.vault import fileformat
from trust_tui.vault.errors import NotYourSlot, PassphraseTaken
from trust_tui.vault.storage import EncryptedStorage

MIN_PASSPHRASE = 8


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

    def change_passphrase(self, partner: Partner, new_passphrase: str,
                          kdf: fileformat.KdfParams | None = None) -> None:
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
                        if slot.id == partner.slot_id), fileformat.KdfParams.default())
        # The slow key derivation runs before taking the lock, so other writers
        # (and this vault's readers) are not kept waiting for it.
        # A passphrase that already opens another partner's slot would hand that
        # partner this one's private key too (and lock them out of their own).
        for slot in self._storage.header.slots:
            if slot.id != partner.slot_id and slot.unseal(new_passphrase) is not None:
                raise PassphraseTaken()
        new_slot = fileformat.Keyslot.seal(partner.slot_id, new_passphrase,
                                           self._storage.data_key, private_key, kdf)
        with self.transaction():
            slots = [new_slot if slot.id == partner.slot_id else slot
                     for slot in self._storage.header.slots]
            self._storage.write_header(slots)
            # Write once more so the backup (previous generation) no longer opens
            # with the old passphrase either.
            self._storage.write_header(slots)
