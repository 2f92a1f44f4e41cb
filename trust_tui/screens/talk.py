"""Talk together: two partners side by side, one floor, timed turns.

Stages: a start form -> the two partner panes with the turn clock between them
-> how it went, a safety check-in from each, and optional next steps.

Each partner acts from their own side of the keyboard: the left partner with
s/d/f, the right partner with j/k/l (f and j carry the little bumps, so a
finger finds "my main key" without looking). `b` calls a break (like f2), `p`
pauses, `e` ends the talk. The session is saved as it goes (start, every
passed floor, every break) and once more at the end, so a crash loses little.

While a talk is in progress, `app.current_talk` is this screen: the calm screen
reads `sides` and reports the break with `break_taken(...)`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.validation import Number
from textual.widgets import Button, ContentSwitcher, Footer, Input, Label, OptionList, Select, Static

from trust_tui.domain.floor import AWAY, MAX_TURN_MINUTES, MIN_TURN_MINUTES, Floor, NotNow, Phase
from trust_tui.domain.prompts import TOPIC_ORDER, TOPICS, topic
from trust_tui.domain.turn_clock import ClockState, mm_ss
from trust_tui.models import Agreement, AgreementKind, BreakTaken, TalkSession
from trust_tui.screens.base import AreaScreen, sheet
from trust_tui.widgets.feeling_picker import FeelingPicker
from trust_tui.widgets.limits import LimitedInput, limit_of
from trust_tui.widgets.partner_pane import LISTENER, SPEAKER, PaneView, PartnerPane
from trust_tui.widgets.confirm import ConfirmModal
from trust_tui.widgets.turn_clock import ClockView
from trust_tui.widgets.typed import typed

LEFT, RIGHT = "left", "right"
# The keys that are each partner's own: main, second, and "go to the text box".
SIDE_KEYS: dict[str, dict[str, str]] = {
    LEFT: {"primary": "f", "secondary": "d", "field": "s"},
    RIGHT: {"primary": "j", "secondary": "k", "field": "l"},
}
SLOTS = ("primary", "secondary", "field")
TICK_SECONDS = 0.25

NEXT_KINDS = (("Just a note", "note"), ("Draft expectation", "expectation"),
              ("Draft boundary", "boundary"))


@dataclass(frozen=True)
class NextStep:
    text: str
    kind: str  # "note", "expectation" or "boundary"
    whose: str  # partner id


def find_excuses(text: str) -> list[str]:
    """Gentle notes on phrases that can undo an apology (the step-6 helper).

    Imported lazily: the talk works the same without it."""
    try:
        apology = importlib.import_module("trust_tui.domain.apology")
    except ImportError:
        return []
    notes = []
    for flag in apology.find_excuses(text):
        why = apology.WORDS.get(flag.pattern, ("", ""))[0]
        notes.append(f'"{apology.first_words(flag)}": {why}'.rstrip(": "))
    return notes


def plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


class TalkScreen(AreaScreen):
    CSS_PATH = sheet("talk")

    BINDINGS = [
        Binding("f", "side('left', 'primary')", show=False),
        Binding("d", "side('left', 'secondary')", show=False),
        Binding("s", "side('left', 'field')", show=False),
        Binding("j", "side('right', 'primary')", show=False),
        Binding("k", "side('right', 'secondary')", show=False),
        Binding("l", "side('right', 'field')", show=False),
        Binding("b", "app.take_break", "Break", show=False),  # the footer shows f2
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
        self.floor: Floor | None = None
        self.sides: tuple[str, str] = ("", "")  # left and right partner ids
        self.next_steps: list[NextStep] = []
        self._last_look: tuple | None = None
        self._saving = False
        self._queued: tuple | None = None
        self._shown_stage = "start"
        self._summary_words: dict[str, str] = {}  # what is in how-it-went's boxes

    # --- layout -----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        names = self._partner_options()
        with ContentSwitcher(initial="start", id="talk-stages"):
            with VerticalScroll(id="start"):
                yield Static("Talk together", classes="section-title")
                yield Static("One of you speaks, the other listens and says back what they "
                             "heard; then the floor passes. Sit side by side: the one on the "
                             "left uses s d f, the one on the right j k l. Either of you can "
                             "take a break at any moment (b or f2).", classes="lead")
                yield Static("", id="start-note")
                with Horizontal(classes="form-row"):
                    yield Label("What about", classes="form-label")
                    yield Select([(TOPICS[k].title, k) for k in TOPIC_ORDER], value="open",
                                 allow_blank=False, compact=True, id="start-topic")
                yield Static("", id="start-guidance", classes="hint")
                with Horizontal(classes="form-row"):
                    yield Label("Who speaks first", classes="form-label")
                    yield Select(names, allow_blank=False, compact=True, id="start-first")
                with Horizontal(classes="form-row"):
                    yield Label("Who sits on the left", classes="form-label")
                    yield Select(names, allow_blank=False, compact=True, id="start-left")
                with Horizontal(classes="form-row"):
                    yield Label(f"Minutes a turn ({MIN_TURN_MINUTES}-{MAX_TURN_MINUTES})",
                                classes="form-label")
                    yield Input(str(self.vault.settings.default_turn_minutes), type="integer",
                                max_length=2, compact=True, id="start-minutes",
                                validators=[Number(MIN_TURN_MINUTES, MAX_TURN_MINUTES)])
                yield Button("Begin", id="start-begin", variant="primary")
            with Vertical(id="talk"):
                yield Static("", id="talk-status")
                with Horizontal(id="talk-row"):
                    yield PartnerPane(LEFT, "", id="pane-left")
                    with Vertical(id="talk-centre"):
                        yield ClockView(id="talk-clock")
                        yield Static("", id="talk-phase")
                        yield Static("", id="talk-prompt")
                        yield Static(typed("b  break    p  pause\ne  end the talk"),
                                     id="talk-shared-keys")
                    yield PartnerPane(RIGHT, "", id="pane-right")
            with VerticalScroll(id="summary"):
                yield Static("How the talk went", classes="section-title")
                yield Static("", id="summary-text")
                yield Static("How safe do you each feel right now? 1 is not at all, 10 is "
                             "completely. There is no right answer, and you may leave it "
                             "blank.", classes="hint")
                with Horizontal(id="safety-row"):
                    for side in (LEFT, RIGHT):
                        with Vertical(classes="safety-box"):
                            yield Label("", id=f"safety-label-{side}", markup=False)
                            yield Input(type="integer", max_length=2, valid_empty=True,
                                        validators=[Number(1, 10)], id=f"safety-{side}",
                                        placeholder="1-10")
                yield Static("Next steps (optional)", classes="section-title")
                with Horizontal(id="next-row"):
                    # A next step may become an expectation or a boundary: the same room.
                    yield LimitedInput(placeholder="A next step, in concrete words",
                                       limit=limit_of(Agreement, "wording"),
                                       noun="a next step", id="next-text")
                    yield Select(NEXT_KINDS, value="note", allow_blank=False, id="next-kind")
                    yield Select(names, allow_blank=False, id="next-whose")
                yield Static("enter adds it. Drafts wait in your agreements until both of "
                             "you agree to them.", classes="hint")
                yield Static("", id="next-list")
                yield Button("Save and finish", id="summary-save", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.set_interval(TICK_SECONDS, self.tick)
        self._show_guidance()

    def on_resize(self) -> None:
        self.set_class(self.size.width < 100, "-narrow")
        self.set_class(self.size.height < 30, "-short")

    def _partner_options(self) -> list[tuple[Content, str]]:
        # Names are typed by the couple: Content, never markup (a Select parses a str).
        return [(typed(p.name), p.id) for p in self.vault.partners]

    @property
    def stage(self) -> str:
        return self.query_one("#talk-stages", ContentSwitcher).current or "start"

    def _go(self, stage: str) -> None:
        self.query_one("#talk-stages", ContentSwitcher).current = stage
        self._shown_stage = stage
        self.refresh_bindings()

    def reload(self) -> None:
        """Partner names may have changed; a talk in progress is left as it is."""
        if self.floor is None:
            options = self._partner_options()
            for select_id in ("#start-first", "#start-left"):
                select = self.query_one(select_id, Select)
                keep = select.value
                select.set_options(options)
                if any(value == keep for _, value in options):
                    select.value = keep

    # --- starting -------------------------------------------------------------------

    @on(Select.Changed, "#start-topic")
    def _show_guidance(self) -> None:
        chosen = topic(str(self.query_one("#start-topic", Select).value))
        step = f"Step {chosen.step}. " if chosen.step else ""
        self.query_one("#start-guidance", Static).update(typed(step + chosen.guidance))

    @on(Button.Pressed, "#start-begin")
    @on(Input.Submitted, "#start-minutes")
    def action_begin(self) -> None:
        box = self.query_one("#start-minutes", Input)
        result = box.validate(box.value)
        if not box.value or (result is not None and not result.is_valid):
            self.notify(f"A turn is {MIN_TURN_MINUTES} to {MAX_TURN_MINUTES} minutes.",
                        markup=False)
            return
        people = [pid for _, pid in self._partner_options()]
        if len(people) != 2:
            self.notify("A talk needs both partners set up.", markup=False)
            return
        left = str(self.query_one("#start-left", Select).value)
        right = next(pid for pid in people if pid != left)
        self.begin(topic_key=str(self.query_one("#start-topic", Select).value),
                   turn_minutes=int(box.value),
                   first_speaker_id=str(self.query_one("#start-first", Select).value),
                   sides=(left, right))

    def begin(self, *, topic_key: str, turn_minutes: int, first_speaker_id: str,
              sides: tuple[str, str]) -> None:
        self.floor = Floor.begin(self.clock, topic_key=topic_key, turn_minutes=turn_minutes,
                                 first_speaker_id=first_speaker_id, partners=sides)
        self.sides = sides
        self.next_steps = []
        self.trust_app.current_talk = self
        for side, pid in zip((LEFT, RIGHT), sides):
            pane = self._pane(side)
            pane.partner_name = self.vault.name_of(pid)
            pane.border_title = typed(pane.partner_name)
            pane.picker.clear()
        self._go("talk")
        self._last_look = None
        self.refresh_view()
        self._speaker_pane().picker.focus_list()
        self._save_progress()

    # --- the talk ---------------------------------------------------------------------

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

    def _who(self, pid: str) -> str:
        return self.vault.name_of(pid)

    def _actions(self, pid: str) -> dict[str, tuple[str, Callable[[], object]]]:
        """What this partner's own keys do right now."""
        floor = self.floor
        if floor is None or floor.ended or floor.paused:
            return {}
        speaking = pid == floor.speaker_id
        if speaking and floor.phase == Phase.NAMING:
            return {"primary": ("start speaking", self._start_speaking),
                    "secondary": ("another prompt", floor.next_prompt),
                    "field": ("choose a feeling", self._speaker_pane().picker.focus_list)}
        if speaking and floor.phase == Phase.SPEAKING:
            done = "hand over early" if floor.time_left() > 0 else "I'm done"
            return {"primary": (done, floor.end_turn),
                    "secondary": ("another prompt", floor.next_prompt)}
        if not speaking and floor.phase == Phase.PARAPHRASE:
            return {"primary": ("I've said it back", self._paraphrased),
                    "field": ("type what you heard", self._listener_pane().summary_input.focus)}
        if speaking and floor.phase == Phase.CONFIRMING:
            return {"primary": ("that's it", self._confirm),
                    "secondary": ("try again", floor.try_again)}
        return {}

    def action_side(self, side: str, slot: str) -> None:
        if self.stage != "talk" or self.floor is None:
            return
        pid = self.sides[0 if side == LEFT else 1]
        action = self._actions(pid).get(slot)
        if action is None:
            return
        try:
            action[1]()
        except NotNow:
            return  # a key pressed a moment too late; nothing to undo
        self.refresh_view()

    def _start_speaking(self) -> None:
        assert self.floor is not None
        picker = self._speaker_pane().picker
        self.floor.set_feeling(picker.feeling, picker.intensity)
        self.floor.start_speaking()
        self.set_focus(None)

    def _paraphrased(self) -> None:
        assert self.floor is not None
        box = self._listener_pane().summary_input
        self.floor.paraphrased(box.value)
        box.value = ""
        self.set_focus(None)

    def _confirm(self) -> None:
        assert self.floor is not None
        self.floor.confirm()
        self._speaker_pane().picker.clear()
        self._speaker_pane().picker.focus_list()
        self._save_progress()

    @on(FeelingPicker.Changed)
    def _feeling_changed(self, event: FeelingPicker.Changed) -> None:
        floor = self.floor
        if floor is None or event.picker is not self._speaker_pane().picker:
            return
        try:
            floor.set_feeling(event.feeling, event.intensity)
        except NotNow:
            return
        self.refresh_view()

    @on(Input.Submitted, ".pane-summary")
    def _summary_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.floor is not None and event.input is self._listener_pane().summary_input:
            try:
                self._paraphrased()
            except NotNow:
                return
            self.refresh_view()

    def action_pause(self) -> None:
        floor = self.floor
        if self.stage != "talk" or floor is None or floor.ended:
            return
        if floor.paused:
            floor.resume()
        else:
            floor.pause()
        self.refresh_view()

    def action_end_talk(self) -> None:
        if self.stage != "talk" or self.floor is None:
            return

        def answered(end: bool | None) -> None:
            if end and self.floor is not None and not self.floor.ended:
                self.floor.end()
                self._show_summary()
                self._save_progress()

        self.app.push_screen(ConfirmModal(
            "End the talk here?", "End and look back", "Keep talking",
            detail="You will see how it went, check in, and can note next steps. "
                   "Stopping is fine; you can always talk again."), answered)

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

    def break_taken(self, taken: BreakTaken) -> None:
        """The calm screen reports a finished break; it is saved with the talk."""
        if self.floor is not None:
            self.floor.add_break(taken)
            self._save_progress()

    def where_we_were(self) -> str:
        """Whose turn, time left and the prompt, in a line (shown around a break)."""
        floor = self.floor
        if floor is None or floor.ended:
            return ""
        speaker, listener = self._who(floor.speaker_id), self._who(floor.listener_id)
        left = floor.time_left()
        time = f"{mm_ss(left)} left" if left > 0 else "over time"
        where = {
            Phase.NAMING: f"{speaker} has the floor and is about to start ({time}).",
            Phase.SPEAKING: f"{speaker} has the floor, {time}.",
            Phase.PARAPHRASE: f"{listener} was saying back what {speaker} said.",
            Phase.CONFIRMING: f"{speaker} was about to say whether {listener} got it.",
        }[floor.phase]
        if floor.phase in (Phase.NAMING, Phase.SPEAKING):
            where += f" Prompt: {floor.prompt}"
        return where

    def holds_idle_lock(self) -> bool:
        """While the couple talks nobody types for minutes: do not lock under them."""
        floor = self.floor
        return floor is not None and not floor.ended and not floor.paused

    def on_screen_suspend(self) -> None:
        # A break (or another screen) is on top: the turn clock waits.
        if self.floor is not None:
            self.floor.hold(AWAY)

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        if self.floor is not None:
            self.floor.release(AWAY)
            self._last_look = None
            self.refresh_view()

    # --- drawing ----------------------------------------------------------------------

    def tick(self) -> None:
        """Redraw what time changes (the interval calls it; tests call it directly)."""
        if self.floor is None or self.stage != "talk":
            return
        self._draw_clock()
        look = (self.floor.phase, self.floor.clock_state(), self.floor.paused)
        if look != self._last_look:
            self.refresh_view()

    def _draw_clock(self) -> None:
        floor = self.floor
        assert floor is not None
        state = floor.clock_state()
        if floor.paused:
            caption, tone = "paused: p to go on", "held"
        elif floor.phase == Phase.NAMING:
            caption, tone = "ready when you are", ""
        elif floor.phase != Phase.SPEAKING:
            caption, tone = "turn over: say it back", "held"
        elif state == ClockState.NEAR_END:
            caption, tone = "nearly time: finish your thought", "near"
        elif state == ClockState.OVERTIME:
            caption, tone = "over time: nobody is cut off", "over"
        else:
            caption, tone = "time left", ""
        self.query_one("#talk-clock", ClockView).show(floor.time_left(), caption, tone)

    def refresh_view(self) -> None:
        floor = self.floor
        if floor is None:
            return
        if floor.ended:
            self._show_summary()
            return
        self._last_look = (floor.phase, floor.clock_state(), floor.paused)
        speaker, listener = self._who(floor.speaker_id), self._who(floor.listener_id)
        status = [topic(floor.session.topic).title, f"turn {floor.turn_number}",
                  f"{speaker} has the floor, {listener} is listening"]
        if floor.paused:
            status.append("PAUSED")
        self.query_one("#talk-status", Static).update(typed("  ·  ".join(status)))
        for side, pid in zip((LEFT, RIGHT), self.sides):
            self._pane(side).show(self._pane_view(side, pid))
        self.query_one("#talk-phase", Static).update(self._phase_text())
        self.query_one("#talk-prompt", Static).update(self._prompt_text())
        self._draw_clock()

    def _pane_view(self, side: str, pid: str) -> PaneView:
        floor = self.floor
        assert floor is not None
        speaking = pid == floor.speaker_id
        keys = tuple((SIDE_KEYS[side][slot], label)
                     for slot in SLOTS
                     for label, _ in [self._actions(pid).get(slot, ("", None))] if label)
        if speaking:
            feeling = ("Feeling: " + floor.feeling + (f" ({floor.intensity} of 10)"
                                                       if floor.intensity else "")
                       if floor.feeling else "Feeling: not named yet")
        else:
            earlier = [t.feeling for t in floor.session.turns if t.speaker_id == pid and t.feeling]
            feeling = f"Earlier you felt: {earlier[-1]}" if earlier else ""
        task = {
            (True, Phase.NAMING): "Pick one word for how you feel (or type your own), "
                                  "then start speaking.",
            (True, Phase.SPEAKING): "Speak from your own experience, in short pieces.",
            (True, Phase.PARAPHRASE): "Listen to what they heard.",
            (True, Phase.CONFIRMING): "Did they get the gist? Not word for word, just the heart "
                                      "of it.",
            (False, Phase.NAMING): "In a moment, listen. You will say back what you heard.",
            (False, Phase.SPEAKING): "Listen without answering back. You will say back what "
                                     "you heard.",
            (False, Phase.PARAPHRASE): "Say back, aloud and in your own words, what you heard. "
                                       "A typed line is optional.",
            (False, Phase.CONFIRMING): "Wait for their answer.",
        }[(speaking, floor.phase)]
        if floor.paused:
            task = "Paused. Press p when you are both ready to go on."
        return PaneView(
            role=SPEAKER if speaking else LISTENER,
            feeling=feeling, task=task, keys=keys,
            show_picker=speaking and floor.phase == Phase.NAMING,
            show_summary=not speaking and floor.phase == Phase.PARAPHRASE,
        )

    def _phase_text(self) -> Content:
        floor = self.floor
        assert floor is not None
        speaker, listener = self._who(floor.speaker_id), self._who(floor.listener_id)
        if floor.phase == Phase.NAMING:
            return typed(f"{speaker}: a feeling word first, then speak.")
        if floor.phase == Phase.SPEAKING:
            return typed(f"{speaker} is speaking.")
        if floor.phase == Phase.PARAPHRASE:
            return typed(f"{listener}: say back what you heard. The gist is enough.")
        turn = floor.turn
        assert turn is not None
        heard = typed(f"{speaker}: did {listener} get it?")
        if turn.paraphrase:
            heard = Content.assemble(heard, "\n", (f"{listener} heard: ", "dim"),
                                     typed(turn.paraphrase))
        return heard

    def _prompt_text(self) -> Content:
        floor = self.floor
        assert floor is not None
        if floor.phase not in (Phase.NAMING, Phase.SPEAKING):
            return Content("")
        prompts = topic(floor.session.topic).prompts
        number = floor.prompt_index % len(prompts) + 1
        return Content.assemble((f"Prompt {number} of {len(prompts)}", "dim"), "\n",
                                typed(floor.prompt))

    # --- the end: summary, check-ins, next steps -----------------------------------------

    def _show_summary(self) -> None:
        floor = self.floor
        assert floor is not None
        self._go("summary")
        summary = floor.summary()
        lines: list[Content] = [typed(f"{topic(floor.session.topic).title}: "
                                        f"{plural(summary.turns, 'turn')} in all.")]
        for person in summary.partners:
            name = self._who(person.partner_id)
            line = (f"{name}: {plural(person.turns, 'turn')}, "
                    f"{mm_ss(person.spoken_seconds)} speaking.")
            if person.paraphrases_confirmed:
                line += (f" Said back {plural(person.paraphrases_confirmed, 'turn')} "
                         "in a way that landed.")
            parts = [typed(line)]
            if person.feelings:
                parts.append(typed("  Feelings named: " + ", ".join(person.feelings)))
            lines.append(Content("\n").join(parts))
        if summary.breaks:
            lines.append(typed(f"{plural(summary.breaks, 'break').capitalize()}, "
                                 f"{round(summary.break_seconds / 60)} minutes in all. "
                                 "Taking one is part of talking well."))
        else:
            lines.append(typed("No breaks this time."))
        self.query_one("#summary-text", Static).update(Content("\n").join(lines))
        for side, pid in zip((LEFT, RIGHT), self.sides):
            self.query_one(f"#safety-label-{side}", Label).update(typed(self._who(pid)))
        whose = self.query_one("#next-whose", Select)
        whose.set_options([(self._who(pid), pid) for pid in self.sides])
        self._draw_next_steps()

    @on(Input.Submitted, "#next-text")
    def _add_next_step(self) -> bool:
        """Add the step in the box; False when it is too long to add (and says so)."""
        box = self.query_one("#next-text", LimitedInput)
        text = box.value.strip()
        if not text:
            return True
        if not box.fits():
            return False  # every word stays in the box
        self.next_steps.append(NextStep(
            text=text, kind=str(self.query_one("#next-kind", Select).value),
            whose=str(self.query_one("#next-whose", Select).value)))
        box.value = ""
        self._draw_next_steps()

    def _draw_next_steps(self) -> None:
        labels = dict((value, label) for label, value in NEXT_KINDS)
        lines = []
        for step in self.next_steps:
            line = Content.assemble("- ", typed(step.text), (
                f"  ({labels[step.kind].lower()}, {self._who(step.whose)})", "dim"))
            for note in find_excuses(step.text):
                line = Content.assemble(line, "\n  ", (note, "italic"))
            lines.append(line)
        self.query_one("#next-list", Static).update(Content("\n").join(lines))

    def _read_check_ins(self) -> bool:
        floor = self.floor
        assert floor is not None
        for side, pid in zip((LEFT, RIGHT), self.sides):
            box = self.query_one(f"#safety-{side}", Input)
            value = box.value.strip()
            if not value:
                continue
            if not value.isdigit() or not 1 <= int(value) <= 10:
                self.notify(f"{self._who(pid)}: a number from 1 to 10, or leave it blank.",
                            markup=False)
                return False
            floor.check_in(pid, int(value))
        return True

    @on(Input.Changed, "#summary Input")
    def _summary_typed(self, event: Input.Changed) -> None:
        self._summary_words[event.input.id or ""] = event.value

    def on_unmount(self) -> None:
        """Locked (or closed) on how-it-went before "save": the talk is on disk as
        ended already; the numbers and next steps typed so far join it now, so
        nothing typed is lost (no draft expectations are made without "save")."""
        floor = self.floor
        if (floor is None or not floor.ended or self._shown_stage != "summary"
                or not self.trust_app.vault_open):
            return
        words = self._summary_words
        for side, pid in zip((LEFT, RIGHT), self.sides):
            value = words.get(f"safety-{side}", "").strip()
            if value.isdigit() and 1 <= int(value) <= 10:
                floor.check_in(pid, int(value))
        steps = [step.text for step in self.next_steps]
        if words.get("next-text", "").strip():
            steps.append(words["next-text"].strip())
        floor.session.next_steps = steps
        try:
            self.vault.put(floor.session.model_copy(deep=True))
        except Exception:
            pass  # a lock must always go through; the ended talk is saved already

    @on(Button.Pressed, "#summary-save")
    def action_save_talk(self) -> None:
        floor = self.floor
        if floor is None or not floor.ended or not self._read_check_ins():
            return
        if not self._add_next_step():  # a step typed but not yet added is kept, not lost
            return
        floor.session.next_steps = [step.text for step in self.next_steps]
        session = floor.session.model_copy(deep=True)
        drafts = [Agreement(kind=AgreementKind(step.kind), wording=step.text,
                            asked_by=step.whose, source_talk_id=session.id)
                  for step in self.next_steps if step.kind != "note"]

        def write(vault) -> TalkSession:
            vault.put(session)
            if drafts:
                vault.add_many(drafts)
            return session

        self._persist(write, done=self._finished, message="Your talk is saved.")

    def _finished(self, session: TalkSession) -> None:
        self.floor = None
        self.next_steps = []
        if self.trust_app.current_talk is self:
            self.trust_app.current_talk = None
        for box in self.query("#summary Input").results(Input):
            box.value = ""
        self.query_one("#next-list", Static).update("")
        self.query_one("#start-note", Static).update(typed(
            "Your last talk is saved. Thank you for talking."))
        self._go("start")

    # --- saving, in order -------------------------------------------------------------------

    def _save_progress(self) -> None:
        """Save the session so far (start, each passed floor, each break)."""
        if self.floor is None:
            return
        session = self.floor.session.model_copy(deep=True)
        self._persist(lambda vault: vault.put(session), message=None)

    def _persist(self, fn: Callable, *, done: Callable | None = None,
                 message: str | None) -> None:
        # One save at a time, so an older copy of the session never lands after a
        # newer one; a newer request replaces a queued one (each is the whole session).
        if self._saving:
            if self._queued is None or self._queued[1] is None or done is not None:
                self._queued = (fn, done, message)
            return
        self._saving = True

        def finished(result: object) -> None:
            self._saving = False
            if not self.is_attached:
                return  # locked meanwhile: the screen is gone, the write is done
            if done is not None:
                done(result)
            self._drain()

        def failed(error: Exception) -> None:
            self._saving = False
            self._drain()

        self.trust_app.save(fn, done=finished, failed=failed, saved_message=message)

    def _drain(self) -> None:
        if self._queued is not None:
            fn, done, message = self._queued
            self._queued = None
            self._persist(fn, done=done, message=message)
