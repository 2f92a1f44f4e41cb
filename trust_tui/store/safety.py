"""The solo safety check: one partner's sealed answers, kept.

The screen seals the answers with the answering partner's private key while it
is still in memory (and forgets the key at once); what reaches the store is
already ciphertext of one fixed size, so nothing here can read it.
"""

from __future__ import annotations

from trust_tui.models import SafetyCheck
from trust_tui.vault import Vault


def keep_sealed_check(vault: Vault, check: SafetyCheck) -> SafetyCheck:
    """Keep one finished check, sealed for the partner who answered it."""
    vault.add(check)
    return check
