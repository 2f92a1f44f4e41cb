"""What a break needs from whatever waits under it (a talk, a ritual, its floor step).

A break belongs to the session it interrupts. The calm screen reads `sides`
(who sits left and right), says the break has begun with `break_started()`,
hands every move of the break (asked, length, ready, not ready, back; see
domain/live.py) to `break_moved(event)` so the session records and saves it,
reports the finished one with `break_taken(...)`, and says `where_we_were()`
when the couple is back. `open_break()` is a break under way in the session
(replayed from its events after a lock or a restart), for the calm screen to
carry on with its time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

from trust_tui.models import BreakTaken, LiveEvent

if TYPE_CHECKING:
    from trust_tui.domain.break_clock import BreakClock


@runtime_checkable
class TalkInProgress(Protocol):
    """What the calm screen needs from a session that is waiting for it."""

    sides: tuple[str, str]  # left and right partner ids

    def break_started(self) -> None: ...

    def break_moved(self, event: LiveEvent) -> None: ...

    def break_taken(self, taken: BreakTaken) -> None: ...

    def open_break(self) -> BreakClock | None: ...

    def where_we_were(self) -> str: ...
