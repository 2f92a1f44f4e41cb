"""The wins wall and mini-goals, without Textual: cards grouped by week, goal
progress, and the words that keep setbacks in proportion.

Gratitude is voluntary: nothing here counts what is missing. A days-in-a-row
goal whose run ended simply shows the next day as day 1 again and the best run
so far; there is no "streak lost".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Literal

# "as local_day": re-exported, screens import it from here
from trust_tui.domain.clock import local_day as local_day
from trust_tui.models import MiniGoal, Setback, Win

CardKind = Literal["win", "thanks", "goal_reached", "setback"]

SETBACK_NOTE = (
    "Setbacks are part of rebuilding. Writing one down keeps the record honest; "
    "it takes nothing away from the wins."
)


def week_of(day: date) -> date:
    """The Monday that starts the week of `day`."""
    return day - timedelta(days=day.weekday())


def week_label(week: date, today: date) -> str:
    this_week = week_of(today)
    if week == this_week:
        return "This week"
    if week == this_week - timedelta(days=7):
        return "Last week"
    return f"Week of {week.day} {week:%b %Y}"


def day_label(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


# --- the wall -----------------------------------------------------------------

@dataclass(frozen=True)
class Card:
    """One card on the wall: a win, a thank-you, a reached goal or a setback."""

    kind: CardKind
    text: str
    by: str | None  # partner id: who noticed / thanked / noted; None: both
    day: date
    at: datetime
    record_id: str
    to: str | None = None  # a thank-you's recipient


@dataclass(frozen=True)
class WeekOfCards:
    week: date  # the Monday
    cards: list[Card] = field(default_factory=list)

    def count(self, kind: CardKind) -> int:
        return sum(1 for card in self.cards if card.kind == kind)


def cards_from(wins: Iterable[Win], setbacks: Iterable[Setback] = (),
               day_of: Callable[[datetime], date] = local_day) -> list[Card]:
    cards = [Card(kind=w.kind, text=w.text, by=w.noticed_by, day=day_of(w.created_at),
                  at=w.created_at, record_id=w.id, to=w.to) for w in wins]
    cards += [Card(kind="setback", text=s.text, by=s.noted_by, day=day_of(s.created_at),
                   at=s.created_at, record_id=s.id) for s in setbacks]
    return cards


def newest_first(cards: Iterable[Card]) -> list[Card]:
    # The id breaks ties so two cards saved in the same instant keep one order.
    return sorted(cards, key=lambda c: (c.at, c.record_id), reverse=True)


def group_by_week(cards: Iterable[Card]) -> list[WeekOfCards]:
    """Weeks newest first; within a week, cards newest first."""
    weeks: dict[date, list[Card]] = {}
    for card in newest_first(cards):
        weeks.setdefault(week_of(card.day), []).append(card)
    return [WeekOfCards(week, weeks[week]) for week in sorted(weeks, reverse=True)]


def week_summary(week: WeekOfCards) -> str:
    """Plain words for a week heading: what is there, never what is missing."""
    parts = []
    words: tuple[tuple[CardKind, str, str], ...] = (
        ("win", "win", "wins"), ("thanks", "thank-you", "thank-yous"),
        ("goal_reached", "goal reached", "goals reached"), ("setback", "setback", "setbacks"))
    for kind, one, many in words:
        n = week.count(kind)
        if n:
            parts.append(f"{n} {one if n == 1 else many}")
    return ", ".join(parts)


# --- mini-goals -----------------------------------------------------------------

@dataclass(frozen=True)
class GoalProgress:
    target: int
    unit: Literal["days_in_a_row", "times"]
    done: int  # toward the target: the current run, or the times so far
    best: int  # the longest run (days) or the times so far
    reached: bool
    counted_today: bool

    @property
    def fraction(self) -> float:
        return 1.0 if self.reached else min(self.done / self.target, 1.0)


def _runs(days: Iterable[date]) -> list[tuple[date, int]]:
    """Runs of consecutive days as (last day, length), oldest first."""
    runs: list[tuple[date, int]] = []
    for day in sorted(set(days)):
        if runs and runs[-1][0] + timedelta(days=1) == day:
            runs[-1] = (day, runs[-1][1] + 1)
        else:
            runs.append((day, 1))
    return runs


def goal_progress(goal: MiniGoal, today: date) -> GoalProgress:
    counted_today = today in goal.progress
    if goal.unit == "times":
        done = len(goal.progress)
        return GoalProgress(goal.target, goal.unit, done, done,
                            goal.reached_at is not None or done >= goal.target, counted_today)
    runs = _runs(goal.progress)
    best = max((length for _, length in runs), default=0)
    # A run is still going if its last day is today or yesterday (today not yet logged).
    current = 0
    if runs and runs[-1][0] >= today - timedelta(days=1):
        current = runs[-1][1]
    reached = goal.reached_at is not None or best >= goal.target
    return GoalProgress(goal.target, goal.unit, current, best, reached, counted_today)


# A forgotten day can still be logged the day after (a run need not reset for it).
LOG_BACK_DAYS = 1

ALREADY = "already"  # a days goal already has that day
REACHED = "reached"  # the goal is reached: nothing more to count
TOO_LONG_AGO = "too long ago"


@dataclass(frozen=True)
class Logged:
    progress: list[date]
    counted: bool  # False: nothing was added (see `why`)
    reached_now: bool  # this log reached the goal for the first time
    why: str | None = None  # ALREADY, REACHED or TOO_LONG_AGO when not counted


def log_progress(goal: MiniGoal, today: date, day: date | None = None) -> Logged:
    """One key press of progress on `day` (today, or yesterday when it was forgotten).
    Days in a row count each day once; times count each; a reached goal counts no more."""
    day = today if day is None else day
    kept = list(goal.progress)
    if goal_progress(goal, today).reached:
        return Logged(kept, counted=False, reached_now=False, why=REACHED)
    if not today - timedelta(days=LOG_BACK_DAYS) <= day <= today:
        return Logged(kept, counted=False, reached_now=False, why=TOO_LONG_AGO)
    if goal.unit == "days_in_a_row" and day in goal.progress:
        return Logged(kept, counted=False, reached_now=False, why=ALREADY)
    progress = sorted([*goal.progress, day])
    after = goal_progress(goal.model_copy(update={"progress": progress}), today)
    return Logged(progress, counted=True, reached_now=after.reached)


def not_counted_words(why: str | None, day_word: str = "Today") -> str:
    """Why a log added nothing, in a plain sentence."""
    if why == REACHED:
        return "This goal is reached already. A new one can be set with g."
    if why == TOO_LONG_AGO:
        return "Only today or yesterday can be logged."
    return f"{day_word} is already counted for this goal."


def unit_words(unit: str, n: int) -> str:
    if unit == "times":
        return "time" if n == 1 else "times"
    return "day in a row" if n == 1 else "days in a row"


def target_words(goal: MiniGoal) -> str:
    return f"{goal.target} {unit_words(goal.unit, goal.target)}"


def progress_words(p: GoalProgress, reached_on: date | None = None) -> str:
    """How far a goal has come, in words that never count what was missed."""
    if p.reached:
        when = f" on {day_label(reached_on)}" if reached_on else ""
        return f"Reached{when}: {p.target} {unit_words(p.unit, p.target)}"
    if p.unit == "times":
        return f"{p.done} of {p.target} times"
    if p.done == 0:
        start = "Ready for day 1"
        return f"{start} · best so far {p.best} {unit_words(p.unit, p.best)}" if p.best else start
    words = f"{p.done} of {p.target} days in a row"
    if p.best > p.done:
        words += f" · best so far {p.best}"
    return words


def progress_bar(p: GoalProgress, width: int = 10) -> str:
    """A bar of text: filled and empty cells differ in shape, not only colour."""
    filled = round(p.fraction * width)
    return "█" * filled + "░" * (width - filled)


def reached_card_text(goal: MiniGoal) -> str:
    return f"{goal.text} ({target_words(goal)})"


def setback_framing(setbacks: int, wins: int) -> str:
    """A line for the wall's foot: setbacks in proportion, never a verdict."""
    if not setbacks:
        return "Setbacks are part of rebuilding too; s notes one, without judgement."
    noun = "setback" if setbacks == 1 else "setbacks"
    return f"{setbacks} {noun} beside {wins} wins and thank-yous: part of the way, not the end of it."
