"""The solo safety check: one partner's answers, kept in their own locker.

The screen takes the answering partner's key while it is here (and forgets it
in the session at once); the locker, one record of one fixed size per partner,
is sealed to them afresh on every save, so the file never shows who did a
check, when, or how many (trust_tui/vault/locker.py).
"""

from __future__ import annotations

from datetime import datetime

from trust_tui.vault import Vault
from trust_tui.vault.locker import HeldKey


def keep_check(vault: Vault, held: HeldKey, text: str, at: datetime) -> None:
    """Keep one finished check in the locker of the partner who answered it."""
    vault.add_to_locker(held, text, at.isoformat())


def earlier_checks(vault: Vault, partner_id: str) -> list[tuple[datetime | None, str]]:
    """This partner's kept checks (when, what), newest first; empty when their key
    is not here."""
    found = []
    for item in vault.locker(partner_id) or []:
        try:
            at: datetime | None = datetime.fromisoformat(str(item.get("at")))
        except ValueError:
            at = None
        found.append((at, str(item.get("text", ""))))
    return list(reversed(found))
