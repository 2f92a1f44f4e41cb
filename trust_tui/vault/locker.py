"""Lockers: each partner's solo safety checks in one record of one fixed size,
sealed afresh to them on every save the session makes while it holds their key.

So the file never shows who did a check, when, or how many: a locker changes on
every save of its owner's sessions, whatever was saved, and is always as long.
A check from an older trust-tui (a record of its own) moves into its owner's
locker the first time their key is here for a save.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from trust_tui.models import SealedText
from trust_tui.vault import fileformat
from trust_tui.vault.errors import VaultLocked
from trust_tui.vault.revisions import HISTORY, side
from trust_tui.vault.storage import EncryptedStorage

LOCKERS = "lockers"
OLD_CHECKS = "safety_checks"
LOCKER_SIZE = 4096  # bytes of JSON, padded (about 20 checks); the oldest go once full


@dataclass(frozen=True, repr=False)
class HeldKey:
    """A partner's private key, taken while it is here, for one save (opaque)."""

    partner_id: str
    _key: bytes = field(repr=False)


def _context(partner_id: str) -> str:
    return f"locker:{partner_id}"


def _padded(items: list[dict[str, Any]]) -> bytes:
    while True:
        raw = json.dumps({"v": 1, "checks": items}, ensure_ascii=False).encode("utf-8")
        if len(raw) <= LOCKER_SIZE or not items:
            return raw + b" " * max(0, LOCKER_SIZE - len(raw))
        items = items[1:]


def _opened(doc: Any, partner_id: str, key: bytes) -> list[dict[str, Any]] | None:
    try:
        sealed = SealedText.model_validate(doc["sealed"])
        raw = fileformat.open_bytes(key, base64.b64decode(sealed.nonce, validate=True),
                                    base64.b64decode(sealed.ciphertext, validate=True),
                                    partner_id, _context(partner_id))
        if raw is None or sealed.owner != partner_id:
            return None
        checks = json.loads(raw)["checks"]
    except (KeyError, TypeError, ValueError):
        return None
    return checks if isinstance(checks, list) else None


def _find(lockers: fileformat.Table, partner_id: str) -> str | None:
    """The document id of this partner's locker (ids as TinyDB numbers them)."""
    return next((name for name, doc in lockers.items()
                 if isinstance(doc, dict) and doc.get("id") == f"locker-{partner_id}"), None)


def _sealed(partner_id: str, key: bytes, items: list[dict[str, Any]]) -> dict[str, Any]:
    nonce, ciphertext = fileformat.seal_bytes(key, _padded(items), partner_id,
                                              _context(partner_id))
    return {"id": f"locker-{partner_id}", "sealed": {
        "owner": partner_id, "nonce": base64.b64encode(nonce).decode(),
        "ciphertext": base64.b64encode(ciphertext).decode(), "context": _context(partner_id)}}


def _old_checks(data: fileformat.Tables, partner_id: str,
                key: bytes) -> tuple[list[dict[str, Any]], fileformat.Table]:
    """This partner's checks kept as records of their own (older trust-tui), and the
    table without them (a record that does not open stays)."""
    moved, kept = [], {}
    for name, doc in data.get(OLD_CHECKS, {}).items():
        sealed = doc.get("sealed") if isinstance(doc, dict) else None
        text = None
        if isinstance(sealed, dict) and sealed.get("owner") == partner_id:
            try:
                text = fileformat.open_text(key, base64.b64decode(sealed["nonce"]),
                                            base64.b64decode(sealed["ciphertext"]), partner_id,
                                            sealed.get("context"))
            except (KeyError, TypeError, ValueError):
                text = None
        if text is None:
            kept[name] = doc
        else:
            moved.append({"at": str(doc.get("created_at", "")), "text": text})
    return moved, kept


