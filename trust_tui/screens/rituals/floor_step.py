"""A ritual step with the floor: the shared floor view (widgets/floor_view.py),
started at once on the step's prompts, coming back to the ritual when the couple
ends it (e, y). The listener's pane stays open for short notes while the
speaker speaks; a break here is a break of the ritual too."""

from __future__ import annotations

from typing import Protocol

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Input

from trust_tui.domain.floor import Floor
from trust_tui.domain.flow import Flow, Ritual, Step
from trust_tui.domain.break_clock import BreakClock
from trust_tui.models import BreakTaken, LiveEvent
from trust_tui.screens.base import AreaScreen
from trust_tui.store import talks
from trust_tui.widgets.floor_view import FLOOR_BINDINGS, FloorView

TICK_SECONDS = 0.25


class RitualUnderWay(Protocol):
    """What the floor step needs from the ritual it belongs to."""

    ritual: Ritual
    flow: Flow | None
    sides: tuple[str, str]

    def break_started(self) -> None: ...

    def break_taken(self, taken: BreakTaken) -> None: ...

    def break_not_taken(self) -> None: ...


class RitualTalkScreen(AreaScreen):
    """The floor for one ritual step; dismissed with the talk as saved."""

    BINDINGS = [
        *FLOOR_BINDINGS,
        Binding("p", "pause", "Pause / go on"),
        Binding("e", "end_talk", "End talk"),
        Binding("escape", "leave", "Leave field / end", show=False),
    ]

    def __init__(self, ritual_screen: RitualUnderWay, step: Step, first_speaker_id: str) -> None:
        super().__init__()
        self.ritual_screen = ritual_screen
        self.ritual_step = step
        self.first_speaker_id = first_speaker_id
        self.floor_view = FloorView(id="talk")
        self._ritual_returned = False

    def compose(self) -> ComposeResult:
        yield self.floor_view
        yield Footer()

    @property
    def floor(self) -> Floor | None:
        return self.floor_view.floor

    @property
    def sides(self) -> tuple[str, str]:
        return self.ritual_screen.sides

    def on_mount(self) -> None:
        self.set_interval(TICK_SECONDS, self.floor_view.tick)
        flow = self.ritual_screen.flow
        assert flow is not None
        floor = Floor.begin(self.clock, topic_key="open",
                            turn_minutes=self.vault.settings.default_turn_minutes,
                            first_speaker_id=self.first_speaker_id, partners=self.sides)
        floor.session.ritual_id = flow.run_id
        self.trust_app.current_talk = self
        self.floor_view.start(floor, self.sides, {p.id: p.name for p in self.vault.partners},
                              prompts=self.ritual_step.prompts,
                              heading=f"{flow.position}: {self.ritual_step.title}",
                              jot_while_listening=True)
        self._save_progress()

    def _save_progress(self) -> None:
        if self.floor is not None and not self._ritual_returned:
            self.store(talks.save_progress, self.floor.session.model_copy(deep=True),
                       saved_message=None)

    # --- keys, and what the floor reports ---------------------------------------------

    def action_side(self, side: str, slot: str) -> None:
        self.floor_view.act(side, slot)

    def action_pause(self) -> None:
        self.floor_view.toggle_pause()

    def action_end_talk(self) -> None:
        self.floor_view.ask_to_end()

    def action_leave(self) -> None:
        if isinstance(self.focused, Input):
            self.set_focus(None)
        else:
            self.action_end_talk()

    @on(FloorView.Passed)
    def _floor_passed(self) -> None:
        self._save_progress()

    @on(FloorView.Ended)
    def _floor_ended(self) -> None:
        """The floor ended: save the talk and go back to the ritual."""
        if self._ritual_returned or self.floor is None:
            return
        self._save_progress()
        self._ritual_returned = True
        self.trust_app.current_talk = self.ritual_screen
        self.dismiss(self.floor.session.model_copy(deep=True))

    # --- breaks and the idle lock ------------------------------------------------------

    def where_we_were(self) -> str:
        where = self.floor_view.where_we_were()
        return f"{self.ritual_screen.ritual.title}: {self.ritual_step.title}. {where}"

    def break_started(self) -> None:
        self.ritual_screen.break_started()

    def break_taken(self, taken: BreakTaken) -> None:
        if self.floor_view.add_break(taken):
            self._save_progress()
        self.ritual_screen.break_taken(taken)

    def break_moved(self, event: LiveEvent) -> None:
        """Each move of a break under way (not yet kept as events here)."""

    def open_break(self) -> BreakClock | None:
        return None

    def holds_idle_lock(self) -> bool:
        return self.floor_view.holds_idle_lock()

    def on_screen_suspend(self) -> None:
        self.floor_view.away()

    def on_screen_resume(self) -> None:
        self.floor_view.back()
        self.ritual_screen.break_not_taken()
