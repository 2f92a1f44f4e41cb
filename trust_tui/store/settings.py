"""The couple's settings: one record, changed field by field."""

from __future__ import annotations

from typing import Any

from trust_tui.models import Settings
from trust_tui.vault import Vault


def change(vault: Vault, values: dict[str, Any]) -> Settings:
    """Change these settings on the latest record (the other window's changes to
    other fields stay)."""
    with vault.transaction():
        updated = vault.settings.model_copy(update=values)
        vault.save_settings(updated)
        return updated
