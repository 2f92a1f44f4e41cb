"""Records that cannot be read (issue 13): found, listed, and moved aside.

A record this trust-tui cannot use (written by an older or newer version, or
damaged inside a file that still authenticates) is left out of every screen and
export (`Vault.all` counts it in `unreadable`). `trust-tui check` lists such
records by table and id, never their content; `check --repair` moves them into
the `quarantine` table, each sealed whole (AES-GCM under the vault's data key,
the table's name as associated data), so nothing is deleted and no screen
reads them again. `quarantined` opens them once more (for a later version or a
person who wants them back).
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from pydantic import ValidationError

from trust_tui.models import ALL_RECORDS
from trust_tui.vault import fileformat, keyslots
from trust_tui.vault.soundness import record_problem

if TYPE_CHECKING:
    from trust_tui.vault.vault import Vault

QUARANTINE_TABLE = "quarantine"
_AAD = b"trust-tui quarantine\x00"


@dataclass(frozen=True)
class Unreadable:
    """Where a record that cannot be read is: its table, its key in the file (None:
    the whole table is damaged) and its id when it has a readable one."""

    table: str
    key: str | None
    record_id: str | None


def _record_id(doc: object) -> str | None:
    found = doc.get("id") if isinstance(doc, dict) else None
    return found if isinstance(found, str) else None


def _readable(model: Any, doc: object) -> bool:
    if not isinstance(doc, dict):
        return False
    try:
        return record_problem(model.model_validate(doc).model_dump()) is None
    except (ValidationError, ValueError, TypeError, OverflowError, RecursionError):
        return False


def find_unreadable(tables: fileformat.Tables) -> list[Unreadable]:
    """Every record of a known table that a screen or an export could not use."""
    found: list[Unreadable] = []
    for model in ALL_RECORDS:
        table: object = tables.get(model.table)
        if table is None:
            continue
        if not isinstance(table, dict):
            found.append(Unreadable(model.table, None, None))
            continue
        found += [Unreadable(model.table, key, _record_id(doc))
                  for key, doc in table.items() if not _readable(model, doc)]
    return found


def unreadable_records(vault: Vault) -> list[Unreadable]:
    vault._require_unlocked()
    return find_unreadable(vault._storage.read())


def move_to_quarantine(vault: Vault, moved_at: datetime) -> int:
    """Move every unreadable record into the sealed quarantine table, in one
    durable write; how many were moved. Nothing is deleted."""
    with vault.transaction():
        data = dict(vault._storage.read())
        found = find_unreadable(data)
        if not found:
            return 0
        aead = AESGCM(vault._storage.data_key)
        box_now = data.get(QUARANTINE_TABLE)
        box: dict[str, Any] = dict(box_now) if isinstance(box_now, dict) else {}
        copied: set[str] = set()
        for item in found:
            if item.key is None:
                doc = data.pop(item.table)
            else:
                if item.table not in copied:
                    data[item.table] = dict(data[item.table])
                    copied.add(item.table)
                doc = data[item.table].pop(item.key)
            plain = json.dumps({"table": item.table, "key": item.key, "document": doc},
                               ensure_ascii=False).encode("utf-8", "surrogatepass")
            nonce = os.urandom(keyslots.NONCE_SIZE)
            sealed = aead.encrypt(nonce, plain, _AAD + item.table.encode())
            box[str(len(box) + 1)] = {
                "table": item.table, "record_id": item.record_id,
                "moved_at": moved_at.isoformat(),
                "nonce": base64.b64encode(nonce).decode(),
                "sealed": base64.b64encode(sealed).decode()}
        data[QUARANTINE_TABLE] = box
        vault._storage.write(data)
        vault._ids.clear()
    return len(found)


def quarantined(vault: Vault) -> list[dict[str, Any]]:
    """The records moved aside, opened again: {"table", "key", "document"} each."""
    vault._require_unlocked()
    box = vault._storage.read().get(QUARANTINE_TABLE)
    aead = AESGCM(vault._storage.data_key)
    opened = []
    for row in (box.values() if isinstance(box, dict) else []):
        plain = aead.decrypt(base64.b64decode(row["nonce"]), base64.b64decode(row["sealed"]),
                             _AAD + str(row["table"]).encode())
        opened.append(json.loads(plain.decode("utf-8", "surrogatepass")))
    return opened
