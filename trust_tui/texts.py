"""Wording said in more than one place, so it is said the same way everywhere.

Plain strings only: the command line prints these before (or without) Textual,
so nothing here imports Textual, pydantic or the vault.
"""

from __future__ import annotations

# Shown at first-run setup, on home (`?`) and printed by `trust-tui init`.
SAFETY_NOTE = (
    "This app is for couples who want to repair trust together. It is not for "
    "relationships with abuse, threats or coercion. If you feel afraid of your "
    "partner, or pressured to use this, please put it aside and contact your local "
    "emergency number or a domestic-violence helpline in your country instead. "
    "Each of you can take a short private safety check alone, at any time: "
    "ctrl+p, then \"Safety check, alone\" (or Rituals, then a)."
)
