"""Follow-through on an agreement, without Textual (method step 7).

Each partner logs a kept or missed one; the weeks show plain numbers, never a score;
when the same one is missed three times within its review period, a gentle word points
to firmer wording or outside support. Time comes in as arguments.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from trust_tui.domain.agreements import (
    AgreementRuleError,
    period_start,
    review_word,
    short_date,
)
from trust_tui.models import Agreement, AgreementStatus, FollowThrough

MISSES_TO_NOTICE = 3
SERIES_WEEKS = 8


def log_follow_through(agreement: Agreement, *, by: str, kept: bool, on: date,
                       now: datetime, note: str = "") -> FollowThrough:
    if agreement.status != AgreementStatus.AGREED:
        raise AgreementRuleError(
            "Follow-through is logged once both of you have agreed on it.")
    return FollowThrough(agreement_id=agreement.id, by=by, kept=kept, on=on,
                         note=note.strip(), created_at=now)


def week_of(day: date) -> date:
    """The Monday that starts the week of `day`."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class WeekTally:
    week: date  # its Monday
    kept: int
    missed: int

    @property
    def total(self) -> int:
        return self.kept + self.missed


def weekly_series(entries: Iterable[FollowThrough], today: date,
                  weeks: int = SERIES_WEEKS) -> list[WeekTally]:
    """Kept and missed per week for the last `weeks` weeks, oldest first."""
    this_week = week_of(today)
    starts = [this_week - timedelta(days=7 * n) for n in range(weeks - 1, -1, -1)]
    kept = dict.fromkeys(starts, 0)
    missed = dict.fromkeys(starts, 0)
    for entry in entries:
        week = week_of(entry.on)
        if week in kept and entry.on <= today:
            (kept if entry.kept else missed)[week] += 1
    return [WeekTally(w, kept[w], missed[w]) for w in starts]


def times_in_words(n: int) -> str:
    """"once", "twice", "3 times"."""
    return "once" if n == 1 else ("twice" if n == 2 else f"{n} times")


def consistency_summary(series: Sequence[WeekTally], logged_before: bool = False) -> str:
    """Plain numbers for the weekly series (no rates, no verdict). `logged_before`: some
    were logged before these weeks (the summary must not say "nothing logged yet")."""
    if not series or not any(w.total for w in series):
        if logged_before:
            return (f"Nothing logged in the last {len(series)} weeks; the earlier ones "
                    "are listed below.")
        return "Nothing logged yet. Each kept or missed one you log shows here, week by week."
    kept = sum(w.kept for w in series)
    missed = sum(w.missed for w in series)
    now = series[-1]
    return (f"Last {len(series)} weeks: {kept} kept, {missed} missed. "
            f"This week: {now.kept} kept, {now.missed} missed.")


def period_summary(agreement: Agreement, entries: Iterable[FollowThrough], today: date) -> str:
    """Plain numbers since the period began, for a review: 'Since 16 Feb: 3 kept, 1 missed.'"""
    start = period_start(agreement)
    mine = [e for e in entries if e.agreement_id == agreement.id and start <= e.on <= today]
    kept = sum(1 for e in mine if e.kept)
    if not mine:
        return f"Nothing logged since {short_date(start)}."
    return f"Since {short_date(start)}: {kept} kept, {len(mine) - kept} missed."


def misses_in_period(agreement: Agreement, entries: Iterable[FollowThrough],
                     today: date) -> list[FollowThrough]:
    """Misses of this agreement within its review period (at most the last
    `review_every_days` days, and not before it was agreed or last kept at a review)."""
    start = max(today - timedelta(days=agreement.review_every_days - 1), period_start(agreement))
    return [e for e in entries if e.agreement_id == agreement.id and not e.kept
            and start <= e.on <= today]


def repeated_miss_notice(agreement: Agreement, entries: Iterable[FollowThrough],
                         today: date) -> str | None:
    """A gentle word when the same one was missed three times in its review period."""
    misses = misses_in_period(agreement, entries, today)
    if len(misses) < MISSES_TO_NOTICE:
        return None
    first = min(e.on for e in misses)
    return (f"This one was missed {times_in_words(len(misses))} since {short_date(first)}. "
            "That happens, and it helps to look at it together. It may need firmer, more "
            "concrete wording, or something deeper may need room: you can adjust it at its "
            f"{review_word(agreement.kind).lower()}, and a counsellor or coach can help "
            "you both with it.")
