"""The talk's start form: what about, who speaks first, who sits where, how long.

A talk about what broke the trust (a topic with parts, domain/prompts.py) also asks
which of you is naming what happened: each speaker's prompts follow their part.
The turn length offered is the one in Settings, read again each time the form is
shown (a new default is used at once). A talk can start from a next step of an
earlier one (`start_from`): an open talk with that step as its subject.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.validation import Number
from textual.widgets import Button, Input, Label, Select, Static

from trust_tui.domain.floor import MAX_TURN_MINUTES, MIN_TURN_MINUTES
from trust_tui.domain.prompts import TOPIC_ORDER, TOPICS, WHO_NAMES_IT, WHY_WE_ASK, has_parts, topic
from trust_tui.models import TalkSession
from trust_tui.widgets.limits import LimitedInput, limit_of, shortened
from trust_tui.widgets.shell import shell_of
from trust_tui.widgets.typed import typed

PartnerOptions = list[tuple[Content, str]]


SIDE_BY_SIDE = "Sit side by side: the one on the left uses s d f, the one on the right j k l."
SEATED_APART = ("You are in two windows: each of you moves from your own, with either "
                "set of keys.")

class StartForm(VerticalScroll):
    """Asks how the talk begins; posts `Begin` when the answers make a talk."""

    class Begin(Message):
        def __init__(self, topic_key: str, turn_minutes: int, first_speaker_id: str,
                     sides: tuple[str, str], naming_id: str | None = None,
                     subject: str | None = None) -> None:
            super().__init__()
            self.topic_key = topic_key
            self.turn_minutes = turn_minutes
            self.first_speaker_id = first_speaker_id
            self.sides = sides
            self.naming_id = naming_id  # who names what happened (a topic with parts)
            self.subject = subject  # what it is about, in their words (None: not said)

    def __init__(self, partners: PartnerOptions, minutes: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._talk_partners = partners
        self._talk_minutes = minutes  # the default shown last (a typed length is kept)

    def compose(self) -> ComposeResult:
        names = self._talk_partners
        yield Static("Talk together", classes="section-title")
        yield Static(self._lead(), classes="lead", id="start-lead")
        yield Static("", id="start-note")
        with Horizontal(classes="form-row"):
            yield Label("What about", classes="form-label")
            yield Select([(TOPICS[k].title, k) for k in TOPIC_ORDER], value="open",
                         allow_blank=False, compact=True, id="start-topic")
        yield Static("", id="start-guidance", classes="hint")
        with Horizontal(classes="form-row", id="start-naming-row"):
            yield Label(WHO_NAMES_IT, classes="form-label")
            yield Select(names, prompt="Choose one of you", compact=True, id="start-naming")
        yield Static(WHY_WE_ASK, id="start-why", classes="hint")
        with Horizontal(classes="form-row"):
            yield Label("About (optional)", classes="form-label")
            yield LimitedInput(placeholder="In your words: what the talk is about",
                               limit=limit_of(TalkSession, "subject"), noun="what it is about",
                               compact=True, id="start-subject")
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
        self.query_one("#start-note").display = False
        self._show_guidance()

    def on_show(self) -> None:
        self.use_default_minutes()
        # Ready for the keyboard: the first choice has the focus (enter opens it).
        self.call_after_refresh(self._focus_first)

    def _focus_first(self) -> None:
        if self.display and self.screen.focused in (None, self):
            self.query_one("#start-topic", Select).focus()

    def on_resize(self) -> None:
        # A short terminal: the rows sit closer, so Begin stays above the footer.
        self.set_class(self.app.size.height < 30, "-short")

    @on(Select.Changed, "#start-topic")
    def _show_guidance(self) -> None:
        key = str(self.query_one("#start-topic", Select).value)
        chosen = topic(key)
        step = f"Step {chosen.step}. " if chosen.step else ""
        self.query_one("#start-guidance", Static).update(typed(step + chosen.guidance))
        for part_id in ("#start-naming-row", "#start-why"):
            self.query_one(part_id).display = has_parts(key)

    @on(Select.Changed, "#start-naming")
    def _naming_speaks_first(self, event: Select.Changed) -> None:
        """The one naming what happened usually begins (it can still be changed)."""
        if event.value != Select.NULL:
            self.query_one("#start-first", Select).value = event.value

    def use_default_minutes(self) -> None:
        """The turn length from Settings, unless another length was typed here."""
        app = shell_of(self)
        if not app.vault_open:
            return
        minutes = app.vault.settings.default_turn_minutes
        box = self.query_one("#start-minutes", Input)
        if box.value.strip() in ("", str(self._talk_minutes)):
            box.value = str(minutes)
        self._talk_minutes = minutes

    def open_history(self) -> None:
        """Past talks; a next step chosen there starts the next talk here."""
        from trust_tui.screens.talk.history import TalkHistory

        def chosen(step: str | None) -> None:
            if step:
                self.start_from(step)

        self.app.push_screen(TalkHistory(), chosen)

    def start_from(self, step: str) -> None:
        """Begin from a next step of an earlier talk: an open talk about it."""
        self.query_one("#start-topic", Select).value = "open"
        self.query_one("#start-subject", Input).value = shortened(
            " ".join(step.split()), limit_of(TalkSession, "subject"))
        self.say("Starting from a next step. Choose who speaks first, then Begin.")
        self.query_one("#start-first", Select).focus()

    def _lead(self) -> str:
        # Seated in two apps (app_seats.py), the side keys do not split.
        where = (SEATED_APART if getattr(self.app, "seated_as", None) is not None
                 else SIDE_BY_SIDE)
        return ("One of you speaks, the other listens and says back what they heard; "
                f"then the floor passes. {where} Either of you can take a break at any "
                "moment (b or f2).")

    def seats_changed(self) -> None:
        """The other window opened or closed: how to sit is said again."""
        self.query_one("#start-lead", Static).update(self._lead())

    def set_partners(self, options: PartnerOptions) -> None:
        """Partner names (or the default turn length) may have changed: the choices
        follow, keeping what was chosen."""
        self.use_default_minutes()
        self._talk_partners = options
        for select_id in ("#start-first", "#start-left", "#start-naming"):
            select = self.query_one(select_id, Select)
            keep = select.value
            select.set_options(options)
            if any(value == keep for _, value in options):
                select.value = keep

    def say(self, note: str) -> None:
        shown = self.query_one("#start-note", Static)
        shown.update(typed(note))
        shown.display = bool(note)

    @on(Input.Submitted, "#start-subject")
    def _subject_done(self) -> None:
        self.screen.focus_next()

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
        topic_key = str(self.query_one("#start-topic", Select).value)
        naming = self.query_one("#start-naming", Select)
        naming_id = str(naming.value) if naming.value != Select.NULL else None
        if not has_parts(topic_key):
            naming_id = None
        elif naming_id is None:
            self.notify("Choose which of you is naming what happened: each of you gets "
                        "the prompts for your part.", markup=False)
            naming.focus()
            return
        subject_box = self.query_one("#start-subject", LimitedInput)
        if not subject_box.fits():
            return  # it says why; every word stays in the box
        left = str(self.query_one("#start-left", Select).value)
        right = next(pid for pid in people if pid != left)
        self.post_message(self.Begin(
            topic_key=topic_key,
            turn_minutes=int(box.value),
            first_speaker_id=str(self.query_one("#start-first", Select).value),
            sides=(left, right), naming_id=naming_id,
            subject=subject_box.value.strip() or None))
