"""One ritual step on screen: where we are, guidance, prompt, the item it looks at,
the calm-enough gate, each partner's notes, and the keys that apply."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Label, Static

from trust_tui.domain import apology
from trust_tui.domain.flow import Flow, Ritual, Step
from trust_tui.models import RitualNote
from trust_tui.screens.rituals.notes import (
    LEFT, MARK_WORDS, NOTE_LIMIT, OUTCOME_WORDS, RIGHT, TOGETHER,
)
from trust_tui.widgets.seat_box import SeatBox

Marks = Mapping[tuple[str, int], str]


class StepView(Vertical):
    """Shows the flow's current step; the run screen decides what happens."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._ritual_step_shown: str | None = None
        self._ritual_sides: tuple[str, str] = ("", "")
        self._ritual_who: Callable[[str | None], str] = str
        # Seated apart (app_seats.py): the partner at this app, whose keys all are.
        self.seated_as: str | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="run-head")
        with VerticalScroll(id="run-body"):
            yield Static("", id="run-guidance")
            yield Static("", id="run-prompt")
            yield Static("", id="run-item")
            yield Static("", id="run-gate")
            with Horizontal(id="run-notes"):
                for side in (LEFT, TOGETHER, RIGHT):
                    with Vertical(id=f"col-{side}", classes="notes-col"):
                        yield Label("", id=f"name-{side}", classes="col-name", markup=False)
                        yield SeatBox(placeholder="A note (enter adds it)", enter="Enter adds it",
                                      limit=NOTE_LIMIT, noun="a note", id=f"note-{side}")
                        yield Static("", id=f"says-{side}", classes="col-says")
                        yield Static("", id=f"notes-{side}", classes="col-notes")
            yield Static("", id="run-excuses")
        yield Static("", id="run-keys")

    def seat(self, sides: tuple[str, str], who: Callable[[str | None], str]) -> None:
        """Who sits left and right (partner ids), and how a partner is named."""
        self._ritual_sides = sides
        self._ritual_who = who
        for side, pid in zip((LEFT, RIGHT), sides):
            self.query_one(f"#name-{side}", Label).update(self._who(pid))
            self.box(side).seat(pid, self._who(pid))
        self.query_one(f"#name-{TOGETHER}", Label).update("Both of you")
        for side in (LEFT, RIGHT, TOGETHER):
            says = self.query_one(f"#says-{side}", Static)
            says.display = False
            self.box(side).says = says

    def box(self, side: str) -> SeatBox:
        """A column's note box (left, right or together)."""
        return self.query_one(f"#note-{side}", SeatBox)

    def _who(self, pid: str | None) -> str:
        return self._ritual_who(pid)

    def _pid(self, side: str) -> str | None:
        return {LEFT: self._ritual_sides[0], RIGHT: self._ritual_sides[1]}.get(side)

    def say_head(self, text: str) -> None:
        self.query_one("#run-head", Static).update(Content(text))

    def show(self, ritual: Ritual, flow: Flow, marks: Marks,
             outcomes: Mapping[str, str]) -> bool:
        """Draw the current step; True when it is another step than last time (the
        keys that apply change then)."""
        step = flow.step
        if step is None or flow.ended:
            return False
        head = f"{ritual.title}  ·  {flow.position}  ·  {step.title}"
        if flow.on_break:
            head += "  ·  ON A BREAK"
        self.say_head(head)
        self.query_one("#run-guidance", Static).update(Content(step.guidance))
        prompt = Content("")
        if flow.prompt and len(step.prompts) == 1:
            prompt = Content(flow.prompt)
        elif flow.prompt:
            number = flow.prompt_index % len(step.prompts) + 1
            prompt = Content.assemble((f"Prompt {number} of {len(step.prompts)}", "dim"),
                                      "\n", flow.prompt)
        self.query_one("#run-prompt", Static).update(prompt)
        self._draw_item(flow, step, outcomes)
        self._draw_gate(flow, step)
        self._draw_notes(flow, step, marks)
        self.query_one("#run-keys", Static).update(self._keys_text(step))
        if self._ritual_step_shown == step.key:
            return False
        self._ritual_step_shown = step.key
        self.query_one("#run-body", VerticalScroll).scroll_home(animate=False)
        return True

    def _draw_item(self, flow: Flow, step: Step, outcomes: Mapping[str, str]) -> None:
        box = self.query_one("#run-item", Static)
        if not step.items:
            box.update(Content(step.empty))
            box.display = bool(step.empty)
            return
        box.display = True
        item = flow.item
        assert item is not None
        label = "Concerns" if step.key == "what" else flow.item_position
        lines = [Content.assemble((f"{label}: ", "bold"), Content(item.text))]
        if step.key == "reviews":
            outcome = outcomes.get(item.key)
            lines.append(Content("Outcome: " + (OUTCOME_WORDS[outcome] if outcome
                                                else "not chosen yet (o to choose)")))
        if len(step.items) > 1:
            lines.append(Content.styled("[ and ] move between them.", "dim") if step.key != "what"
                         else Content.styled("[ and ] choose which expectation it concerns.", "dim"))
        box.update(Content("\n").join(lines))

    def _draw_gate(self, flow: Flow, step: Step) -> None:
        box = self.query_one("#run-gate", Static)
        box.display = step.gate is not None
        if step.gate is None:
            return
        answers = flow.result(step.key).answers
        lines = []
        for side, key in ((LEFT, "f"), (RIGHT, "j")):
            pid = self._pid(side)
            if self.seated_as is not None:
                key = "f or j" if pid == self.seated_as else "in their window:"
            state = "calm enough" if answers.get(pid or "") else "not yet"
            lines.append(f" {key}  {self._who(pid)}: {state}")
        if flow.waiting_for:
            lines.append("When you are both calm enough, press n. Not there yet? Take a "
                         "break first (b or f2); it is the right move, not a delay.")
        else:
            lines.append("Both of you are ready. Press n to begin.")
        box.update(Content("\n".join(lines)))

    def _draw_notes(self, flow: Flow, step: Step, marks: Marks) -> None:
        self.query_one("#run-notes").display = step.gate is None
        together = step.who == "together"
        for side in (LEFT, RIGHT, TOGETHER):
            shown = step.gate is None and (side == TOGETHER) == together
            if not shown and self.box(side).is_open:
                self.box(side).close()  # a box out of sight never holds the keys
        self.query_one(f"#col-{TOGETHER}").display = together
        for side in (LEFT, RIGHT):
            self.query_one(f"#col-{side}").display = not together
        notes = flow.result(step.key).notes
        for side in (LEFT, RIGHT, TOGETHER):
            pid = self._pid(side)
            lines = [self._note_line(step, index, note, marks)
                     for index, note in enumerate(notes)
                     if (note.by is None if side == TOGETHER else note.by == pid)]
            self.query_one(f"#notes-{side}", Static).update(Content("\n").join(lines))
        excuses = []
        if step.check == "apology":
            for note in notes:
                for found in [*apology.notes(note.text), *apology.gaps(note.text)]:
                    excuses.append(f"{self._who(note.by)}, worth a second look: {found}")
        box = self.query_one("#run-excuses", Static)
        box.display = bool(excuses)
        box.update(Content("\n".join(excuses)))

    def _note_line(self, step: Step, index: int, note: RitualNote, marks: Marks) -> Content:
        number = f"{index + 1}. " if index < 9 else "- "
        line = Content.assemble((number, "bold"), Content(note.text))
        mark = marks.get((step.key, index))
        if mark:
            line = Content.assemble(line, (f"  ({MARK_WORDS[mark]})", "italic"))
        return line

    def _keys_text(self, step: Step) -> Content:
        keys = []
        if step.gate:
            keys.append("f / j  I'm calm enough")
        elif step.who == "together":
            keys.append("s or l  write a note")
        elif self.seated_as is not None:
            keys.append(f"s or l  {self._who(self.seated_as)} writes")
        else:
            keys.append(f"s  {self._who(self._ritual_sides[0])} writes   "
                        f"l  {self._who(self._ritual_sides[1])} writes")
        if "thanks" in step.saves:
            keys.append("1-9  put a thank-you on the wins wall")
        if "goal" in step.saves:
            keys.append("1-9  make a note a mini-goal or a draft expectation")
        if step.key == "reviews" and step.items:
            keys.append("o  outcome")
        if step.uses_floor:
            keys.append("t  take the floor")
        keys.append("n  next" + ("" if not step.skippable else "   x  leave this step out"))
        return Content("    ".join(keys))
