"""Talk together: two partners side by side, one floor, timed turns.

Stages: a start form -> the floor (widgets/floor_view.py: the two partner panes
with the turn clock between them) -> how it went, a safety check-in from each,
and optional next steps.

`b` calls a break (like f2), `p` pauses, `e` ends the talk. Every move is an
event saved at once (widgets/floor_host.py), and only ending it (e, confirmed)
ends a talk: after a lock, Escape, a closed terminal or a crash, this screen
continues the talk under way from its events (a day old: continue or end?), a
break under way included.

While a talk is in progress, `app.current_talk` is this screen: the calm screen
reads `sides` and reports the break with `break_moved(...)`/`break_taken(...)`
(TalkInProgress).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import ContentSwitcher, Footer, Input, OptionList, Static

from trust_tui.domain.floor import Floor, seats
from trust_tui.domain.live import is_stale
from trust_tui.domain.prompts import has_parts
from trust_tui.models import BreakTaken, TalkSession
from trust_tui.screens.base import AreaScreen, sheet
from trust_tui.screens.talk.history import PastTalks
from trust_tui.screens.talk.start_form import StartForm
from trust_tui.screens.talk.summary import (
    SummaryForm,
    SummaryWords,
    TalkOutcome,
    summary_text,
)
from trust_tui.store import StoreCall, bind, talks
from trust_tui.widgets.confirm import ConfirmModal
from trust_tui.widgets.floor_host import FloorHost
from trust_tui.widgets.floor_moves import FLOOR_BINDINGS
from trust_tui.widgets.floor_view import FloorView
from trust_tui.widgets.keys import keyed
from trust_tui.widgets.typed import typed

TICK_SECONDS = 0.25


class TalkScreen(FloorHost, AreaScreen):
    CSS_PATH = sheet("talk")
    shares_seats = True  # a break over it is shared across two apps (calm.py)
    COMMANDS = {PastTalks}

    BINDINGS = keyed("talk", [
        *FLOOR_BINDINGS,
        Binding("p", "pause", "Pause / go on"),
        Binding("e", "end_talk", "End talk"),
        # Each stage's main button, on the key the other forms use, named in the footer
        # (a short terminal may hide the button itself below the fold).
        Binding("ctrl+s", "begin", "Begin the talk"),
        Binding("ctrl+s", "save_talk", "How the talk went"),
        Binding("y", "history", "Past talks"),
        Binding("escape", "leave", "Leave field / home", show=False),
    ])

    def __init__(self) -> None:
        super().__init__()
        self._talk_asking = False  # "end it or continue?" is open
        # How the talk went: the words typed there (kept in the ended talk too), and
        # an outcome on its way to the disk.
        self._talk_words = SummaryWords()
        self._talk_outcome: TalkOutcome | None = None
        self._talk_form: SummaryForm | None = None
        # Kept here too: what the talk was (floor, sides) stays readable after a lock.
        self.floor_view = FloorView(id="talk", shared=True)

    # --- layout -----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        partners = self._partner_options()
        with ContentSwitcher(initial="start", id="talk-stages"):
            yield StartForm(partners, self.vault.settings.default_turn_minutes, id="start")
            yield self.floor_view
            with Vertical(id="summary"):
                yield Static("How the talk went", classes="section-title")
                yield Static(Content("The talk has ended and is kept. ctrl+s opens "
                                     "\"How the talk went\": how safe you each feel, "
                                     "any next steps, then save and finish. Words "
                                     "typed there are kept with the talk."),
                             id="ended-note")
        yield Footer()

    def on_mount(self) -> None:
        self.set_interval(TICK_SECONDS, self.tick)
        self.continue_under_way()

    def on_resize(self) -> None:
        self.set_class(self.size.width < 100, "-narrow")

    def _partner_options(self) -> list[tuple[Content, str]]:
        # Names are typed by the couple: Content, never markup (a Select parses a str).
        return [(typed(p.name), p.id) for p in self.vault.partners]

    @property
    def stage(self) -> str:
        return self.query_one("#talk-stages", ContentSwitcher).current or "start"

    def _go(self, stage: str) -> None:
        self.query_one("#talk-stages", ContentSwitcher).current = stage
        self.refresh_bindings()

    def reload(self) -> None:
        """Partner names may have changed; a talk begun in another app is taken up,
        and a talk in progress catches up with the other app's moves."""
        if self.floor is None:
            self.query_one(StartForm).set_partners(self._partner_options())
            if self.stage == "start" and self.is_mounted:
                self.continue_under_way()
            return
        if not self.floor.ended:
            kept = talks.kept(self.vault, self.floor.session.id)
            if kept is not None:
                self.catch_up(kept)

    def seats_changed(self) -> None:
        """The other window opened or closed (app_seats.py): the start form says how
        to sit (the floor's panes are redrawn by the app)."""
        self.query_one(StartForm).seats_changed()

    def floor_caught_up(self, before: Floor) -> None:
        """The other app ended the talk, or called a break: shown here too. (Its
        clock going away or back is theirs to say: no move is made here for it.)"""
        floor = self.floor
        if floor is None:
            return
        if floor.ended and not before.ended:
            self._go("summary")
            self.notify("The talk has ended. ctrl+s opens how it went.", markup=False)
        elif self.app.screen is self and self.open_break() is not None:
            self.trust_app.action_take_break()  # called in the other app: shown here too

    def _names(self) -> dict[str, str]:
        return {p.id: p.name for p in self.vault.partners}

    # --- starting -------------------------------------------------------------------

    def action_begin(self) -> None:
        self.query_one(StartForm).submit()

    def action_history(self) -> None:
        if self.stage == "start":
            self.query_one(StartForm).open_history()

    @on(StartForm.Begin)
    def _begin_asked(self, event: StartForm.Begin) -> None:
        self.begin(topic_key=event.topic_key, turn_minutes=event.turn_minutes,
                   first_speaker_id=event.first_speaker_id, sides=event.sides,
                   naming_id=event.naming_id, subject=event.subject)

    def begin(self, *, topic_key: str, turn_minutes: int, first_speaker_id: str,
              sides: tuple[str, str], naming_id: str | None = None,
              subject: str | None = None) -> None:
        if naming_id is None and has_parts(topic_key):
            naming_id = first_speaker_id  # the one who broke the trust names it first
        floor = Floor.begin(self.clock, topic_key=topic_key, turn_minutes=turn_minutes,
                            first_speaker_id=first_speaker_id, partners=sides,
                            naming_id=naming_id, by=sides[0])
        floor.session.subject = subject
        self._show_floor(floor)
        self.save_floor()

    def _show_floor(self, floor: Floor) -> None:
        self._talk_words = SummaryWords()
        self.trust_app.current_talk = self
        self._go("talk")
        self.floor_view.start(floor, floor.partners, self._names())

    # --- a talk under way: continued from its events ---------------------------------

    def continue_under_way(self) -> None:
        """A talk left under way (a lock, a closed terminal, a crash) goes on here at
        the very turn, phase, prompt and time left (see `on_screen_resume`)."""
        if self.floor is not None:
            return
        session = talks.under_way(self.vault)
        partners = tuple(p.id for p in self.vault.partners[:2])
        if session is None or len(partners) != 2:
            return
        floor = Floor.replay(self.clock, session, seats(session, partners))  # type: ignore[arg-type]
        self._show_floor(floor)
        self.show_typing()
        if self.app.screen is self:
            self.on_screen_resume()

    def on_screen_resume(self) -> None:
        """Back on screen: the talk goes on, unless it was left a day or more ago:
        then it is offered to end or to continue."""
        floor = self.floor
        if floor is None or floor.ended or self._talk_asking:
            return
        if not is_stale(floor.session.events, self.clock.now()):
            self.resume_floor()
            return
        self._talk_asking = True

        def answered(end: bool | None) -> None:
            self._talk_asking = False
            if self.floor is not floor or floor.ended or not self.trust_app.vault_open:
                return
            if end:
                floor.end()
                self._floor_ended()
            else:
                self.resume_floor()

        # Escape (or n) continues it: only a clear yes ends a talk.
        self.app.push_screen(ConfirmModal(
            "A talk from a day or more ago is still open. End it?", "End it",
            "Continue it", detail="You can pick it up where you left it, or end it now "
                                  "and look back on how it went."), answered)

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

    @on(FloorView.Ended)
    def _floor_ended(self) -> None:
        self._show_summary()
        self.save_floor()

    def action_leave(self) -> None:
        # A box typed in, or a list moved in, is left first (its keys become keys
        # again). A closed Select holds nothing to leave: the start form opens with
        # one focused, and an escape that only took the focus off it seemed to do
        # nothing, so escape goes home at once from it.
        if isinstance(self.focused, (Input, OptionList)):
            self.set_focus(None)
        elif self.trust_app.vault_open:
            self.app.switch_mode("home")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("pause", "end_talk", "side"):
            return self.stage == "talk" and self.floor is not None
        if action in ("begin", "history"):
            return self.stage == "start"
        if action == "save_talk":
            return self.stage == "summary"
        return True

    # --- the calm screen and idle lock ---------------------------------------------------

    def break_started(self) -> None:
        """The turn clock already waits while the break is on top (see suspend)."""

    def break_taken(self, taken: BreakTaken) -> None:
        """The calm screen reports a finished break; it is saved with the talk."""
        if self.add_floor_break(taken):
            self.save_floor()

    def where_we_were(self) -> str:
        return self.floor_view.where_we_were()


    def tick(self) -> None:
        """Redraw what time changes (the interval calls it; tests call it directly)."""
        if self.stage == "talk":
            self.floor_view.tick()

    # --- the end: summary, check-ins, next steps -----------------------------------------

    def _show_summary(self, *, typed_already: bool = False) -> None:
        floor = self.floor
        assert floor is not None
        self._go("summary")
        self._talk_form = SummaryForm(
            floor.session.model_copy(deep=True), summary_text(floor, self._names()),
            self.sides, self._names(), self._talk_words, typed_already=typed_already,
            answers_for=self._answering())
        self.app.push_screen(self._talk_form, self._summary_closed)

    def _answering(self) -> tuple[str, ...]:
        """Whose safety box how-it-went shows here: seated apart, only the partner
        sitting at this app (the other answers in theirs); else both."""
        me = self.floor_view.seated_as()
        return (me,) if me is not None else self.sides

    def _summary_form(self) -> SummaryForm | None:
        """The form, while it is the screen on top."""
        return self._talk_form if self.app.screen is self._talk_form else None

    def action_save_talk(self) -> None:
        """Opens how-it-went again (or, with it open, saves it)."""
        form = self._summary_form()
        if form is not None:
            form.action_save()
        elif self.stage == "summary" and self.floor is not None and self.floor.ended:
            if self._talk_outcome is None:  # not while it is being saved
                self._show_summary()

    def _summary_closed(self, outcome: TalkOutcome | None) -> None:
        floor, form = self.floor, self._talk_form
        if floor is None:
            return
        if outcome is None:
            # Left with escape: the words are kept in the ended talk (on disk).
            self._talk_words = form.typed_words if form is not None else self._talk_words
            self._hold_words(floor)
            return
        self._talk_outcome = outcome
        self._talk_words = SummaryWords(
            {pid: str(outcome.ratings.get(pid, "")) for pid in self._answering()},
            outcome.steps)
        session = talks.with_words(floor.session.model_copy(deep=True),
                                   self._talk_words.ratings, self._talk_words.step_texts())
        self.persist(talks.finish, session, list(outcome.steps), self._talk_words.ratings,
                     done=self._finished,
                     failed=self._not_finished, message="Your talk is saved.")

    def _hold_words(self, floor: Floor) -> None:
        """The talk here holds the words too, so a later save of it keeps them."""
        floor.session = talks.with_words(floor.session, self._talk_words.ratings,
                                         self._talk_words.step_texts())

    def _not_finished(self, _error: Exception) -> None:
        """Not saved: the form opens again with every word in it (or, with another
        screen on top, waits for ctrl+s with them)."""
        self._talk_outcome = None
        floor = self.floor
        if floor is None:
            return
        self._hold_words(floor)
        if self.app.screen is self:
            self._show_summary(typed_already=True)

    def pending_words(self) -> list[StoreCall]:
        """Words from how-it-went that are not in a form (a "save and finish" waiting
        its turn, or one that failed) join the ended talk at a lock or quit; an open
        form hands over its own."""
        floor, form = self.floor, self._talk_form
        if floor is not None and not floor.ended:
            return self.floor_words()
        if floor is None or self._talk_words.empty():
            return []
        if form is not None and form.is_attached:
            return []
        words = self._talk_words
        return [bind(talks.keep_words, floor.session.model_copy(deep=True), words.ratings,
                     words.step_texts())]

    def _finished(self, session: TalkSession) -> None:
        self._talk_outcome = None
        self._talk_words = SummaryWords()
        self.floor_view.floor = None
        if self.trust_app.current_talk is self:
            self.trust_app.current_talk = None
        self.query_one(StartForm).say("Your last talk is saved. Thank you for talking.")
        self._go("start")
