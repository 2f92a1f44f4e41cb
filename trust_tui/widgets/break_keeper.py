"""A break called away from any talk or ritual: it keeps itself.

The calm screen has one path for every break: it hands each move to the
session under it (`TalkInProgress.break_moved`). With no talk or ritual under
it, this keeper is that session: it keeps the break as a `BreakSession` of its
own (store/breaks.py), saved at every move through the calm screen's saves, and
hands back a break under way (`open_break`) after a lock or a restart.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from trust_tui.domain.break_clock import BreakClock, open_break
from trust_tui.domain.live import BREAK_ASKED, BREAK_BACK
from trust_tui.models import BreakSession, BreakTaken, LiveEvent
from trust_tui.store import StoreCall, bind, breaks

if TYPE_CHECKING:
    from trust_tui.domain.clock import Clock
    from trust_tui.vault import Vault
    from trust_tui.widgets.saving import StoreClient


class StandaloneBreak:
    """A TalkInProgress for a break with nothing under it (see talk_in_progress.py)."""

    shares_seats = True  # shown in both apps when the partners sit apart (calm.py)

    def __init__(self, saver: StoreClient, vault: Vault, clock: Clock) -> None:
        left, right = (p.id for p in vault.partners[:2])
        self.sides: tuple[str, str] = (left, right)
        self._break_saver = saver
        self._break_clock_source = clock
        under_way = breaks.open_break(vault)
        self._break_id = under_way.id if under_way is not None else None
        self._break_events = list(under_way.events) if under_way is not None else []
        self._break_unsaved: list[LiveEvent] = []

    def break_started(self) -> None:
        """Nothing waits below."""

    def break_moved(self, event: LiveEvent) -> None:
        """Keep this move: a new break on its ask, the others added to it."""
        if event.kind == BREAK_ASKED or self._break_id is None:
            fresh = BreakSession(events=[event])
            self._break_id, self._break_events = fresh.id, [event]
            self._break_unsaved = [event]
            self._break_saver.store(breaks.ask, fresh, saved_message=None,
                                    done=lambda _kept: self._kept([event]))
            return
        self._break_events.append(event)
        self._break_unsaved.append(event)
        self._break_saver.store(self._use_case([event]), self._break_id, [event],
                                saved_message=None, done=lambda _kept: self._kept([event]))

    @staticmethod
    def _use_case(events: list[LiveEvent]
                  ) -> Callable[[Vault, str, Sequence[LiveEvent]], BreakSession]:
        return breaks.end if any(e.kind == BREAK_BACK for e in events) else breaks.move

    def _kept(self, events: list[LiveEvent]) -> None:
        self._break_unsaved = [e for e in self._break_unsaved if e not in events]

    def pending_words(self) -> list[StoreCall]:
        """Moves not known to be saved yet (a lock hands them over; kept once)."""
        if self._break_id is None or not self._break_unsaved:
            return []
        moves = list(self._break_unsaved)
        return [bind(self._use_case(moves), self._break_id, moves)]

    def break_taken(self, taken: BreakTaken) -> None:
        """Kept already: "break back" ended it."""

    def reread(self, vault: Vault) -> None:
        """The break as the vault holds it now (another app's moves), with this app's
        moves still on their way; one asked in another app is taken up."""
        kept = (breaks.open_break(vault) if self._break_id is None
                else breaks.kept(vault, self._break_id))
        if kept is None:
            return
        self._break_id = kept.id
        self._break_events = [*kept.events,
                              *(e for e in self._break_unsaved if e not in kept.events)]

    def break_events(self) -> list[LiveEvent]:
        return list(self._break_events)

    def open_break(self) -> BreakClock | None:
        return open_break(self._break_clock_source, self.sides, self._break_events)

    def where_we_were(self) -> str:
        return ""
