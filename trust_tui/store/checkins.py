"""The daily check-in: each partner's feeling word and how safe they feel, 1 to 10.

A second check-in on the same day replaces that partner's first one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from trust_tui.models import CheckIn
from trust_tui.vault import Vault


@dataclass(frozen=True)
class Answer:
    """One partner's check-in as given: a feeling word and 1-10, either may be left out
    (not both)."""

    partner_id: str
    feeling: str | None
    safety: int | None


def todays(vault: Vault, today: date) -> dict[str, CheckIn]:
    """partner id -> their check-in today (the latest one if there are several)."""
    found: dict[str, CheckIn] = {}
    # Only today's are kept as models (home asks this at every visit: issue 17).
    for check_in in sorted(vault.all_where(CheckIn, lambda c: c.on == today),
                           key=lambda c: c.created_at):
        found[check_in.partner_id] = check_in
    return found


def due(vault: Vault, today: date) -> list[str]:
    """Whose check-in is still open today, said gently (nothing when both did it)."""
    done = todays(vault, today)
    partners = vault.partners
    still_open = [p.name for p in partners if p.id not in done]
    if not still_open:
        return []
    if len(still_open) == len(partners) and len(partners) > 1:
        return ["Today's check-in is open for both of you (c), whenever you are ready."]
    return [f"Today's check-in is still open for {' and '.join(still_open)} (c), "
            "whenever you are ready."]


def save_today(vault: Vault, answers: Sequence[Answer], today: date,
               at: datetime) -> list[CheckIn]:
    """Save today's check-ins; each replaces that partner's earlier one today
    (another window's included: read under the lock, on the latest file)."""
    saved = []
    with vault.transaction():
        earlier = todays(vault, today)
        for answer in answers:
            record = CheckIn(partner_id=answer.partner_id, on=today, feeling=answer.feeling,
                             safety=answer.safety, created_at=at)
            if answer.partner_id in earlier:
                record = record.model_copy(update={"id": earlier[answer.partner_id].id})
            saved.append(record)
        vault.put_many(saved)  # both partners' answers land together
    return saved
