"""Add or change one expectation or boundary. A vague word gets a hint, never a block."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.validation import Integer
from textual.widgets import Input, Label, Select, Static, TextArea

from trust_tui.domain import agreements as rules
from trust_tui.domain.vague_wording import vague_hint
from trust_tui.models import Agreement, AgreementStatus
from trust_tui.screens.agreements.form_base import (
    WORDING_LIMIT,
    AgreementFormModal,
    Partners,
    partner_choice,
    partner_options,
)
from trust_tui.screens.agreements.words import KindWords
from trust_tui.widgets.limits import LimitedTextArea


@dataclass(frozen=True)
class AgreementInput:
    wording: str
    asked_by: str
    category: str
    review_every_days: int
    changed_by: str


class AgreementForm(AgreementFormModal[AgreementInput]):
    FIRST = "#wording"

    def __init__(self, words: KindWords, partners: Partners, me: str,
                 agreement: Agreement | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.words = words
        self.partners = partners
        self.me = me
        self.agreement = agreement
        self.draft_key = f"{words.kind.value}:{agreement.id if agreement else 'new'}"

    def compose_fields(self) -> ComposeResult:
        a = self.agreement
        title = f"A new {self.words.noun}" if a is None else f"Change this {self.words.noun}"
        yield Static(title, classes="form-title")
        yield Label(self.words.wording_question, classes="form-lead", markup=False)
        yield LimitedTextArea(a.wording if a else "", id="wording", soft_wrap=True,
                              show_line_numbers=False, tab_behavior="focus",
                              placeholder=self.words.example,
                              limit=WORDING_LIMIT, noun=self.words.a_noun)
        yield Static("", id="vague-hint", classes="hint")
        with Horizontal(classes="form-row"):
            yield from partner_choice(self.words.who_question, self.partners,
                                      a.asked_by if a else self.me, "asked-by")
            with Vertical():
                yield Label("What is it about?")
                known = a is not None and a.category in self.words.categories
                category = a.category if a is not None and known else "other"
                yield Select([(c, c) for c in self.words.categories], allow_blank=False,
                             value=category, id="category")
            with Vertical():
                yield Label(f"{self.words.review_verb} after (days)")
                yield Input(str(a.review_every_days if a else rules.DEFAULT_REVIEW_DAYS),
                            id="review-days", type="integer", max_length=2,
                            validators=[Integer(minimum=rules.MIN_REVIEW_DAYS,
                                                maximum=rules.MAX_REVIEW_DAYS)])
        if a is not None:
            yield Label("Who is making this change?")
            yield Select(partner_options(self.partners), allow_blank=False,
                         value=self.me, id="changed-by")
            if a.status != AgreementStatus.DRAFT:
                yield Static("New words go back to a draft, so you both agree on them "
                             "again. The earlier words stay in its history.",
                             classes="hint")

    def on_mount(self) -> None:
        self._update_hint()
        # Changing words starts where typing would go on: at their end (as the journal).
        area = self.query_one("#wording", TextArea)
        area.move_cursor(area.document.end)

    @on(TextArea.Changed, "#wording")
    def _update_hint(self) -> None:
        hint = vague_hint(self.query_one("#wording", TextArea).text)
        self.query_one("#vague-hint", Static).update(
            Content("Hint: " + hint) if hint else Content(""))

    def collect(self) -> AgreementInput | None:
        wording = self.query_one("#wording", TextArea).text
        if not wording.strip():
            self.say("Write it in a few words first.")
            self.query_one("#wording", TextArea).focus()
            return None
        if not self.query_one("#wording", LimitedTextArea).fits():
            return None  # told why; every word stays in the box
        days = self.query_one("#review-days", Input)
        if not days.value or not days.is_valid:
            self.say(f"{self.words.review_verb} after {rules.MIN_REVIEW_DAYS} to "
                     f"{rules.MAX_REVIEW_DAYS} days.")
            days.focus()
            return None
        asked_by = self.value_of("#asked-by")
        changed_by = self.value_of("#changed-by") if self.agreement else asked_by
        return AgreementInput(wording, asked_by, self.value_of("#category"),
                              int(days.value), changed_by)
