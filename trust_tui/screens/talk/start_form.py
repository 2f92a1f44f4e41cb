"""The talk's start form: what about, who speaks first, who sits where, how long."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.validation import Number
from textual.widgets import Button, Input, Label, Select, Static

from trust_tui.domain.floor import MAX_TURN_MINUTES, MIN_TURN_MINUTES
from trust_tui.domain.prompts import TOPIC_ORDER, TOPICS, topic
from trust_tui.widgets.typed import typed

PartnerOptions = list[tuple[Content, str]]


class StartForm(VerticalScroll):
    """Asks how the talk begins; posts `Begin` when the answers make a talk."""

    class Begin(Message):
        def __init__(self, topic_key: str, turn_minutes: int, first_speaker_id: str,
                     sides: tuple[str, str]) -> None:
            super().__init__()
            self.topic_key = topic_key
            self.turn_minutes = turn_minutes
            self.first_speaker_id = first_speaker_id
            self.sides = sides

    def __init__(self, partners: PartnerOptions, minutes: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._talk_partners = partners
        self._talk_minutes = minutes

    def compose(self) -> ComposeResult:
        names = self._talk_partners
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
            yield Input(str(self._talk_minutes), type="integer", max_length=2, compact=True,
                        id="start-minutes",
                        validators=[Number(MIN_TURN_MINUTES, MAX_TURN_MINUTES)])
        yield Button("Begin", id="start-begin", variant="primary")

    def on_mount(self) -> None:
        self._show_guidance()

    @on(Select.Changed, "#start-topic")
    def _show_guidance(self) -> None:
        chosen = topic(str(self.query_one("#start-topic", Select).value))
        step = f"Step {chosen.step}. " if chosen.step else ""
        self.query_one("#start-guidance", Static).update(typed(step + chosen.guidance))

    def set_partners(self, options: PartnerOptions) -> None:
        """Partner names may have changed: the choices follow, keeping what was chosen."""
        self._talk_partners = options
        for select_id in ("#start-first", "#start-left"):
            select = self.query_one(select_id, Select)
            keep = select.value
            select.set_options(options)
            if any(value == keep for _, value in options):
                select.value = keep

    def say(self, note: str) -> None:
        self.query_one("#start-note", Static).update(typed(note))

    @on(Button.Pressed, "#start-begin")
    @on(Input.Submitted, "#start-minutes")
    def submit(self) -> None:
        box = self.query_one("#start-minutes", Input)
        result = box.validate(box.value)
        if not box.value or (result is not None and not result.is_valid):
            self.notify(f"A turn is {MIN_TURN_MINUTES} to {MAX_TURN_MINUTES} minutes.",
                        markup=False)
            return
        people = [pid for _, pid in self._talk_partners]
        if len(people) != 2:
            self.notify("A talk needs both partners set up.", markup=False)
            return
        left = str(self.query_one("#start-left", Select).value)
        right = next(pid for pid in people if pid != left)
        self.post_message(self.Begin(
            topic_key=str(self.query_one("#start-topic", Select).value),
            turn_minutes=int(box.value),
            first_speaker_id=str(self.query_one("#start-first", Select).value),
            sides=(left, right)))
