"""New keys: `passwd` gives a partner a new private key, `rekey` new keys for all.

An old copy of the file (a `.bak`, a synced copy, a backup) together with an old
passphrase unwraps the keys that were current then. So changing a passphrase
also makes that partner a new private key and seals their private words again
under it, in the same write; and `rekey` (both passphrases) makes a new shared
data key as well, so nothing written afterwards opens with an old copy's keys.
"""

from __future__ import annotations

import base64
import contextlib
from typing import TYPE_CHECKING, Any, cast

from trust_tui.models import Partner
from trust_tui.vault import fileformat, keyslots
from trust_tui.vault.errors import KeysChanged, NotEveryone
from trust_tui.vault.storage import EncryptedStorage

_SEALED_KEYS = frozenset({"owner", "nonce", "ciphertext"})


def _is_sealed(value: dict[str, Any]) -> bool:
    return _SEALED_KEYS <= value.keys() and isinstance(value.get("owner"), str)


def resealed(value: Any, keys: dict[str, tuple[bytes, bytes]]) -> Any:
    """A copy of `value` (a table, a record, any JSON) with every sealed text of an
    owner in `keys` (owner -> (old key, new key)) sealed again under the new key,
    with the same associated data. A seal that does not open is left as it was
    (it opens for no one). Copy-on-write: `value` itself is never changed."""
    if isinstance(value, list):
        return [resealed(item, keys) for item in value]
    if not isinstance(value, dict):
        return value
    if _is_sealed(value) and value["owner"] in keys:
        return _reseal_one(value, *keys[value["owner"]])
    return {name: resealed(item, keys) for name, item in value.items()}


def _reseal_one(sealed: dict[str, Any], old: bytes, new: bytes) -> dict[str, Any]:
    owner, context = sealed["owner"], sealed.get("context")
    try:
        nonce = base64.b64decode(sealed["nonce"], validate=True)
        ciphertext = base64.b64decode(sealed["ciphertext"], validate=True)
    except (TypeError, ValueError):
        return sealed
    plain = fileformat.open_bytes(old, nonce, ciphertext, owner, context)
    if plain is None:
        return sealed
    nonce, ciphertext = fileformat.seal_bytes(new, plain, owner, context)
    return {**sealed, "nonce": base64.b64encode(nonce).decode(),
            "ciphertext": base64.b64encode(ciphertext).decode()}


def _with_checks(tables: fileformat.Tables, checks: dict[str, str]) -> fileformat.Tables:
    people = {key: ({**doc, "key_check": checks[doc["id"]]} if doc.get("id") in checks else doc)
              for key, doc in tables.get(Partner.table, {}).items()}
    return {**tables, Partner.table: people}


class KeyRotation:
    """New keys for `Vault` (a mixin; Vault defines what is declared here)."""

    _storage: EncryptedStorage
    _private_key: bytes | None
    _private_keys: dict[str, bytes]

    if TYPE_CHECKING:
        @property
        def me(self) -> Partner: ...
        @property
        def partners(self) -> list[Partner]: ...
        def transaction(self) -> contextlib.AbstractContextManager[None]: ...
        def _require_unlocked(self) -> None: ...
        def _private_key_of(self, partner_id: str) -> bytes | None: ...
        def _check_current(self, partner: Partner, key: bytes) -> None: ...

    def _replace_private_key(self, partner: Partner, old: bytes, new: bytes,
                             slot: keyslots.Keyslot) -> None:
        """Under the lock: seal this partner's private words again under `new`, with
        their new keyslot, in two writes (so the backup holds the new keys too)."""
        self._check_current(partner, old)
        data = resealed(self._storage.read(), {partner.id: (old, new)})
        data = _with_checks(data, {partner.id: fileformat.key_check(new)})
        slots = [slot if s.id == partner.slot_id else s for s in self._storage.header.slots]
        self._storage.write(data, slots=slots)
        self._storage.write_header(slots)
        self._use_private_key(partner, new)

    def _use_private_key(self, partner: Partner, key: bytes) -> None:
        """The new key replaces the old one where this session held it (never more)."""
        held = cast(bytes, bytearray(key))  # a lock overwrites it (vault/wiping.py)
        if partner.id in self._private_keys:
            self._private_keys[partner.id] = held
        if partner.id == self.me.id:
            self._private_key = held

    def rekey(self, passphrases: list[str]) -> None:
        """New keys for everything: a new shared data key, and a new private key for
        each partner with all their private words sealed again. Needs every
        partner's passphrase (each keyslot is wrapped again under its own). Slow."""
        self._require_unlocked()
        header = self._storage.header
        found: dict[str, tuple[keyslots.Keyslot, str, bytes]] = {}
        for passphrase in passphrases:
            for slot in header.slots:
                keys = slot.unseal(passphrase)
                if keys is not None:
                    found[slot.id] = (slot, passphrase, keys[1])
        people = {p.slot_id: p for p in self.partners}
        missing = [p.name for p in people.values() if p.slot_id not in found]
        if missing or len(found) != len(header.slots):
            raise NotEveryone(" and ".join(missing) or "one partner")
        data_key, key_id = fileformat.new_key(), fileformat.new_key_id()
        renewed = {slot_id: fileformat.new_key() for slot_id in found}
        slots = [keyslots.Keyslot.seal(slot.id, found[slot.id][1], data_key,
                                         renewed[slot.id], slot.kdf) for slot in header.slots]
        replaced = {people[s].id: (found[s][2], renewed[s]) for s in found if s in people}
        checks = {pid: fileformat.key_check(new) for pid, (_, new) in replaced.items()}
        with self.transaction():
            if self._storage.header.slots != header.slots:
                raise KeysChanged()  # a passphrase changed meanwhile: nothing changed
            data = resealed(self._storage.read(), replaced)
            data = _with_checks(data, checks)
            self._storage.write(data, slots=slots, new_key=(data_key, key_id))
            self._storage.write_header(slots)  # the backup holds the new keys too
            for slot_id, partner in people.items():
                if slot_id in renewed:
                    self._use_private_key(partner, renewed[slot_id])


__all__ = ["KeyRotation", "resealed"]
