"""Damage inside a vault that still authenticates (issue 13, item 7): records a
screen could not use, written as an older or broken trust-tui might have."""

from __future__ import annotations

import base64
import os

from trust_tui.models import JournalEntry, SealedText, Win
from trust_tui.vault import Vault

CANARY = "CANARY-words-never-shown"


def a_seal(owner: str) -> SealedText:
    """Sealed text of the right shape (what is inside does not matter here)."""
    return SealedText(owner=owner, nonce=base64.b64encode(os.urandom(12)).decode(),
                      ciphertext=base64.b64encode(os.urandom(40)).decode())


def damage(vault: Vault) -> dict[str, str]:
    """Add four records that cannot be read and a readable win; their ids by what."""
    me = vault.me.id
    fine = Win(text="a readable win", noticed_by=me)
    naive = Win(text=f"{CANARY} naive", noticed_by=me)
    newer = Win(text=f"{CANARY} newer", noticed_by=me)
    private = JournalEntry(author=me, private=True, sealed=a_seal(me))
    vault.add_many([fine, naive, newer, private])
    with vault.transaction():
        data = dict(vault._storage.read())
        wins = dict(data["wins"])
        for key, doc in wins.items():
            if doc["id"] == naive.id:
                wins[key] = dict(doc, created_at="2024-05-01T10:00:00")  # no time zone
            if doc["id"] == newer.id:
                wins[key] = dict(doc, text=doc["text"] * 1000)  # longer than this version takes
        wins["99"] = f"{CANARY} not even an object"
        journal = {key: (dict(doc, sealed=dict(doc["sealed"], nonce=""))
                         if doc["id"] == private.id else doc)
                   for key, doc in data["journal"].items()}
        data.update(wins=wins, journal=journal, setbacks=[f"{CANARY} a list"])
        vault._storage.write(data)
    return {"fine": fine.id, "naive": naive.id, "newer": newer.id, "private": private.id}
