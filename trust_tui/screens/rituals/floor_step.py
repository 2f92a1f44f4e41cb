"""A ritual step with the floor: the shared floor view (widgets/floor_view.py),
started at once on the step's prompts, coming back to the ritual when the couple
ends it (e, y). The listener's pane stays open for short notes while the
speaker speaks; a break here is a break of the ritual too. Its floor is kept as
a talk's is (widgets/floor_host.py: every move saved as an event), so a ritual
continued later carries on its floor step's talk at the very turn."""

from __future__ import annotations

from typing import Protocol

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Input

from trust_tui.domain.floor import Floor
from trust_tui.domain.flow import Flow, Ritual, Step
from trust_tui.models import BreakTaken, TalkSession
from trust_tui.screens.base import AreaScreen
from trust_tui.store import StoreCall
from trust_tui.widgets.floor_host import FloorHost
from trust_tui.widgets.floor_moves import FLOOR_BINDINGS
from trust_tui.widgets.floor_view import FloorView
from trust_tui.widgets.keys import keyed

TICK_SECONDS = 0.25


class RitualUnderWay(Protocol):
    """What the floor step needs from the ritual it belongs to."""

    ritual: Ritual
    flow: Flow | None
    sides: tuple[str, str]

    def break_started(self) -> None: ...

    def break_taken(self, taken: BreakTaken) -> None: ...

    def break_not_taken(self) -> None: ...

    def floor_begun(self, talk_id: str) -> None: ...


class RitualTalkScreen(FloorHost, AreaScreen):
    """The floor for one ritual step; dismissed with the talk as saved."""

    shares_seats = True  # seated apart, live in both apps, a break too (calm.py)
    what_waits = "ritual"  # the calm screen's "Your ritual waits where it stopped"

    BINDINGS = keyed("ritual.floor", [
        *FLOOR_BINDINGS,
        Binding("p", "pause", "Pause / go on"),
        Binding("e", "end_talk", "End talk"),
        Binding("escape", "leave", "Leave field / end", show=False),
    ])

    def __init__(self, ritual_screen: RitualUnderWay, step: Step, first_speaker_id: str,
                 *, session: TalkSession | None = None) -> None:
        super().__init__()
        self.ritual_screen = ritual_screen
        self.ritual_step = step
        self.first_speaker_id = first_speaker_id
        self.floor_view = FloorView(id="talk", shared=True)
        self._ritual_returned = False
        self._ritual_session = session  # a floor under way, continued from its events

    def compose(self) -> ComposeResult:
        yield self.floor_view
        yield Footer()

    @property
    def sides(self) -> tuple[str, str]:
        return self.ritual_screen.sides

    def on_mount(self) -> None:
        self.set_interval(TICK_SECONDS, self.floor_view.tick)
        flow = self.ritual_screen.flow
        assert flow is not None
        session = self._ritual_session
        if session is not None:
            floor = Floor.replay(self.clock, session, self.sides)
        else:
            floor = Floor.begin(self.clock, topic_key="open",
                                turn_minutes=self.vault.settings.default_turn_minutes,
                                first_speaker_id=self.first_speaker_id, partners=self.sides,
                                ritual_id=flow.run_id, by=self.sides[0])
        self.trust_app.current_talk = self
        self.floor_view.start(floor, self.sides, {p.id: p.name for p in self.vault.partners},
                              prompts=self.ritual_step.prompts,
                              heading=f"{flow.position}: {self.ritual_step.title}",
                              jot_while_listening=True)
        self.show_typing()
        self.ritual_screen.floor_begun(floor.session.id)
        if session is None:
            self.save_floor()

    def reload(self) -> None:
        """The other app's moves on this floor, shown here (floor_host.py)."""
        if not self._ritual_returned:
            self.catch_up_kept()

    def floor_caught_up(self, before: Floor) -> None:
        """The other app ended the floor step (back to the ritual here too), or called
        a break (shown here too)."""
        floor = self.floor
        if floor is None or self._ritual_returned:
            return
        if floor.ended and not before.ended:
            self.notify("The floor step has ended; the ritual goes on.", markup=False)
            self._back_to_ritual(floor)
        elif self.app.screen is self and self.open_break() is not None:
            self.trust_app.action_take_break()

    def save_floor(self) -> None:
        if not self._ritual_returned:
            super().save_floor()

    def pending_words(self) -> list[StoreCall]:
        return [] if self._ritual_returned else self.floor_words()

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

    @on(FloorView.Ended)
    def _floor_ended(self) -> None:
        """The floor ended: save the talk and go back to the ritual."""
        if self._ritual_returned or self.floor is None:
            return
        self.save_floor()
        self._back_to_ritual(self.floor)

    def _back_to_ritual(self, floor: Floor) -> None:
        self._ritual_returned = True
        self.trust_app.current_talk = self.ritual_screen
        self.dismiss(floor.session.model_copy(deep=True))

    # --- breaks and the idle lock ------------------------------------------------------

    def where_we_were(self) -> str:
        where = self.floor_view.where_we_were()
        return f"{self.ritual_screen.ritual.title}: {self.ritual_step.title}. {where}"

    def break_started(self) -> None:
        self.ritual_screen.break_started()

    def break_taken(self, taken: BreakTaken) -> None:
        if self.add_floor_break(taken):
            self.save_floor()
        self.ritual_screen.break_taken(taken)

    def on_screen_resume(self) -> None:
        self.resume_floor()
        self.ritual_screen.break_not_taken()
