"""How the talk went: what was said, a safety check-in from each, next steps.

`SummaryForm` is the talk's last form (a `FormModal[TalkOutcome]`): ctrl+s
("Save and finish") checks what was typed and closes with a `TalkOutcome`; the
talk screen saves it. Escape keeps the words typed into the ended talk
(`talks.keep_words`), says so and closes; the talk screen opens the form again,
prefilled, with ctrl+s. A lock or quit keeps them the same way (`words_call`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.validation import Number
from textual.widgets import Input, Label, Select, Static

from trust_tui.domain import apology
from trust_tui.domain.floor import Floor
from trust_tui.domain.prompts import topic
from trust_tui.domain.turn_clock import mm_ss
from trust_tui.models import Agreement, TalkSession
from trust_tui.screens.base import sheet
from trust_tui.store import StoreCall, bind, talks
from trust_tui.store.talks import NextStep, safety_ratings
from trust_tui.widgets.floor_moves import LEFT, RIGHT
from trust_tui.widgets.form_modal import KEPT, FormModal, form_keys
from trust_tui.widgets.limits import LimitedInput, limit_of
from trust_tui.widgets.typed import typed

NEXT_KINDS = (("Just a note", "note"), ("Draft expectation", "expectation"),
              ("Draft boundary", "boundary"))
NOT_SAVED_YET = "Not saved yet: every word is still here. ctrl+s tries again."


def plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


@dataclass(frozen=True)
class TalkOutcome:
    """How the talk went, checked: each partner's safety number (blank left out)
    and the next steps."""

    ratings: dict[str, int] = field(default_factory=dict)
    steps: tuple[NextStep, ...] = ()


@dataclass(frozen=True)
class SummaryWords:
    """The words typed on how-it-went, as typed: they open the form again."""

    ratings: dict[str, str] = field(default_factory=dict)
    steps: tuple[NextStep, ...] = ()
    in_box: str = ""

    def empty(self) -> bool:
        return not (any(v.strip() for v in self.ratings.values()) or self.steps
                    or self.in_box.strip())

    def step_texts(self) -> list[str]:
        box = self.in_box.strip()
        return [step.text for step in self.steps] + ([box] if box else [])


def break_minutes(seconds: float) -> str:
    """'under a minute', '1 minute', '21 minutes': never "0 minutes" for a real break."""
    whole = round(seconds / 60)
    if whole < 1:
        return "under a minute"
    return plural(whole, "minute")


def summary_text(floor: Floor, names: Mapping[str, str]) -> Content:
    """What was said, in a few lines: turns, time speaking, feelings, breaks."""
    summary = floor.summary()
    lines: list[Content] = [typed(f"{topic(floor.session.topic).title}: "
                                  f"{plural(summary.turns, 'turn')} in all.")]
    for person in summary.partners:
        line = (f"{names.get(person.partner_id, '')}: {plural(person.turns, 'turn')}, "
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
                           f"{break_minutes(summary.break_seconds)} in all. "
                           "Taking one is part of talking well."))
    else:
        lines.append(typed("No breaks this time."))
    return Content("\n").join(lines)


class SummaryForm(FormModal[TalkOutcome]):
    """The last stage of a talk, over the talk screen."""

    CSS_PATH = sheet("talk")
    BINDINGS = form_keys("Save and finish", "Later")
    # The first box (a safety number), not the scrolling body: a number typed at once
    # lands in it instead of nowhere.
    AUTO_FOCUS = "Input"

    def __init__(self, session: TalkSession, summary: Content, sides: tuple[str, str],
                 names: Mapping[str, str], words: SummaryWords | None = None, *,
                 typed_already: bool = False, answers_for: tuple[str, ...] | None = None,
                 ) -> None:
        super().__init__(typed_already=typed_already)
        # Seated apart (app_seats.py) only this app's partner's safety box shows here:
        # the other answers in their own app and their number never shows in this one.
        self._talk_answers_for = tuple(answers_for or sides)
        self._talk_session = session  # the ended talk, as saved: kept words join it
        self._talk_summary = summary
        self._talk_sides = sides
        self._talk_names = dict(names)
        self._talk_opened = words or SummaryWords()
        self.next_steps: list[NextStep] = list(self._talk_opened.steps)
        # What was typed when the form last kept its words (escape, lock): the talk
        # screen opens the form again with them.
        self.typed_words = self._talk_opened

    def compose_form(self) -> ComposeResult:
        with Vertical(id="summary-box", classes="form-box"):
            yield Label("How the talk went", classes="form-title")
            with VerticalScroll(classes="form-body"):
                yield Static(self._talk_summary, id="summary-text")
                yield Static("How safe do you each feel right now? 1 is not at all, 10 "
                             "is completely. No right answer; blank is fine.",
                             classes="form-lead")
                with Horizontal(id="safety-row"):
                    for side, pid in zip((LEFT, RIGHT), self._talk_sides):
                        with Horizontal(classes="safety-box"):
                            yield from self._safety_box(side, pid)
                yield Static("Next steps (optional): enter adds one. Drafts wait in your "
                             "agreements until both of you agree.", classes="form-lead")
                with Horizontal(id="next-row"):
                    # A next step may become an expectation or a boundary: the same room.
                    yield LimitedInput(self._talk_opened.in_box,
                                       placeholder="A next step, in concrete words",
                                       limit=limit_of(Agreement, "wording"),
                                       noun="a next step", id="next-text")
                    yield Select(NEXT_KINDS, value="note", allow_blank=False, id="next-kind")
                    # Whose step: at first the partner answering here (apart, this app's).
                    yield Select([(typed(self._who(pid)), pid) for pid in self._talk_sides],
                                 value=self._talk_answers_for[0], allow_blank=False,
                                 id="next-whose")
                yield Static("", id="next-list")
            yield from self.form_foot("Save and finish", "Later", compact=True)

    def _safety_box(self, side: str, pid: str) -> ComposeResult:
        yield Label(typed(self._who(pid)), id=f"safety-label-{side}", markup=False)
        if pid not in self._talk_answers_for:
            yield Static(typed("answers in their own window"), id=f"safety-{side}-apart",
                         classes="safety-apart")
            return
        yield Input(self._talk_opened.ratings.get(pid, ""), type="integer", max_length=2,
                    valid_empty=True, validators=[Number(1, 10)], id=f"safety-{side}",
                    placeholder="1-10")

    def on_mount(self) -> None:
        self._draw_next_steps()
        if self._form_typed_already:
            self.say(NOT_SAVED_YET)
        elif not self._talk_opened.empty():
            self.say(KEPT)

    def on_resize(self) -> None:
        self.set_class(self.size.width < 100, "-narrow")

    def _who(self, pid: str) -> str:
        return self._talk_names.get(pid, "")

    # --- next steps -------------------------------------------------------------------

    @on(Input.Submitted, "#next-text")
    def add_next_step(self) -> bool:
        """Add the step in the box; False when it is too long to add (and says so)."""
        box = self.query_one("#next-text", LimitedInput)
        text = box.value.strip()
        if not text:
            return True
        if not box.fits():
            self.say("That next step is too long to add; every word is still in the box.")
            return False  # every word stays in the box
        self.next_steps.append(NextStep(text=text, kind=self.value_of("#next-kind"),
                                        whose=self.value_of("#next-whose")))
        box.value = ""
        self._draw_next_steps()
        return True

    def _draw_next_steps(self) -> None:
        labels = dict((value, label) for label, value in NEXT_KINDS)
        lines = []
        for step in self.next_steps:
            line = Content.assemble("- ", typed(step.text), (
                f"  ({labels.get(step.kind, step.kind).lower()}, {self._who(step.whose)})",
                "dim"))
            for note in [*apology.notes(step.text), *apology.gaps(step.text)]:
                line = Content.assemble(line, "\n  ", (note, "italic"))
            lines.append(line)
        self.query_one("#next-list", Static).update(Content("\n").join(lines))

    # --- saving -------------------------------------------------------------------------

    def _typed_ratings(self) -> dict[str, str]:
        return {pid: self.query_one(f"#safety-{side}", Input).value
                for side, pid in zip((LEFT, RIGHT), self._talk_sides)
                if pid in self._talk_answers_for}

    def collect(self) -> TalkOutcome | None:
        for pid, value in self._typed_ratings().items():
            if value.strip() and pid not in safety_ratings({pid: value}):
                self.say(f"{self._who(pid)}: a number from 1 to 10, or leave it blank.")
                return None
        if not self.add_next_step():  # a step typed but not yet added is kept, not lost
            return None
        return TalkOutcome(safety_ratings(self._typed_ratings()), tuple(self.next_steps))

    def words_now(self) -> SummaryWords:
        """The numbers typed and the next steps, the one still in the box included."""
        return SummaryWords(self._typed_ratings(), tuple(self.next_steps),
                            self.query_one("#next-text", Input).value)

    def words_call(self) -> StoreCall | None:
        if not self.is_mounted:
            return None
        words = self.words_now()
        self.typed_words = words
        if words.empty() and self._talk_opened.empty():
            return None  # nothing typed, nothing kept before: it closes at once
        return bind(talks.keep_words, self._talk_session.model_copy(deep=True),
                    words.ratings, words.step_texts())

    def let_go_call(self) -> StoreCall | None:
        return None  # the words live in the talk itself: saving it replaces them

