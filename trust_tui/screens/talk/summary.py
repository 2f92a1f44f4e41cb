"""How the talk went: what was said, a safety check-in from each, next steps.

An in-screen stage of the talk (not a modal): ctrl+s saves it ("Save and
finish"), and words typed here but not saved are handed over at a lock or quit
(`TalkScreen.pending_words`).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.validation import Number
from textual.widgets import Button, Input, Label, Select, Static

from trust_tui.domain import apology
from trust_tui.domain.floor import Floor
from trust_tui.domain.prompts import topic
from trust_tui.domain.turn_clock import mm_ss
from trust_tui.models import Agreement
from trust_tui.store.talks import NextStep, safety_ratings
from trust_tui.widgets.floor_view import LEFT, RIGHT
from trust_tui.widgets.limits import LimitedInput, limit_of
from trust_tui.widgets.typed import typed

NEXT_KINDS = (("Just a note", "note"), ("Draft expectation", "expectation"),
              ("Draft boundary", "boundary"))


def plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


class TalkSummary(VerticalScroll):
    """The last stage of a talk. The screen passes the floor and the names in."""

    def __init__(self, partners: list[tuple[Content, str]], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._talk_partners = partners  # the choices for "whose" before a talk ends
        self.next_steps: list[NextStep] = []
        self._talk_names: dict[str, str] = {}
        self._talk_sides: tuple[str, str] = ("", "")

    def compose(self) -> ComposeResult:
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
            yield Select(self._talk_partners, allow_blank=False, id="next-whose")
        yield Static("enter adds it. Drafts wait in your agreements until both of "
                     "you agree to them.", classes="hint")
        yield Static("", id="next-list")
        yield Button("Save and finish", id="summary-save", variant="primary")

    def _who(self, pid: str) -> str:
        return self._talk_names.get(pid, "")

    def show(self, floor: Floor, sides: tuple[str, str], names: dict[str, str]) -> None:
        self._talk_sides, self._talk_names = sides, dict(names)
        summary = floor.summary()
        lines: list[Content] = [typed(f"{topic(floor.session.topic).title}: "
                                      f"{plural(summary.turns, 'turn')} in all.")]
        for person in summary.partners:
            line = (f"{self._who(person.partner_id)}: {plural(person.turns, 'turn')}, "
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
        for side, pid in zip((LEFT, RIGHT), sides):
            self.query_one(f"#safety-label-{side}", Label).update(typed(self._who(pid)))
        whose = self.query_one("#next-whose", Select)
        whose.set_options([(typed(self._who(pid)), pid) for pid in sides])
        self._draw_next_steps()

    @on(Input.Submitted, "#next-text")
    def add_next_step(self) -> bool:
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
        return True

    def _draw_next_steps(self) -> None:
        labels = dict((value, label) for label, value in NEXT_KINDS)
        lines = []
        for step in self.next_steps:
            line = Content.assemble("- ", typed(step.text), (
                f"  ({labels[step.kind].lower()}, {self._who(step.whose)})", "dim"))
            for note in apology.notes(step.text):
                line = Content.assemble(line, "\n  ", (note, "italic"))
            lines.append(line)
        self.query_one("#next-list", Static).update(Content("\n").join(lines))

    def _typed_ratings(self) -> dict[str, str]:
        return {pid: self.query_one(f"#safety-{side}", Input).value
                for side, pid in zip((LEFT, RIGHT), self._talk_sides)}

    def check_ins(self) -> dict[str, int] | None:
        """Each partner's number (a blank is fine); None, and said why, if one is not
        a number from 1 to 10."""
        for pid, value in self._typed_ratings().items():
            if value.strip() and pid not in safety_ratings({pid: value}):
                self.notify(f"{self._who(pid)}: a number from 1 to 10, or leave it blank.",
                            markup=False)
                return None
        return safety_ratings(self._typed_ratings())

    def words_typed(self) -> tuple[dict[str, str], list[str]]:
        """The numbers typed and the next steps, the one still in the box included."""
        steps = [step.text for step in self.next_steps]
        typed_step = self.query_one("#next-text", Input).value.strip()
        return self._typed_ratings(), steps + ([typed_step] if typed_step else [])

    def clear(self) -> None:
        self.next_steps = []
        for box in self.query(Input).results(Input):
            box.value = ""
        self.query_one("#next-list", Static).update("")
