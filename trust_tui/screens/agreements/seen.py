"""What the screen last read from the vault, with the names to show it by."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from trust_tui.models import Agreement, FollowThrough, RaisedConcern
from trust_tui.screens.agreements.words import EXPECTATION_WORDS, KindWords


@dataclass
class Seen:
    words: KindWords = EXPECTATION_WORDS
    today: date = date.min
    agreements: list[Agreement] = field(default_factory=list)  # this kind's, in list order
    follow: list[FollowThrough] = field(default_factory=list)
    concerns: list[RaisedConcern] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # partner id -> name, left first

    def name(self, partner_id: str | None) -> str:
        return self.names.get(partner_id or "", "someone")

    def names_of(self, partner_ids: list[str]) -> str:
        return " and ".join(self.name(p) for p in partner_ids)

    @property
    def partner_ids(self) -> list[str]:
        return list(self.names)

    def agreement(self, agreement_id: str | None) -> Agreement | None:
        return next((a for a in self.agreements if a.id == agreement_id), None)

    def follow_of(self, agreement: Agreement) -> list[FollowThrough]:
        return [f for f in self.follow if f.agreement_id == agreement.id]
