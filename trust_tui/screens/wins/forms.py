"""The wall's forms: a card (a win, a thank-you, a setback) and a mini-goal.

Each is a `FormModal`: ctrl+s (or enter in a box, or Save) closes it with what
was typed, checked; the wall saves it. Escape keeps typed words for next time
(under `card:<kind>` and `goal`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import permutations
from typing import TypeVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.validation import Integer, Length
from textual.widgets import Input, Select, Static

from trust_tui.domain.wins import SETBACK_NOTE
from trust_tui.models import MiniGoal, Partner, Setback, Win
from trust_tui.screens.base import sheet
from trust_tui.store.wins import CardKind, GoalUnit
from trust_tui.widgets.form_modal import FormModal
from trust_tui.widgets.limits import LimitedInput, limit_of
from trust_tui.widgets.typed import typed


@dataclass(frozen=True)
class CardDraft:
    kind: CardKind
    text: str
    by: str
    to: str | None = None


@dataclass(frozen=True)
class GoalDraft:
    text: str
    owner: str | None
    target: int
    unit: GoalUnit


FORM_WORDS = {
    "win": ("A small win",
            "What felt a little easier or better? Small things count.",
            "Who noticed it?"),
    "thanks": ("A thank-you",
               "What would you like to thank them for?",
               "From and to"),
    "setback": ("A setback, noted",
                "What happened? Plain words are enough. " + SETBACK_NOTE,
                "Who is noting it?"),
}

CARD_NOUNS = {"win": "a win", "thanks": "a thank-you", "setback": "a setback note"}

UNITS = [("days in a row", "days_in_a_row"), ("times", "times")]

DraftT = TypeVar("DraftT", CardDraft, GoalDraft)


class WinsForm(FormModal[DraftT]):
    """What both wall forms share: their sheet, and enter in a box saves."""

    CSS_PATH = sheet("wins")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def text_of(self, selector: str, missing: str) -> str | None:
        """The words in a box, if there are some and they fit (else it says why)."""
        box = self.query_one(selector, LimitedInput)
        text = box.value.strip()
        if not text:
            self.say(missing)
            box.focus()
            return None
        if not box.fits():
            return None  # told why; every word stays in the box
        return text


class CardForm(WinsForm[CardDraft]):
    """Write one card: a win, a thank-you or a setback. `partners` come me first."""

    def __init__(self, kind: CardKind, partners: Sequence[Partner],
                 draft: CardDraft | None = None, editing: str | None = None) -> None:
        # A draft: words a save could not keep, back in the form (typed, not saved).
        # `editing`: the card's id when changing one (its words are the saved ones).
        super().__init__(typed_already=draft is not None and editing is None)
        self.card_kind = kind
        self.partners = list(partners)
        self.card_draft = draft
        self.editing = editing
        # Words kept on escape or a lock come back (a card being changed keeps its own).
        self.draft_key = f"card-edit:{editing}" if editing else f"card:{kind}"

    def compose_form(self) -> ComposeResult:
        title, prompt, who = FORM_WORDS[self.card_kind]
        draft = self.card_draft
        with Vertical(classes="form-box"):
            yield Static(f"{title}: changing it" if self.editing else title,
                         classes="form-title")
            yield Static(prompt, classes="form-lead")
            limit = limit_of(Setback if self.card_kind == "setback" else Win, "text")
            yield LimitedInput(draft.text if draft else "", id="card-text", limit=limit,
                               noun=CARD_NOUNS[self.card_kind], placeholder="In your own words",
                               validators=[Length(minimum=1, failure_description="empty")])
            yield Static(who, classes="form-lead")
            options = self._who_options()
            values = [value for _, value in options]
            chosen = self._who_value(draft) if draft else ""
            yield Select(options, allow_blank=False, id="card-who",
                         value=chosen if chosen in values else values[0])
            yield from self.form_foot()

    def _who_options(self) -> list[tuple[Content, str]]:
        # Names are typed by the couple: Content, never markup (a Select parses a str).
        # Sitting apart, a card from this window is its partner's (a change keeps its own).
        me = None if self.editing else self.seated()
        if self.card_kind == "thanks":
            return [(typed(f"From {a.name} to {b.name}"), f"{a.id}>{b.id}")
                    for a, b in permutations(self.partners, 2) if me in (None, a.id)]
        return [(typed(p.name), p.id) for p in self.partners if me in (None, p.id)]

    @staticmethod
    def _who_value(draft: CardDraft) -> str:
        return f"{draft.by}>{draft.to}" if draft.to else draft.by

    def collect(self) -> CardDraft | None:
        text = self.text_of("#card-text", "A few words are enough.")
        if text is None:
            return None
        by, _, to = self.value_of("#card-who").partition(">")
        return CardDraft(self.card_kind, text, by, to or None)


class GoalForm(WinsForm[GoalDraft]):
    """A mini-goal in words, whose it is, and a target. `partners` come me first."""

    def __init__(self, partners: Sequence[Partner], draft: GoalDraft | None = None,
                 editing: str | None = None) -> None:
        super().__init__(typed_already=draft is not None and editing is None)
        self.partners = list(partners)
        self.goal_draft = draft  # shown again after a save that did not go through
        self.editing = editing  # the goal's id when changing one
        # Words kept on escape or a lock come back (a goal being changed keeps its own).
        self.draft_key = f"goal-edit:{editing}" if editing else "goal"

    def compose_form(self) -> ComposeResult:
        draft = self.goal_draft or GoalDraft("", None, 7, "days_in_a_row")
        with Vertical(classes="form-box"):
            yield Static("A mini-goal: changing it" if self.editing else "A mini-goal",
                         classes="form-title")
            yield Static("A small goal in your words, e.g. honest about small things",
                         classes="form-lead")
            yield LimitedInput(draft.text, id="goal-text", placeholder="The goal",
                               limit=limit_of(MiniGoal, "text"), noun="a mini-goal")
            with Horizontal(classes="form-row"):
                owners = [(typed(p.name), p.id) for p in self.partners]
                yield Select([("Both of you", ""), *owners],
                             allow_blank=False, id="goal-owner", value=draft.owner or "")
                yield Input(str(draft.target), id="goal-target", type="integer", max_length=3,
                            validators=[Integer(minimum=1, maximum=365)])
                yield Select(UNITS, allow_blank=False, id="goal-unit", value=draft.unit)
            yield from self.form_foot()

    def collect(self) -> GoalDraft | None:
        text = self.text_of("#goal-text", "Say the goal in a few words.")
        if text is None:
            return None
        target = self.query_one("#goal-target", Input)
        if not target.is_valid or not target.value:
            self.say("The target is a number from 1 to 365.")
            target.focus()
            return None
        unit: GoalUnit = "times" if self.value_of("#goal-unit") == "times" else "days_in_a_row"
        return GoalDraft(text, self.value_of("#goal-owner") or None, int(target.value), unit)
