"""The app's areas: each is a mode, a line on home, and a command-palette entry.

To add an area, append an `Area` to AREAS. `factory` is imported lazily so the
command line never imports Textual screens it does not need. `due` (optional)
returns short lines for home's "what is due" list.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.screen import Screen

    from trust_tui.vault import Vault


@dataclass(frozen=True)
class Area:
    mode: str  # the mode name, e.g. "talk"
    title: str  # as shown on home, e.g. "Talk together"
    key: str  # the key that opens it from home (a single letter or digit)
    steps: tuple[int, ...]  # which of the method's eight steps it serves
    description: str  # one line: what it is for, in the couple's words
    screen: str  # "module:Class", e.g. "trust_tui.screens.talk:TalkScreen"
    due: str | None = None  # "module:function(vault, today) -> list[str]"

    def make_screen(self) -> "Screen":
        return _load(self.screen)()

    def due_lines(self, vault: "Vault", today: date) -> list[str]:
        if self.due is None:
            return []
        return list(_load(self.due)(vault, today))


def _load(ref: str) -> Callable:
    module, _, name = ref.partition(":")
    return getattr(importlib.import_module(module), name)


# Order is the order on home. Keep keys unique.
AREAS: list[Area] = [
    Area(mode="talk", title="Talk together", key="t", steps=(1, 2, 6),
         description="Timed turns side by side: one holds the floor, the other listens and says it back",
         screen="trust_tui.screens.talk:TalkScreen"),
    Area(mode="wins", title="Wins wall", key="w", steps=(8,),
         description="Small wins, thank-yous and mini-goals, with setbacks kept in proportion",
         screen="trust_tui.screens.wins:WinsScreen", due="trust_tui.screens.wins:due_lines"),
    Area(mode="progress", title="Progress", key="p", steps=(4, 8),
         description="Check-ins, follow-through, wins and talk time over the weeks: a trend, not a verdict",
         screen="trust_tui.screens.progress:ProgressScreen"),
    Area(mode="expectations", title="Expectations", key="e", steps=(3, 4),
         description="What each of you needs to feel safe, agreed by both, kept and reviewed",
         screen="trust_tui.screens.agreements:ExpectationsScreen",
         due="trust_tui.screens.agreements:due_expectations"),
    Area(mode="boundaries", title="Boundaries", key="b", steps=(7,),
         description="Boundaries asked for rather than assumed, with check-backs and "
                     "'raise it now'",
         screen="trust_tui.screens.agreements:BoundariesScreen",
         due="trust_tui.screens.agreements:due_boundaries"),
    Area(mode="rituals", title="Rituals", key="r", steps=(3, 4, 7, 8),
         description="The weekly meeting, talking through a setback, and a private "
                     "safety check for one of you at a time",
         screen="trust_tui.screens.rituals:RitualsScreen",
         due="trust_tui.screens.rituals:due_rituals"),
    Area(mode="journal", title="Journal", key="j", steps=(2, 5, 6),
         description="Shared and private entries, the honesty log and small slips, "
                     "with a gentle second look at apologies",
         screen="trust_tui.screens.journal:JournalScreen",
         due="trust_tui.screens.checkin:due_checkin"),
]
