"""A ritual's side of a break (the calm screen sees the ritual as the talk in
progress): the ritual waits on its very step, prompt and item; the break's moves
are kept while it runs (a floor step's join its talk's events instead)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from trust_tui.domain.break_clock import BreakClock, open_break
from trust_tui.models import BreakTaken, LiveEvent

if TYPE_CHECKING:
    from trust_tui.domain.clock import Clock
    from trust_tui.domain.flow import Flow, Ritual, Step


class RitualBreaks:
    """Mixed into RitualRunScreen."""

    what_waits = "ritual"  # the calm screen's "Your ritual waits where it stopped"

    ritual: Ritual
    flow: Flow | None
    sides: tuple[str, str]
    clock: Clock
    _ritual_break: list[LiveEvent]
    # The screen's own (declared here for the reader and the type checker).
    step: Step | None
    running: bool
    refresh_view: Callable[[], None]
    _keep_progress: Callable[[], None]

    def where_we_were(self) -> str:
        flow, step = self.flow, self.step
        if flow is None or step is None:
            return ""
        where = f"{self.ritual.title}, {flow.position.lower()}: {step.title}."
        if flow.item is not None:
            where += f" ({flow.item_position})"
        return where

    def break_started(self) -> None:
        if self.flow is not None and self.running:
            self.flow.take_break()
            self.refresh_view()

    def break_taken(self, taken: BreakTaken) -> None:
        self._ritual_break = []
        if self.flow is not None and self.flow.on_break:
            self.flow.end_break(taken)
        self._keep_progress()

    def break_moved(self, event: LiveEvent) -> None:
        """A break's moves on a step, kept with the run at once (a lock or a restart
        carries the break on); a floor step's join its talk's events instead."""
        self._ritual_break.append(event)
        self._keep_progress()

    def open_break(self) -> BreakClock | None:
        return open_break(self.clock, self.sides, self._ritual_break)

    def break_not_taken(self) -> None:
        if self.flow is not None and self.flow.on_break:
            self.flow.end_break()

