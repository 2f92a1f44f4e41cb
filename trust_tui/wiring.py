"""Which screen each area opens, and what each area says is due on home.

The app's side of `screens/areas.py` (which only names the areas): screens are
imported here on first use, so the unlock screen paints before any area loads,
and the imports are plain ones the import contracts can see. Home asks the app
for the due lines (`Shell.due_lines`) instead of importing other screens.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.screen import Screen

    from trust_tui.vault import Vault


def open_area(mode: str) -> Screen:
    """A new screen for the area named `mode` (one of `AREAS`)."""
    if mode == "talk":
        from trust_tui.screens.talk import TalkScreen
        return TalkScreen()
    if mode == "wins":
        from trust_tui.screens.wins import WinsScreen
        return WinsScreen()
    if mode == "progress":
        from trust_tui.screens.progress import ProgressScreen
        return ProgressScreen()
    if mode == "expectations":
        from trust_tui.screens.agreements import ExpectationsScreen
        return ExpectationsScreen()
    if mode == "boundaries":
        from trust_tui.screens.agreements import BoundariesScreen
        return BoundariesScreen()
    if mode == "rituals":
        from trust_tui.screens.rituals import RitualsScreen
        return RitualsScreen()
    if mode == "journal":
        from trust_tui.screens.journal import JournalScreen
        return JournalScreen()
    raise LookupError(f"No area named {mode!r}.")


def due_lines(mode: str, vault: Vault, today: date) -> list[str]:
    """The area's short lines for home's "Today" list (none for most areas)."""
    if mode == "wins":
        from trust_tui.screens.wins import due_lines as wins_due
        return wins_due(vault, today)
    if mode == "expectations":
        from trust_tui.screens.agreements import due_expectations
        return due_expectations(vault, today)
    if mode == "boundaries":
        from trust_tui.screens.agreements import due_boundaries
        return due_boundaries(vault, today)
    if mode == "rituals":
        from trust_tui.screens.rituals import due_rituals
        return due_rituals(vault, today)
    if mode == "journal":
        from trust_tui.screens.checkin import due_checkin
        return due_checkin(vault, today)
    return []
