""""Raise it now": a few words, saved with time and author for the next check-back."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, Select, Static

from trust_tui.domain import agreements as rules
from trust_tui.models import Agreement, RaisedConcern
from trust_tui.screens.agreements.form_base import AgreementFormModal, Partners, partner_options
from trust_tui.widgets.limits import LimitedInput, limit_of
from trust_tui.widgets.typed import typed


@dataclass(frozen=True)
class ConcernInput:
    by: str
    text: str
    agreement_id: str | None


class ConcernForm(AgreementFormModal[ConcernInput]):
    draft_key = "concern"

    def __init__(self, partners: Partners, me: str, boundaries: Sequence[Agreement],
                 selected: str | None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.partners = partners
        self.me = me
        self.boundaries = boundaries
        self.selected = selected

    def compose_form(self) -> ComposeResult:
        about: list[tuple[Content, str]] = [(Content("Not one on the list"), "")]
        about += [(typed(rules.short_text(b.wording, 50)), b.id) for b in self.boundaries]
        with Vertical(id="agr-form-box", classes="form-box"):
            with VerticalScroll(classes="form-body"):
                yield Static("Raise it now", classes="form-title")
                yield Static("Something starting to bother you? Say it now, in a few words. "
                             "It is kept with the time and who raised it, and comes up at the "
                             "next check-back.", classes="hint")
                yield LimitedInput(id="concern-text", placeholder="What is bothering you",
                                   limit=limit_of(RaisedConcern, "text"), noun="a concern")
                with Horizontal(classes="form-row"):
                    with Vertical():
                        yield Label("Who is raising it?")
                        yield Select(partner_options(self.partners), allow_blank=False,
                                     value=self.me, id="by")
                    with Vertical(classes="wide"):
                        yield Label("About which boundary?")
                        known = {b.id for b in self.boundaries}
                        yield Select(about, allow_blank=False, id="about",
                                     value=self.selected if self.selected in known else "")
            yield from self.form_foot()

    def on_mount(self) -> None:
        self.query_one("#concern-text", Input).focus()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def collect(self) -> ConcernInput | None:
        text = self.query_one("#concern-text", Input).value
        if not text.strip():
            self.say("A few words are enough.")
            return None
        if not self.query_one("#concern-text", LimitedInput).fits():
            return None
        return ConcernInput(self.value_of("#by"), text.strip(), self.value_of("#about") or None)
