"""A review (check-back): is it working, for each of you; then keep, adjust or retire."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Select, Static, TextArea

from trust_tui.domain import agreements as rules
from trust_tui.domain.agreements import Outcome
from trust_tui.models import Agreement, RaisedConcern
from trust_tui.screens.agreements.form_base import (
    NOTE_LIMIT,
    WORDING_LIMIT,
    AgreementFormModal,
    Partners,
    partner_choice,
)
from trust_tui.screens.agreements.words import KindWords
from trust_tui.widgets.limits import LimitedInput, LimitedTextArea
from trust_tui.widgets.typed import typed


@dataclass(frozen=True)
class ReviewInput:
    working: dict[str, bool]
    outcome: Outcome
    note: str
    new_wording: str | None
    by: str


OUTCOMES = [("Keep it as it is", "keep"),
            ("Adjust the words (you both agree again)", "adjust"),
            ("Retire it", "retire")]


class ReviewForm(AgreementFormModal[ReviewInput]):
    FIRST = "#working-0"

    def __init__(self, words: KindWords, agreement: Agreement, partners: Partners, me: str,
                 concerns: Sequence[RaisedConcern] = (),
                 names: dict[str, str] | None = None, so_far: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.words = words
        self.agreement = agreement
        self.so_far = so_far  # plain numbers since the last review
        self.partners = partners
        self.me = me
        self.concerns = concerns
        self.names = names or {}
        self.draft_key = f"review:{agreement.id}"

    def compose_fields(self) -> ComposeResult:
        yield Static(f"{self.words.review_verb}: how is it going?", classes="form-title")
        yield Static(typed(self.agreement.wording), classes="form-quote")
        if self.so_far:
            yield Static(self.so_far, id="so-far", classes="hint", markup=False)
        if self.concerns:
            lines = [f"- {self.names.get(c.by, 'someone')}: {c.text}"
                     for c in self.concerns]
            yield Static(typed("Raised since last time (marked talked through when you "
                               "save):\n" + "\n".join(lines)), classes="hint")
        with Horizontal(classes="form-row"):
            for index, (pid, name) in enumerate(self.partners):
                with Vertical():
                    yield Label(typed(f"Is it working for {name}?"))
                    yield Select([("Yes, it is working", "yes"), ("Not yet", "no")],
                                 prompt="Choose", id=f"working-{index}")
        yield Label("What next?")
        yield Select(OUTCOMES, allow_blank=False, value="keep", id="outcome")
        yield Label("The new words", id="new-wording-label")
        yield LimitedTextArea(self.agreement.wording, id="new-wording", soft_wrap=True,
                              show_line_numbers=False, tab_behavior="focus",
                              limit=WORDING_LIMIT, noun=self.words.a_noun)
        with Horizontal(classes="form-row"):
            yield from partner_choice("Written down by", self.partners, self.me, "by")
            with Vertical(classes="wide"):
                yield Label("A note, if you like")
                yield LimitedInput(id="note", limit=NOTE_LIMIT, noun="a note")

    def on_mount(self) -> None:
        self._show_wording()

    @on(Select.Changed, "#outcome")
    def _show_wording(self) -> None:
        adjusting = self.value_of("#outcome") == "adjust"
        self.query_one("#new-wording", TextArea).display = adjusting
        self.query_one("#new-wording-label", Label).display = adjusting

    def collect(self) -> ReviewInput | None:
        working: dict[str, bool] = {}
        for index, (pid, name) in enumerate(self.partners):
            answer = self.value_of(f"#working-{index}")
            if not answer:
                self.say(f"First, {name}: is it working for you?")
                self.query_one(f"#working-{index}", Select).focus()
                return None
            working[pid] = answer == "yes"
        outcome = self.value_of("#outcome")
        new_wording = None
        if outcome == "adjust":
            new_wording = self.query_one("#new-wording", TextArea).text
            if not new_wording.strip():
                self.say("Write the new words first (or choose keep or retire).")
                return None
            if rules.same_words(new_wording, self.agreement.wording):
                # Unchanged words would send it back to a draft for nothing.
                self.say("These are the words you already agreed on, so nothing has "
                         "changed yet. Change them here, or choose keep.")
                self.query_one("#new-wording", TextArea).focus()
                return None
            if not self.query_one("#new-wording", LimitedTextArea).fits():
                return None
        if not self.query_one("#note", LimitedInput).fits():
            return None
        if outcome == "keep" and not all(working.values()):
            self.say(rules.KEEP_NEEDS_BOTH)
            self.query_one("#outcome", Select).focus()
            return None
        return ReviewInput(working, cast(Outcome, outcome), self.query_one("#note", Input).value,
                           new_wording, self.value_of("#by"))
