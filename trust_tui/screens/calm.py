"""A calm-down break, called by either partner from any screen (f2, or b in a talk).

First one question: who is asking (each partner's own key: f on the left, j on
the right); nobody has to say why. Then a breathing pacer, the time left in
large digits and the agreed time to come back. The break ends when both
partners say they are ready, early or on time. The screen below (a talk) waits
where it stopped.

Every move (asked by whom for how long, length, ready, not ready, back) goes to
the session under the break as a LiveEvent (`break_moved`), which keeps it: a
talk or a ritual in its own events, a break with nothing under it in its own
record (widgets/break_keeper.py). So a break under way carries on after a lock
or a restart: the screen starts from the session's `open_break()`.

The app pushes `CalmScreen()` with no arguments: the talk in progress, if any,
is `app.current_talk` (see widgets/talk_in_progress.py). While it is up, the
break owns the screen (app.py lets no area, palette command or second break in).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Static

from trust_tui.domain.break_clock import (
    DEFAULT_MINUTES,
    BreakClock,
    back_early_line,
    clamp_minutes,
    describe_length,
    longer,
    shorter,
)
from trust_tui.domain.breathing import next_pattern, pattern
from trust_tui.domain.live import (
    BREAK_ASKED,
    BREAK_BACK,
    BREAK_LENGTH,
    BREAK_NOT_READY,
    BREAK_READY,
    event,
)
from trust_tui.models import BreakTaken
from trust_tui.screens.base import sheet
from trust_tui.store import StoreCall
from trust_tui.widgets.break_keeper import StandaloneBreak
from trust_tui.widgets.keys import keyed
from trust_tui.widgets.pacer import BreathingPacer
from trust_tui.widgets.saving import StoreClient
from trust_tui.widgets.shell import Shell, seated_among, shell_of
from trust_tui.widgets.talk_in_progress import TalkInProgress
from trust_tui.widgets.turn_clock import ClockView
from trust_tui.widgets.typed import typed

LEFT_KEY, RIGHT_KEY = "f", "j"
TICK_SECONDS = 0.25


class CalmScreen(StoreClient, Screen[BreakTaken | None]):
    CSS_PATH = sheet("calm")

    BINDINGS = keyed("break", [
        Binding(LEFT_KEY, "side(0)", show=False),
        Binding(RIGHT_KEY, "side(1)", show=False),
        # First in the footer, so a narrow one never cuts the way out of a mistake.
        Binding("escape", "not_now", "Not now"),
        Binding("minus", "length(-1)", "Shorter", id="break.shorter"),
        Binding("plus,equals_sign", "length(1)", "Longer", id="break.longer"),
        Binding("p", "pattern", "Another breath"),
        Binding("question_mark", "app.safety_note", "Safety note", show=False),
    ])

    def __init__(self, talk: TalkInProgress | None = None) -> None:
        super().__init__()
        self._talk_given = talk
        self.talk: TalkInProgress | None = None
        self.sides: tuple[str, ...] = ()
        self.minutes = DEFAULT_MINUTES
        self.pattern_key = "slow"
        self.brk: BreakClock | None = None
        self._time_was_up: bool | None = None
        self._end_timer: Timer | None = None

    @property
    def trust_app(self) -> Shell:
        return shell_of(self)

    @property
    def clock(self):
        return self.trust_app.clock

    def _setup(self) -> None:
        # Runs before compose: the pacer needs the pattern and the clock.
        talk = self._talk_given or getattr(self.app, "current_talk", None)
        vault = self.trust_app.vault
        if not isinstance(talk, TalkInProgress):  # nothing under it: it keeps itself
            talk = StandaloneBreak(self, vault, self.clock)
        self.talk = talk
        self.sides = tuple(talk.sides)
        settings = vault.settings
        self.minutes = clamp_minutes(settings.default_break_minutes)
        self.pattern_key = pattern(settings.breathing_pattern).key
        # A break under way (before a lock, a restart) carries on with its time.
        self.brk = talk.open_break()
        if self.brk is not None:
            self.minutes = self.brk.minutes

    def compose(self) -> ComposeResult:
        self._setup()
        with Horizontal(id="calm-body"):
            with Vertical(id="calm-breath"):
                yield BreathingPacer(self.clock.monotonic, self.pattern_key, id="calm-pacer")
                yield Static("", id="calm-pattern")
            with VerticalScroll(id="calm-side"):
                yield Static("A break", id="calm-title", classes="section-title")
                yield ClockView(id="calm-clock")
                yield Static("", id="calm-return")
                yield Static("", id="calm-message")
                yield Static("", id="calm-ready")
                yield Static("", id="calm-talk", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.set_interval(TICK_SECONDS, self.tick)
        if self.talk is not None:
            self.talk.break_started()  # what waits below holds still (a ritual's step)
        self.refresh_view()

    def _moved(self, kind: str, by: str | None = None, number: float | None = None) -> None:
        """One move of the break, handed to the session under it to keep."""
        if self.talk is not None:
            self.talk.break_moved(event(kind, self.clock.now(), by=by, number=number))

    def pending_words(self) -> list[StoreCall]:
        if isinstance(self.talk, StandaloneBreak):
            return self.talk.pending_words()
        return []

    # --- who, how long, which breath -----------------------------------------------

    def _who(self, pid: str) -> str:
        return self.trust_app.vault.name_of(pid)

    def _key(self, index: int) -> str:
        me = self._seated_as()
        if me is None:
            return (LEFT_KEY, RIGHT_KEY)[index]
        return f"{LEFT_KEY} or {RIGHT_KEY}" if self.sides[index] == me else "in their window"

    def _seated_as(self) -> str | None:
        """Apart (app_seats.py): both keys are the partner sitting here (a break over
        a talk, a ritual, or on its own)."""
        if not getattr(self.talk, "shares_seats", False):
            return None
        return seated_among(self, self.sides)

    def action_side(self, index: int) -> None:
        if index >= len(self.sides):
            return
        pid = self._seated_as() or self.sides[index]
        if self.brk is None:
            self.brk = BreakClock(self.clock, called_by=pid, partners=tuple(self.sides),
                                  minutes=self.minutes)
            self._moved(BREAK_ASKED, by=pid, number=self.brk.minutes)
        else:
            ready = self.brk.toggle_ready(pid)
            self._moved(BREAK_READY if ready else BREAK_NOT_READY, by=pid)
            if self.brk.both_ready:
                self._end()
                return
        self.refresh_view()

    def action_length(self, step: int) -> None:
        self.minutes = longer(self.minutes) if step > 0 else shorter(self.minutes)
        if self.brk is not None and self.brk.minutes != self.minutes:
            self.brk.set_minutes(self.minutes)
            self._moved(BREAK_LENGTH, number=self.brk.minutes)
        self.refresh_view()

    def action_pattern(self) -> None:
        self.pattern_key = next_pattern(self.pattern_key)
        self.query_one(BreathingPacer).pattern_key = self.pattern_key
        self.refresh_view()

    def action_not_now(self) -> None:
        """Before anyone asked for it, escape closes; a break in progress ends only
        when both are ready."""
        if self.brk is None:
            self.dismiss(None)
        else:
            self.notify("The break ends when both of you are ready: each press your key.",
                        markup=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "not_now":
            return self.brk is None
        return True

    # --- the other app's moves (app_seats.py) ------------------------------------

    def catch_up_break(self) -> None:
        """The break as the session now holds it: the other app's ready, length, or
        both back (then this one closes too: each came back in their own app)."""
        talk = self.talk
        if talk is None or not self.is_attached:
            return
        if isinstance(talk, StandaloneBreak):
            talk.reread(self.trust_app.vault)  # a break on its own re-reads its record
        fresh = talk.open_break()
        if fresh is None:
            if self.brk is not None and self.brk.ended is None:
                self.notify(" ".join(w for w in ["Welcome back.", talk.where_we_were()] if w),
                            markup=False)
                self.dismiss(None)
            return
        if self.brk is not None and (fresh.ready, fresh.minutes) == (self.brk.ready,
                                                                     self.brk.minutes):
            return
        self.brk, self.minutes = fresh, fresh.minutes
        if fresh.both_ready and self._readied_last():
            self._end()  # both said so at once: the one whose word came last ends it
            return
        self.refresh_view()

    def _readied_last(self) -> bool:
        """The last "ready" kept is this seat's (the other app ends it otherwise)."""
        me = self._seated_as()
        events = getattr(self.talk, "break_events", lambda: [])()
        last = next((e for e in reversed(events) if e.kind == BREAK_READY), None)
        return me is None or (last is not None and last.by == me)

    def seats_changed(self) -> None:
        self.refresh_view()

    # No `holds_idle_lock`: an unattended break locks as anywhere else (nothing is
    # lost: after unlocking it carries on with its time).

    def _end(self) -> None:
        assert self.brk is not None and self.talk is not None
        taken = self.brk.end()
        self._moved(BREAK_BACK)
        self.talk.break_taken(taken)
        words = ["Welcome back.", self.talk.where_we_were(), back_early_line(taken) or ""]
        self.notify(" ".join(w for w in words if w), markup=False)
        self.dismiss(taken)

    # --- drawing ------------------------------------------------------------------

    def tick(self) -> None:
        """Redraw from the clock (the interval calls it; tests call it directly)."""
        if self.brk is None:
            self._draw_clock()
            return
        if self.brk.time_is_up != self._time_was_up:
            self.refresh_view()
        else:
            self._draw_clock()

    def bell_due_in(self) -> float | None:
        """Seconds until the bell (the app rings it if it locks meanwhile); None when
        no break runs, its time is up already or the bell is off."""
        if self.brk is None or self.brk.time_is_up:
            return None
        return self.brk.remaining() if self.trust_app.vault.settings.break_bell else None

    def _ring(self) -> None:
        if self.trust_app.vault_open and self.trust_app.vault.settings.break_bell:
            self.app.bell()

    def _draw_clock(self) -> None:
        view = self.query_one("#calm-clock", ClockView)
        if self.brk is None:
            view.show(self.minutes * 60, "the break will be", "held")
        elif self.brk.time_is_up:
            view.show(0, "time to come back, when you are both ready", "near")
        else:
            view.show(self.brk.remaining(), "left of the break")

    def _return_time(self) -> str:
        at = self.brk.return_at if self.brk is not None else None
        if at is None:
            from datetime import timedelta

            at = self.clock.now() + timedelta(minutes=self.minutes)
        return at.astimezone().strftime("%H:%M")

    def _wake_at_the_end(self) -> None:
        # The 0.25 s interval alone could show "time to come back" up to a tick
        # late; a one-shot timer at the end makes it land on time.
        if self._end_timer is not None:
            self._end_timer.stop()
            self._end_timer = None
        if self.brk is not None and not self.brk.time_is_up:
            self._end_timer = self.set_timer(self.brk.remaining() + 0.01, self.tick)

    def refresh_view(self) -> None:
        brk = self.brk
        self._wake_at_the_end()
        was_up, self._time_was_up = self._time_was_up, None if brk is None else brk.time_is_up
        if was_up is False and self._time_was_up:
            self._ring()  # the time is up while it ran: for partners who stepped away
        chosen = pattern(self.pattern_key)
        self.query_one("#calm-pattern", Static).update(Content.assemble(
            (chosen.name, "bold"), f": {chosen.hint}.  p  another way to breathe"))
        length = describe_length(self.minutes)
        self.query_one("#calm-return", Static).update(typed(
            f"{length}: back together at {self._return_time()}.\n-  shorter    +  longer"))
        people = list(enumerate(self.sides))
        if brk is None:
            title = "Time for a break"
            if self._seated_as() is None:
                asking = "Who is asking for it?\n" + "\n".join(
                    f"{self._who(pid)}: press {self._key(i)}" for i, pid in people)
            else:
                asking = f"Press {LEFT_KEY} or {RIGHT_KEY} to ask for it."
            message = f"Nobody has to say why. {asking}\nEscape closes it if it was a slip."
            ready = ""
        else:
            title = f"A break, asked for by {self._who(brk.called_by)}"
            if brk.time_is_up:
                message = ("This is the time you agreed to come back. When you both feel "
                           "steady, each press your key. Need longer? + adds time.")
            else:
                message = ("Let your body settle: breathe with the shape, drink some water, "
                           "stretch. Try not to replay the talk or plan what to say; that "
                           "keeps the alarm going.")
                if brk.ready and not brk.both_ready:
                    message += "\nComing back early needs both of you. There is no hurry."
            ready = "\n".join(
                f"{self._who(pid)} ({self._key(i)}): "
                + ("READY to come back" if pid in brk.ready else "not yet")
                for i, pid in people)
        self.query_one("#calm-title", Static).update(typed(title))
        self.query_one("#calm-message", Static).update(typed(message))
        self.query_one("#calm-ready", Static).update(typed(ready))
        where = self.talk.where_we_were() if self.talk is not None else ""
        waiting = getattr(self.talk, "what_waits", "talk")  # a ritual's step says so
        talk = f"Your {waiting} waits where it stopped: {where}" if where else ""
        self.query_one("#calm-talk", Static).update(typed(talk))
        self._draw_clock()
        self.refresh_bindings()