def _from_history(data: fileformat.Tables, partner_id: str, key: bytes,
                  items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The checks of this locker and of its versions a merge kept in history (the
    other copy's, when both copies kept checks: vault/merging.py moves them still
    sealed), each once, oldest first. Only here, where the owner's key is."""
    kept = side(data, HISTORY).get(LOCKERS)  # a damaged history: none
    versions = kept.get(f"locker-{partner_id}") if isinstance(kept, dict) else None
    if not isinstance(versions, list) or not versions:
        return items
    merged: dict[str, dict[str, Any]] = {}
    for found in [items, *(_opened(v.get("doc"), partner_id, key) or []
                           for v in versions if isinstance(v, dict))]:
        for item in found:
            if isinstance(item, dict):
                merged.setdefault(json.dumps(item, sort_keys=True), item)
    return sorted(merged.values(), key=lambda item: str(item.get("at", "")))


class Lockers:
    """The lockers of `Vault` (a mixin; Vault defines what is declared here)."""

    _slot_id: str
    _private_key: bytes | None
    _private_keys: dict[str, bytes]
    _storage: EncryptedStorage
    _locker_adds: dict[str, tuple[bytes, dict[str, Any]]]

    if TYPE_CHECKING:
        import contextlib

        def transaction(self) -> contextlib.AbstractContextManager[None]: ...
        def _private_key_of(self, partner_id: str) -> bytes | None: ...

    def with_lockers(self, data: fileformat.Tables,
                     keys: dict[str, bytes]) -> fileformat.Tables:
        """`data` with a locker for each of these partners (a new vault)."""
        lockers = {str(n + 1): _sealed(pid, key, []) for n, (pid, key) in enumerate(keys.items())}
        return {**data, LOCKERS: lockers}

    def hold_key(self, partner_id: str) -> HeldKey:
        """Take this partner's key for one save (a screen may forget it at once)."""
        key = self._private_key_of(partner_id)
        if key is None:
            raise VaultLocked()
        return HeldKey(partner_id, key)

    def add_to_locker(self, held: HeldKey, text: str, at: str) -> None:
        """Keep one more check (`text`, at `at`) in its partner's locker."""
        with self.transaction():
            self._locker_adds[held.partner_id] = (held._key, {"at": at, "text": text})
            try:
                self._storage.write(self._storage.read_held())
            finally:
                self._locker_adds.pop(held.partner_id, None)

    def locker(self, partner_id: str) -> list[dict[str, Any]] | None:
        """This partner's kept checks ({"at", "text"}, oldest first), or None when
        their key is not here."""
        key = self._private_key_of(partner_id)
        if key is None:
            return None
        data = self._tables_read(LOCKERS, OLD_CHECKS, HISTORY)  # not every table
        lockers = data.get(LOCKERS, {})
        name = _find(lockers, partner_id)
        doc = None if name is None else lockers[name]
        found = [] if doc is None else (_opened(doc, partner_id, key) or [])
        return [*_old_checks(data, partner_id, key)[0],
                *_from_history(data, partner_id, key, found)]

    def _tables_read(self, *names: str) -> fileformat.Tables:
        """These tables (those there are), parsed; the others stay packed."""
        found = {name: self._storage.read_table(name) for name in names}
        return {name: cast(fileformat.Table, table) for name, table in found.items()
                if table is not None}

    def _fresh_lockers(self, data: fileformat.Tables) -> fileformat.Tables:
        """Before every write: seal again the locker of every partner whose key this
        session holds (and add a check being kept). A locker that does not open
        with its owner's key is left as it is, never replaced by an empty one."""
        keys = dict(self._private_keys)
        me = next((d.get("id") for d in data.get("partners", {}).values()
                   if isinstance(d, dict) and d.get("slot_id") == self._slot_id), None)
        if isinstance(me, str) and self._private_key is not None:
            keys[me] = self._private_key
        for partner_id, (key, _) in self._locker_adds.items():
            keys[partner_id] = key
        if not keys:
            return data
        lockers = dict(data.get(LOCKERS, {}))
        for partner_id, key in keys.items():
            name = _find(lockers, partner_id)
            doc = None if name is None else lockers[name]
            items = [] if doc is None else _opened(doc, partner_id, key)
            if items is None:
                continue
            moved, kept = _old_checks(data, partner_id, key)
            if moved:
                data = {**data, OLD_CHECKS: kept}
            added = self._locker_adds.get(partner_id)
            items = [*moved, *_from_history(data, partner_id, key, items),
                     *([added[1]] if added else [])]
            if name is None:
                name = str(max((int(k) for k in lockers if k.isdigit()), default=0) + 1)
            lockers[name] = _sealed(partner_id, key, items)
        return {**data, LOCKERS: lockers}
