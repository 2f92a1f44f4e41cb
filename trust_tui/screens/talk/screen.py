"""Talk together: two partners side by side, one floor, timed turns.

Stages: a start form -> the floor (widgets/floor_view.py: the two partner panes
with the turn clock between them) -> how it went, a safety check-in from each,
and optional next steps.

`b` calls a break (like f2), `p` pauses, `e` ends the talk. The session is
saved as it goes (start, every passed floor, every break) and once more at the
end, so a crash loses little.

While a talk is in progress, `app.current_talk` is this screen: the calm screen
reads `sides` and reports the break with `break_taken(...)` (TalkInProgress).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Button, ContentSwitcher, Footer, Input, OptionList, Select

from trust_tui.domain.floor import Floor
from trust_tui.models import BreakTaken, TalkSession
from trust_tui.screens.base import AreaScreen, sheet
from trust_tui.screens.talk.start_form import StartForm
from trust_tui.screens.talk.summary import TalkSummary
from trust_tui.store import StoreCall, bind, talks
from trust_tui.widgets.floor_view import FLOOR_BINDINGS, FloorView
from trust_tui.widgets.typed import typed

TICK_SECONDS = 0.25


class TalkScreen(AreaScreen):
    CSS_PATH = sheet("talk")

    BINDINGS = [
        *FLOOR_BINDINGS,
        Binding("p", "pause", "Pause / go on"),
        Binding("e", "end_talk", "End talk"),
        # Each stage's main button, on the key the other forms use, named in the footer
        # (a short terminal may hide the button itself below the fold).
        Binding("ctrl+s", "begin", "Begin the talk"),
        Binding("ctrl+s", "save_talk", "Save and finish"),
        Binding("escape", "leave", "Leave field / home", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._talk_saving = False
        self._talk_queued: tuple | None = None
        # Kept here too: what the talk was (floor, sides) stays readable after a lock.
        self.floor_view = FloorView(id="talk")

    # --- layout -----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        partners = self._partner_options()
        with ContentSwitcher(initial="start", id="talk-stages"):
            yield StartForm(partners, self.vault.settings.default_turn_minutes, id="start")
            yield self.floor_view
            yield TalkSummary(partners, id="summary")
        yield Footer()

    def on_mount(self) -> None:
        self.set_interval(TICK_SECONDS, self.tick)

    def on_resize(self) -> None:
        self.set_class(self.size.width < 100, "-narrow")

    def _partner_options(self) -> list[tuple[Content, str]]:
        # Names are typed by the couple: Content, never markup (a Select parses a str).
        return [(typed(p.name), p.id) for p in self.vault.partners]

    @property
    def floor(self) -> Floor | None:
        return self.floor_view.floor

    @property
    def sides(self) -> tuple[str, str]:
        return self.floor_view.sides

    @property
    def stage(self) -> str:
        return self.query_one("#talk-stages", ContentSwitcher).current or "start"

    def _go(self, stage: str) -> None:
        self.query_one("#talk-stages", ContentSwitcher).current = stage
        self.refresh_bindings()

    def reload(self) -> None:
        """Partner names may have changed; a talk in progress is left as it is."""
        if self.floor is None:
            self.query_one(StartForm).set_partners(self._partner_options())

    def _names(self) -> dict[str, str]:
        return {p.id: p.name for p in self.vault.partners}

    # --- starting -------------------------------------------------------------------

    def action_begin(self) -> None:
        self.query_one(StartForm).submit()

    @on(StartForm.Begin)
    def _begin_asked(self, event: StartForm.Begin) -> None:
        self.begin(topic_key=event.topic_key, turn_minutes=event.turn_minutes,
                   first_speaker_id=event.first_speaker_id, sides=event.sides)

    def begin(self, *, topic_key: str, turn_minutes: int, first_speaker_id: str,
              sides: tuple[str, str]) -> None:
        floor = Floor.begin(self.clock, topic_key=topic_key, turn_minutes=turn_minutes,
                            first_speaker_id=first_speaker_id, partners=sides)
        self.query_one(TalkSummary).clear()
        self.trust_app.current_talk = self
        self._go("talk")
        self.floor_view.start(floor, sides, self._names())
        self._save_progress()

    # --- the talk: keys, and what the floor reports -------------------------------------

    def action_side(self, side: str, slot: str) -> None:
        if self.stage == "talk":
            self.floor_view.act(side, slot)

    def action_pause(self) -> None:
        if self.stage == "talk":
            self.floor_view.toggle_pause()

    def action_end_talk(self) -> None:
        if self.stage == "talk":
            self.floor_view.ask_to_end()

    @on(FloorView.Passed)
    def _floor_passed(self) -> None:
        self._save_progress()

    @on(FloorView.Ended)
    def _floor_ended(self) -> None:
        self._show_summary()
        self._save_progress()

    def action_leave(self) -> None:
        if isinstance(self.focused, (Input, OptionList, Select)):
            self.set_focus(None)
        elif self.trust_app.vault_open:
            self.app.switch_mode("home")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("pause", "end_talk", "side"):
            return self.stage == "talk" and self.floor is not None
        if action == "begin":
            return self.stage == "start"
        if action == "save_talk":
            return self.stage == "summary"
        return True

    # --- the calm screen and idle lock ---------------------------------------------------

    def break_started(self) -> None:
        """The turn clock already waits while the break is on top (see suspend)."""

    def break_taken(self, taken: BreakTaken) -> None:
        """The calm screen reports a finished break; it is saved with the talk."""
        if self.floor_view.add_break(taken):
            self._save_progress()

    def where_we_were(self) -> str:
        return self.floor_view.where_we_were()

    def holds_idle_lock(self) -> bool:
        return self.floor_view.holds_idle_lock()

    def on_screen_suspend(self) -> None:
        self.floor_view.away()

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        self.floor_view.back()

    def tick(self) -> None:
        """Redraw what time changes (the interval calls it; tests call it directly)."""
        if self.stage == "talk":
            self.floor_view.tick()

    # --- the end: summary, check-ins, next steps -----------------------------------------

    def _show_summary(self) -> None:
        floor = self.floor
        assert floor is not None
        self._go("summary")
        self.query_one(TalkSummary).show(floor, self.sides, self._names())

    def pending_words(self) -> list[StoreCall]:
        """On how-it-went before "save": the numbers and next steps typed so far join
        the talk (on disk as ended already) at a lock or quit."""
        floor = self.floor
        if floor is None or not floor.ended or self.stage != "summary":
            return []
        ratings, steps = self.query_one(TalkSummary).words_typed()
        return [bind(talks.keep_words, floor.session.model_copy(deep=True), ratings, steps)]

    @on(Button.Pressed, "#summary-save")
    def action_save_talk(self) -> None:
        floor = self.floor
        summary = self.query_one(TalkSummary)
        if floor is None or not floor.ended:
            return
        ratings = summary.check_ins()
        if ratings is None:
            return
        for pid, rating in ratings.items():
            floor.check_in(pid, rating)
        if not summary.add_next_step():  # a step typed but not yet added is kept, not lost
            return
        self._persist(talks.finish, floor.session.model_copy(deep=True),
                      list(summary.next_steps), done=self._finished,
                      message="Your talk is saved.")

    def _finished(self, session: TalkSession) -> None:
        self.floor_view.floor = None
        if self.trust_app.current_talk is self:
            self.trust_app.current_talk = None
        self.query_one(TalkSummary).clear()
        self.query_one(StartForm).say("Your last talk is saved. Thank you for talking.")
        self._go("start")

    # --- saving, in order -------------------------------------------------------------------

    def _save_progress(self) -> None:
        """Save the session so far (start, each passed floor, each break)."""
        if self.floor is not None:
            self._persist(talks.save_progress, self.floor.session.model_copy(deep=True),
                          message=None)

    def _persist(self, use_case, *args, done=None, message: str | None) -> None:
        # One save at a time, so an older copy of the session never lands after a
        # newer one; a newer request replaces a queued one (each is the whole session).
        if self._talk_saving:
            if (self._talk_queued is None or self._talk_queued[2] is None
                    or done is not None):
                self._talk_queued = (use_case, args, done, message)
            return
        self._talk_saving = True

        def finished(result: object) -> None:
            self._talk_saving = False
            if done is not None:
                done(result)
            self._drain()

        def failed(error: Exception) -> None:
            self._talk_saving = False
            self._drain()

        self.store(use_case, *args, done=finished, failed=failed, saved_message=message)

    def _drain(self) -> None:
        if self._talk_queued is not None:
            use_case, args, done, message = self._talk_queued
            self._talk_queued = None
            self._persist(use_case, *args, done=done, message=message)
