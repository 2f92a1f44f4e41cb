"""The floor: two partner panes side by side, the turn clock and the prompt between.

One partner speaks, the other listens and says back what they heard; then the
floor passes. The rules are the pure `Floor` (domain/floor.py); this widget
shows it and turns each partner's own keys into moves on it. Each partner acts
from their own side of the keyboard: the left partner with s/d/f, the right
partner with j/k/l (f and j carry the little bumps, so a finger finds "my main
key" without looking).

Nothing takes the focus by itself: a box opens with its partner's s or l (seat_box.py);
the speaker moves through the feelings with PICK_KEYS, and the highlighted one counts.

The screen holding it owns the keys (`act`, `toggle_pause`, `ask_to_end`) and
hears what happened as messages: `Moved` (any move: the floor's events grew, save
them), `Passed` (a floor passed) and `Ended` (the couple ended it). The talk
screen and a ritual's floor step both use it; a ritual gives its own prompts, a
heading, and lets the listener jot a few words while listening. What each key does
lives in floor_moves.py (`FloorMoves`, mixed in here).
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Static

from trust_tui.domain.floor import Floor, NotNow, Phase
from trust_tui.domain.prompts import topic
from trust_tui.widgets.feeling_picker import FeelingPicker
from trust_tui.widgets.floor_moves import LEFT, PICK_KEYS, RIGHT, SIDE_KEYS, SLOTS, FloorMoves
from trust_tui.widgets.floor_words import (
    TASKS,
    clock_caption,
    feeling_line,
    phase_text,
    prompt_text,
    where_we_were,
)
from trust_tui.widgets.keys import shown_key
from trust_tui.widgets.partner_pane import LISTENER, SPEAKER, PaneView, PartnerPane
from trust_tui.widgets.turn_clock import ClockView
from trust_tui.widgets.typed import typed


class FloorMessage(Message):
    """What happened on a floor view (`control` is the view)."""

    def __init__(self, view: FloorView) -> None:
        super().__init__()
        self.view = view

    @property
    def control(self) -> FloorView:
        return self.view


class FloorView(FloorMoves, Widget):
    """The two panes and the centre column, driven by a `Floor`."""

    DEFAULT_CSS = """
    FloorView {
        height: 1fr;
        #talk-status {
            height: 1;
            padding: 0 1;
            background: $panel;
        }
        #talk-row {
            height: 1fr;
        }
        #talk-centre {
            width: 1fr;
            min-width: 30;
            max-width: 48;
            height: 1fr;
            padding: 0 1;
        }
        #talk-phase {
            margin: 1 0 0 0;
            text-style: bold;
            height: auto;
        }
        #talk-prompt {
            margin: 1 0 0 0;
            height: auto;
        }
        #talk-shared-keys {
            dock: bottom;
            height: 2;
            color: $text-muted;
        }
        /* Narrow terminals: the centre column gives way to the two panes. */
        &.-narrow #talk-centre {
            width: 28;
            min-width: 28;
        }
        /* Short terminals (80x24): the feeling list loses its top and bottom border
           lines (and the feeling line its blank line above while picking), so a pane
           still shows its keys, the picker and what to do now. */
        &.-short PartnerPane FeelingPicker > OptionList {
            border: none;
            border-left: tall $border-blurred;
            max-height: 4;
            &:focus { border-left: tall $border; }
        }
        &.-short PartnerPane.-picking > .pane-feeling { margin: 0; }
    }
    """

    class Moved(FloorMessage):
        """A move on the floor (its session has a new event: worth saving)."""

    class Passed(FloorMessage):
        """The floor passed to the other partner (a moment worth saving)."""

    class Ended(FloorMessage):
        """The couple ended the floor (they were asked first)."""

    def __init__(self, *, id: str | None = None, shared: bool = False) -> None:
        super().__init__(id=id)
        # Kept live across two apps (the talk): each partner's keys act in their own
        # app when the other sits at another one. A ritual's floor is not (yet).
        self.shared = shared
        self.floor: Floor | None = None
        self.sides: tuple[str, str] = ("", "")  # left and right partner ids
        self._floor_names: dict[str, str] = {}
        self._floor_prompts: Sequence[str] | None = None  # None: the topic's own
        self._floor_heading: str | None = None
        self._floor_jot = False  # the listener may jot words while listening
        self._floor_look: tuple | None = None
        self._floor_prefill: tuple[str | None, int | None] | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="talk-status")
        with Horizontal(id="talk-row"):
            yield PartnerPane(LEFT, "", id="pane-left")
            with Vertical(id="talk-centre"):
                yield ClockView(id="talk-clock")
                yield Static("", id="talk-phase")
                yield Static("", id="talk-prompt")
                yield Static(typed("b  break    p  pause\ne  end    a ;  repair words"),
                             id="talk-shared-keys")
            yield PartnerPane(RIGHT, "", id="pane-right")

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        size = self.screen.size
        self.set_class(size.width < 100, "-narrow")
        self.set_class(size.height < 30, "-short")

    # --- starting ---------------------------------------------------------------------

    def start(self, floor: Floor, sides: tuple[str, str], names: dict[str, str], *,
              prompts: Sequence[str] | None = None, heading: str | None = None,
              jot_while_listening: bool = False) -> None:
        """Show this floor; `names` maps partner id to name (typed by the couple). A
        floor replayed from its events shows its feeling again."""
        self.floor, self.sides, self._floor_names = floor, sides, dict(names)
        self._floor_prompts, self._floor_heading = prompts, heading
        if prompts is not None:
            floor.custom_prompts = tuple(prompts)
        self._floor_jot = jot_while_listening
        for side, pid in zip((LEFT, RIGHT), sides):
            pane = self._pane(side)
            pane.seat(pid, self._who(pid))
            pane.picker.clear()
        self._show_feeling(floor)
        self._fit()
        self._floor_look = None
        self.refresh_view()

    def adopt(self, floor: Floor) -> None:
        """The same floor as another app moved it (replayed from the vault): shown
        here, each box keeping what is typed in it."""
        before = self.floor
        floor.custom_prompts = before.custom_prompts if before is not None else None
        self.floor = floor
        if floor.phase == Phase.NAMING and (
                before is None or before.speaker_id != floor.speaker_id
                or before.phase != Phase.NAMING):
            self._speaker_pane().picker.clear()  # a new turn: a fresh feeling
        if self.seated_as() is None:  # seated, the speaker's own picker holds it
            self._show_feeling(floor)
        self._floor_look = None
        self.refresh_view()

    def _show_feeling(self, floor: Floor) -> None:
        """The speaker's picker shows the feeling the floor holds (after a replay)."""
        if floor.phase != Phase.NAMING or not (floor.feeling or floor.intensity):
            return
        self._floor_prefill = (floor.feeling, floor.intensity)
        picker = self._speaker_pane().picker
        for box in picker.query(".intensity").results(Input):
            box.value = "" if floor.intensity is None else str(floor.intensity)
        picker.prefill(floor.feeling)

    def pane_of(self, pid: str) -> PartnerPane:
        return self._pane(self._side_of(pid))

    def _who(self, pid: str) -> str:
        return self._floor_names.get(pid, "")

    def _pane(self, side: str) -> PartnerPane:
        return self.query_one(f"#pane-{side}", PartnerPane)

    def _side_of(self, pid: str) -> str:
        return LEFT if pid == self.sides[0] else RIGHT

    def _speaker_pane(self) -> PartnerPane:
        assert self.floor is not None
        return self._pane(self._side_of(self.floor.speaker_id))

    def _listener_pane(self) -> PartnerPane:
        assert self.floor is not None
        return self._pane(self._side_of(self.floor.listener_id))

    @property
    def running(self) -> bool:
        return self.floor is not None and not self.floor.ended

    # --- what is chosen and typed in the panes (each key's move: floor_moves.py) -------

    @on(FeelingPicker.Changed)
    def _feeling_changed(self, event: FeelingPicker.Changed) -> None:
        event.stop()
        floor = self.floor
        if floor is None or event.picker is not self._speaker_pane().picker:
            return
        kept = self._floor_prefill  # the picker showing the feeling kept: not a move
        if kept and event.feeling in (None, kept[0]) and event.intensity in (None, kept[1]):
            self._floor_prefill = None if (event.feeling, event.intensity) == kept else kept
            return
        self._floor_prefill = None
        moves = self._moves()
        try:
            floor.set_feeling(event.feeling, event.intensity, by=floor.speaker_id)
        except NotNow:
            return
        self.refresh_view()
        self._moved(moves)

    @on(Input.Submitted, ".pane-summary")
    def _summary_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.floor is not None and event.input is self._listener_pane().summary_input:
            moves = self._moves()
            try:
                self._paraphrased(self.floor.listener_id)
            except NotNow:
                return
            self.refresh_view()
            self._moved(moves)

    # --- around a break -----------------------------------------------------------------

    def where_we_were(self) -> str:
        """Whose turn, time left and the prompt, in a line (shown around a break)."""
        floor = self.floor
        if floor is None or floor.ended:
            return ""
        return where_we_were(floor, self._who, step_prompts=self._floor_prompts is not None)

    # --- drawing --------------------------------------------------------------------------

    def tick(self) -> None:
        """Redraw what time changes."""
        if not self.running or not self.display:
            return
        assert self.floor is not None
        self._draw_clock()
        look = (self.floor.phase, self.floor.clock_state(), self.floor.paused)
        if look != self._floor_look:
            self.refresh_view()

    def _draw_clock(self) -> None:
        floor = self.floor
        assert floor is not None
        caption, tone = clock_caption(floor)
        self.query_one("#talk-clock", ClockView).show(floor.time_left(), caption, tone)

    def refresh_view(self) -> None:
        floor = self.floor
        if floor is None or floor.ended:
            return
        self._floor_look = (floor.phase, floor.clock_state(), floor.paused)
        speaker, listener = self._who(floor.speaker_id), self._who(floor.listener_id)
        if self._floor_heading is not None:
            status = [self._floor_heading, f"{speaker} has the floor"]
        else:
            status = [topic(floor.session.topic).title, f"turn {floor.turn_number}",
                      f"{speaker} has the floor, {listener} is listening"]
            if floor.paused:
                status.append("PAUSED")
        self.query_one("#talk-status", Static).update(typed("  ·  ".join(status)))
        for side, pid in zip((LEFT, RIGHT), self.sides):
            self._pane(side).show(self._pane_view(side, pid))
        self.query_one("#talk-phase", Static).update(phase_text(floor, self._who))
        self.query_one("#talk-prompt", Static).update(prompt_text(floor))
        self._draw_clock()

    def _key(self, side: str, slot: str, usual: dict[str, dict[str, str]]) -> str:
        """The key this partner presses for `slot`, as their keymap has it."""
        return shown_key(getattr(self.app, "keymap_loaded", {}),
                         f"floor.side.{side}.{slot}", usual[side][slot])

    def _pane_view(self, side: str, pid: str) -> PaneView:
        floor = self.floor
        assert floor is not None
        speaking = pid == floor.speaker_id
        me = self.seated_as()
        if me is not None and pid != me:  # at another app: shown, moved from there
            return PaneView(role=SPEAKER if speaking else LISTENER,
                            feeling=feeling_line(floor, pid), task=TASKS[(speaking, floor.phase)],
                            keys=(), elsewhere=True)
        actions = self._actions(pid)
        keys = tuple((self._key(side, slot, SIDE_KEYS), actions[slot][0])
                     for slot in SLOTS if slot in actions)
        task = TASKS[(speaking, floor.phase)]
        jotting = (self._floor_jot and not speaking and floor.phase == Phase.SPEAKING
                   and not floor.paused)
        if jotting:
            # The listener jots a few words while listening; they carry into the say-back.
            task += " A few words in your box help."
        if floor.paused:
            task = "Paused. Press p when you are both ready to go on."
        if self._picking(pid):
            up, down = (self._key(side, slot, PICK_KEYS) for slot in ("up", "down"))
            keys = (*keys, (f"{up} {down}", "move in the list"))
        return PaneView(
            role=SPEAKER if speaking else LISTENER,
            feeling=feeling_line(floor, pid), task=task, keys=keys,
            show_picker=speaking and floor.phase == Phase.NAMING,
            show_summary=jotting or (not speaking and floor.phase == Phase.PARAPHRASE),
        )
