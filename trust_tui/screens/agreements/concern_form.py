""""Raise it now": a few words, saved with time and author for the next check-back."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Label, Select, Static

from trust_tui.domain import agreements as rules
from trust_tui.models import Agreement, RaisedConcern
from trust_tui.screens.agreements.form_base import AgreementFormModal, Partners, partner_choice
from trust_tui.widgets.limits import LimitedInput, limit_of
from trust_tui.widgets.typed import typed


@dataclass(frozen=True)
class ConcernInput:
    by: str
    text: str
    agreement_id: str | None


class ConcernForm(AgreementFormModal[ConcernInput]):
    FIRST = "#concern-text"
    ENTER_SAVES = True
    draft_key = "concern"

    def __init__(self, partners: Partners, me: str, boundaries: Sequence[Agreement],
                 selected: str | None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.partners = partners
        self.me = me
        self.boundaries = boundaries
        self.selected = selected

    def compose_fields(self) -> ComposeResult:
        about: list[tuple[Content, str]] = [(Content("Not one on the list"), "")]
        about += [(typed(rules.short_text(b.wording, 50)), b.id) for b in self.boundaries]
        yield Static("Raise it now", classes="form-title")
        yield Static("Something starting to bother you? Say it now, in a few words. "
                     "It is kept with the time and who raised it, and comes up at the "
                     "next check-back.", classes="hint")
        yield LimitedInput(id="concern-text", placeholder="What is bothering you",
                           limit=limit_of(RaisedConcern, "text"), noun="a concern")
        with Horizontal(classes="form-row"):
            yield from partner_choice("Who is raising it?", self.partners, self.me, "by")
            with Vertical(classes="wide"):
                yield Label("About which boundary?")
                known = {b.id for b in self.boundaries}
                yield Select(about, allow_blank=False, id="about",
                             value=self.selected if self.selected in known else "")

    def collect(self) -> ConcernInput | None:
        text = self.query_one("#concern-text", Input).value
        if not text.strip():
            self.say("A few words are enough.")
            return None
        if not self.query_one("#concern-text", LimitedInput).fits():
            return None
        return ConcernInput(self.value_of("#by"), text.strip(), self.value_of("#about") or None)
