"""Log one kept or missed, dated, by whom, with a note if wanted."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Select, Static

from trust_tui.domain import agreements as rules
from trust_tui.models import Agreement
from trust_tui.screens.agreements.form_base import (
    NOTE_LIMIT,
    AgreementFormModal,
    Partners,
    partner_choice,
)
from trust_tui.widgets.limits import LimitedInput
from trust_tui.widgets.typed import typed


@dataclass(frozen=True)
class FollowThroughInput:
    kept: bool
    by: str
    on: date
    note: str


def day_choices(today: date, days: int = 7) -> list[tuple[str, str]]:
    choices = [("Today", today.isoformat()),
               ("Yesterday", (today - timedelta(days=1)).isoformat())]
    for back in range(2, days):
        day = today - timedelta(days=back)
        choices.append((f"{day.strftime('%A')} {rules.short_date(day)}", day.isoformat()))
    return choices


class FollowThroughForm(AgreementFormModal[FollowThroughInput]):
    FIRST = "#note"
    ENTER_SAVES = True

    def __init__(self, agreement: Agreement, kept: bool, partners: Partners, me: str,
                 today: date, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.agreement = agreement
        self.kept = kept
        self.partners = partners
        self.me = me
        self.today = today
        self.draft_key = f"follow-through:{agreement.id}"

    def compose_fields(self) -> ComposeResult:
        yield Static("Log follow-through", classes="form-title")
        yield Static(typed(self.agreement.wording), classes="form-quote")
        yield Static("Kept or missed, honestly: a missed one is part of the record, "
                     "not a mark against anyone.", classes="hint")
        with Horizontal(classes="form-row"):
            with Vertical():
                yield Label("How did it go?")
                yield Select([("Kept", "kept"), ("Missed", "missed")], allow_blank=False,
                             value="kept" if self.kept else "missed", id="kept")
            yield from partner_choice("Who is logging it?", self.partners, self.me, "by")
            with Vertical():
                yield Label("When?")
                yield Select(day_choices(self.today), allow_blank=False,
                             value=self.today.isoformat(), id="on")
        yield LimitedInput(id="note", limit=NOTE_LIMIT, noun="a note",
                           placeholder="A note, if you like")

    def restore_fields(self, fields: Mapping[str, str]) -> None:
        # Kept or missed is the key just pressed (k or m), never an earlier draft's.
        super().restore_fields({k: v for k, v in fields.items() if k != "kept"})

    def collect(self) -> FollowThroughInput | None:
        if not self.query_one("#note", LimitedInput).fits():
            return None
        return FollowThroughInput(
            kept=self.value_of("#kept") == "kept", by=self.value_of("#by"),
            on=date.fromisoformat(self.value_of("#on")),
            note=self.query_one("#note", Input).value)
