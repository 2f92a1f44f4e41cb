"""What a break needs from whatever waits under it (a talk, a ritual, its floor step).

The calm screen reads `sides` (who sits left and right), says the break has
begun with `break_started()`, reports the finished one with `break_taken(...)`,
and says `where_we_were()` when the couple is back.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from trust_tui.models import BreakTaken


@runtime_checkable
class TalkInProgress(Protocol):
    """What the calm screen needs from a talk that is waiting for it."""

    sides: tuple[str, str]  # left and right partner ids

    def break_started(self) -> None: ...

    def break_taken(self, taken: BreakTaken) -> None: ...

    def where_we_were(self) -> str: ...
