"""The highlighted agreement: its words, where it stands, follow-through by week,
and its history (lately, reviews, earlier words)."""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Label, Sparkline, Static

from trust_tui.domain import agreements as rules
from trust_tui.domain.follow_through import consistency_summary, repeated_miss_notice, weekly_series
from trust_tui.models import Agreement, AgreementStatus, FollowThrough
from trust_tui.screens.agreements.seen import Seen
from trust_tui.widgets.typed import typed


def status_text(a: Agreement, seen: Seen) -> str:
    words, today = seen.words, seen.today
    facts = [f"{words.who_label}: {seen.name(a.asked_by)}", f"About: {a.category}"]
    if a.status == AgreementStatus.DRAFT:
        said_yes = seen.names_of(a.confirmed_by)
        waiting = rules.waiting_for(a, seen.partner_ids)
        line = "Draft: not agreed by both yet."
        if said_yes:
            line += f" {said_yes} agreed."
        if waiting:
            line += f" Waiting for {seen.names_of(waiting)}."
        facts.append(line)
    elif a.status == AgreementStatus.AGREED:
        when = rules.short_date(rules.local_day(a.agreed_at), today) if a.agreed_at else "-"
        due = " (due now)" if rules.is_due(a, today) else ""
        facts.append(f"Agreed by both on {when}. Next {words.review}: "
                     f"{rules.short_date(a.next_review, today) if a.next_review else '-'}{due}, "
                     f"then every {a.review_every_days} days.")
    elif a.status == AgreementStatus.PAUSED:
        facts.append("Paused for now: no reviews fall due. Press p to pick it up again.")
    else:
        facts.append("Retired: kept here for the record.")
    return "\n".join(facts)


def history_text(a: Agreement, mine: list[FollowThrough], seen: Seen) -> str:
    today = seen.today

    def day_of(at: datetime) -> str:
        return rules.short_date(rules.local_day(at), today)

    lines: list[str] = []
    recent = sorted(mine, key=lambda f: (f.on, f.created_at), reverse=True)[:5]
    if recent:
        lines.append("Lately:")
        for f in recent:
            note = f" - {f.note}" if f.note else ""
            lines.append(f"  {rules.short_date(f.on, today)}: {'kept' if f.kept else 'missed'}"
                         f" (logged by {seen.name(f.by)}){note}")
    if a.reviews:
        lines.append(f"{seen.words.review_verb}s:")
        for r in reversed(a.reviews):
            how = ", ".join(f"{'working' if ok else 'not yet working'} for {seen.name(p)}"
                            for p, ok in r.working.items())
            note = f" - {r.note}" if r.note else ""
            lines.append(f"  {day_of(r.at)}: {r.outcome}{' (' + how + ')' if how else ''}{note}")
    raised = sorted((c for c in seen.concerns if c.agreement_id == a.id),
                    key=lambda c: c.created_at, reverse=True)
    if raised:
        lines.append("Raised:")
        for c in raised:
            state = "talked through" if c.addressed else "not talked through yet"
            if c.addressed and c.addressed_at is not None:
                state += f" {day_of(c.addressed_at)}"
            lines.append(f"  {day_of(c.created_at)}, by {seen.name(c.by)} ({state}): {c.text}")
    if a.history:
        lines.append("Earlier words:")
        for h in reversed(a.history):
            lines.append(f"  {day_of(h.at)}, changed by {seen.name(h.by)}. "
                         f"Before: {h.old_wording}")
    return "\n".join(lines)


class AgreementDetail(VerticalScroll):
    def compose(self) -> ComposeResult:
        yield Static("", id="agr-wording")
        yield Static("", id="agr-status")
        yield Static("", id="agr-notice")
        yield Static("Follow-through by week (oldest first, this week last)",
                     id="agr-chart-title", classes="section-title")
        for name, label in (("kept", "kept  "), ("missed", "missed")):
            with Horizontal(classes="spark-row"):
                yield Label(label, classes="spark-label")
                yield Sparkline([], id=f"spark-{name}")
                yield Static("", id=f"numbers-{name}", classes="spark-numbers")
        yield Static("", id="agr-summary")
        yield Static("", id="agr-history")

    def show(self, a: Agreement | None, seen: Seen) -> None:
        self.display = a is not None
        if a is None:
            return
        today = seen.today
        self.query_one("#agr-wording", Static).update(typed(a.wording))
        self.query_one("#agr-status", Static).update(typed(status_text(a, seen)))

        mine = seen.follow_of(a)
        notice = repeated_miss_notice(a, mine, today)
        notice_widget = self.query_one("#agr-notice", Static)
        notice_widget.display = notice is not None
        notice_widget.update(Content("A gentle note: " + notice) if notice else Content(""))

        series = weekly_series(mine, today)
        for name in ("kept", "missed"):
            counts = [getattr(w, name) for w in series]
            self.query_one(f"#spark-{name}", Sparkline).data = counts
            self.query_one(f"#numbers-{name}", Static).update(" ".join(map(str, counts)))
        summary = consistency_summary(series, logged_before=bool(mine))
        self.query_one("#agr-summary", Static).update(typed(summary))
        self.query_one("#agr-history", Static).update(typed(history_text(a, mine, seen)))
