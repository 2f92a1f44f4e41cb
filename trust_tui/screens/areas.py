"""The app's areas: each is a mode, a line on home, and a command-palette entry.

To add an area, append an `Area` to AREAS and say in `trust_tui/wiring.py`
which screen it opens (and, if any, what it says is due on home). This module
only names the areas, so home can list them without importing their screens.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Area:
    mode: str  # the mode name, e.g. "talk"
    title: str  # as shown on home, e.g. "Talk together"
    key: str  # the key that opens it from home (a single letter or digit)
    steps: tuple[int, ...]  # which of the method's eight steps it serves
    description: str  # one line: what it is for, in the couple's words


# Order is the order on home. Keep keys unique.
AREAS: list[Area] = [
    Area(mode="talk", title="Talk together", key="t", steps=(1, 2, 6),
         description="Timed turns side by side: one holds the floor, the other listens and says it back"),
    Area(mode="wins", title="Wins wall", key="w", steps=(8,),
         description="Small wins, thank-yous and mini-goals, with setbacks kept in proportion"),
    Area(mode="progress", title="Progress", key="p", steps=(4, 8),
         description="Check-ins, follow-through, wins and talk time over the weeks: a trend, not a verdict"),
    Area(mode="expectations", title="Expectations", key="e", steps=(3, 4),
         description="What each of you needs to feel safe, agreed by both, kept and reviewed"),
    Area(mode="boundaries", title="Boundaries", key="b", steps=(7,),
         description="Boundaries asked for rather than assumed, with check-backs and "
                     "'raise it now'"),
    Area(mode="rituals", title="Rituals", key="r", steps=(3, 4, 7, 8),
         description="The weekly meeting, talking through a setback, and a private "
                     "safety check for one of you at a time"),
    Area(mode="journal", title="Journal", key="j", steps=(2, 5, 6),
         description="Shared and private entries, the honesty log and small slips, "
                     "with a gentle second look at apologies"),
]
