"""Raised concerns not yet talked through (boundaries): a box under the list."""

from __future__ import annotations

from textual.widgets import Static

from trust_tui.domain import agreements as rules
from trust_tui.domain.agreements_due import open_concerns
from trust_tui.models import Agreement, RaisedConcern
from trust_tui.screens.agreements.seen import Seen
from trust_tui.widgets.typed import typed

SHOWN = 4  # the latest few; the rest are counted


def open_about(seen: Seen, a: Agreement | None) -> list[RaisedConcern]:
    """Open concerns about this boundary, and those about none in particular."""
    known = {b.id for b in seen.agreements}
    return [c for c in seen.concerns if not c.addressed and (
        c.agreement_id == (a.id if a else None) or c.agreement_id not in known)]


class RaisedConcerns(Static):
    """Hidden while nothing is raised (and always on expectations)."""

    def show(self, seen: Seen, raised: bool) -> None:
        open_ones = open_concerns(seen.concerns) if raised else []
        self.display = bool(open_ones)
        if not open_ones:
            self.update("")
            return
        by_id = {a.id: a for a in seen.agreements}
        lines = ["Raised (t when talked through):"]  # one line in a 36-wide pane
        for c in open_ones[-SHOWN:]:
            about = by_id.get(c.agreement_id or "")
            where = f" (about '{rules.short_text(about.wording, 24)}')" if about else ""
            when = rules.short_date(rules.local_day(c.created_at), seen.today)
            lines.append(f"- {when}, {seen.name(c.by)}{where}: {c.text}")
        if len(open_ones) > SHOWN:
            lines.append(f"  and {len(open_ones) - SHOWN} earlier")
        self.update(typed("\n".join(lines)))
