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

    from trust_tui.domain.clock import Clock
    from trust_tui.vault import Vault


def open_area(mode: str) -> Screen:
    """A new screen for the area named `mode` (one of `AREAS`)."""
    match mode:
        case "talk":
            from trust_tui.screens.talk import TalkScreen as Area
        case "wins":
            from trust_tui.screens.wins import WinsScreen as Area
        case "progress":
            from trust_tui.screens.progress import ProgressScreen as Area
        case "expectations":
            from trust_tui.screens.agreements import ExpectationsScreen as Area
        case "boundaries":
            from trust_tui.screens.agreements import BoundariesScreen as Area
        case "rituals":
            from trust_tui.screens.rituals import RitualsScreen as Area
        case "journal":
            from trust_tui.screens.journal import JournalScreen as Area
        case _:
            raise LookupError(f"No area named {mode!r}.")
    return Area()


def due_lines(mode: str, vault: Vault, today: date) -> list[str]:
    """The area's short lines for home's "Today" list (none for most areas)."""
    match mode:
        case "talk":
            from trust_tui.screens.talk import due_talk as due
        case "wins":
            from trust_tui.store.wins import due_lines as due
        case "expectations":
            from trust_tui.screens.agreements import due_expectations as due
        case "boundaries":
            from trust_tui.screens.agreements import due_boundaries as due
        case "rituals":
            from trust_tui.store.rituals import due_rituals as due
        case "journal":
            from trust_tui.store.checkins import due
        case _:
            return []
    return list(due(vault, today))


def ritual_break_under_way(vault: Vault, clock: Clock) -> bool:
    """A ritual under way has a break open (on a step or on its floor)."""
    from trust_tui.store.rituals import break_under_way

    return break_under_way(vault, clock) is not None


def talk_break_under_way(vault: Vault, clock: Clock) -> bool:
    """A talk under way has a break open: after unlocking, its area opens."""
    from trust_tui.screens.talk import break_under_way

    return break_under_way(vault, clock)
