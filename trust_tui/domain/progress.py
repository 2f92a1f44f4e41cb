"""The progress picture, without Textual: weekly series and plain numbers.

Everything here shows a trend, not a verdict: there is no pass mark, no score and
no "healed" line. Weeks run Monday to Sunday; a week with nothing recorded is
None (shown as a gap), never zero, so an empty week is not read as a bad one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from statistics import fmean

from trust_tui.domain.clock import local_day
from trust_tui.domain.wins import week_of
from trust_tui.models import CheckIn, FollowThrough, TalkSession, Win

WEEKS = 12
RECENT_WEEKS = 4  # "lately" in the check-in trend
TREND_STEP = 0.5  # a smaller change of the average reads as "about the same"


def week_starts(today: date, weeks: int = WEEKS) -> list[date]:
    """The Mondays of the last `weeks` weeks, oldest first, ending with this week."""
    this_week = week_of(today)
    return [this_week - timedelta(days=7 * n) for n in range(weeks - 1, -1, -1)]


def _mean(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return fmean(present) if present else None


# --- check-ins --------------------------------------------------------------------

@dataclass(frozen=True)
class CheckInSeries:
    """One partner's 1-10 "how safe do I feel" over the last weeks."""

    partner_id: str
    weeks: list[date]
    values: list[float | None]  # the week's average, None when no check-in
    count: int  # check-ins in these weeks
    latest: int | None
    latest_on: date | None
    recent: float | None  # average of the last RECENT_WEEKS weeks
    earlier: float | None  # average of the weeks before those
    trend: str | None  # "higher lately", "about the same", "lower lately"


def trend_words(recent: float | None, earlier: float | None) -> str | None:
    if recent is None or earlier is None:
        return None
    if recent - earlier >= TREND_STEP:
        return "higher lately"
    if earlier - recent >= TREND_STEP:
        return "lower lately"
    return "about the same"


def checkin_series(check_ins: Iterable[CheckIn], partner_id: str, today: date,
                   weeks: int = WEEKS) -> CheckInSeries:
    starts = week_starts(today, weeks)
    first, end = starts[0], today
    # A check-in with a feeling word alone has no number to draw.
    mine = sorted((c for c in check_ins
                   if c.partner_id == partner_id and first <= c.on <= end
                   and c.safety is not None),
                  key=lambda c: (c.on, c.created_at))
    by_week: dict[date, list[int | None]] = {}
    for c in mine:
        by_week.setdefault(week_of(c.on), []).append(c.safety)
    values = [_mean(by_week.get(w, [])) for w in starts]
    lately = starts[-min(RECENT_WEEKS, len(starts))]
    recent = _mean(c.safety for c in mine if week_of(c.on) >= lately)
    earlier = _mean(c.safety for c in mine if week_of(c.on) < lately)
    latest = mine[-1] if mine else None
    return CheckInSeries(
        partner_id=partner_id, weeks=starts, values=values, count=len(mine),
        latest=latest.safety if latest else None, latest_on=latest.on if latest else None,
        recent=recent, earlier=earlier, trend=trend_words(recent, earlier),
    )


# --- follow-through -------------------------------------------------------------------

@dataclass(frozen=True)
class FollowThroughWeek:
    week: date
    kept: int
    missed: int

    @property
    def total(self) -> int:
        return self.kept + self.missed

    @property
    def rate(self) -> float | None:
        return self.kept / self.total if self.total else None


@dataclass(frozen=True)
class FollowThroughSeries:
    weeks: list[FollowThroughWeek]

    @property
    def kept(self) -> int:
        return sum(w.kept for w in self.weeks)

    @property
    def total(self) -> int:
        return sum(w.total for w in self.weeks)

    @property
    def rate(self) -> float | None:
        return self.kept / self.total if self.total else None

    @property
    def this_week(self) -> FollowThroughWeek:
        return self.weeks[-1]

    @property
    def rates(self) -> list[float | None]:
        return [w.rate for w in self.weeks]


def follow_through_by_week(records: Iterable[FollowThrough], today: date,
                           weeks: int = WEEKS, by: str | None = None) -> FollowThroughSeries:
    """Kept and missed per week; `by` narrows to one partner's follow-through."""
    starts = week_starts(today, weeks)
    kept = dict.fromkeys(starts, 0)
    missed = dict.fromkeys(starts, 0)
    for r in records:
        week = week_of(r.on)
        if week not in kept or r.on > today or (by is not None and r.by != by):
            continue
        if r.kept:
            kept[week] += 1
        else:
            missed[week] += 1
    return FollowThroughSeries([FollowThroughWeek(w, kept[w], missed[w]) for w in starts])


# --- wins and thank-yous -------------------------------------------------------------------

@dataclass(frozen=True)
class WinsSeries:
    weeks: list[date]
    wins: list[int]  # small wins and reached goals
    thanks: list[int]

    @property
    def total_wins(self) -> int:
        return sum(self.wins)

    @property
    def total_thanks(self) -> int:
        return sum(self.thanks)


def wins_by_week(wins: Iterable[Win], today: date, weeks: int = WEEKS,
                 day_of: Callable[[datetime], date] = local_day) -> WinsSeries:
    starts = week_starts(today, weeks)
    index = {w: i for i, w in enumerate(starts)}
    won, thanked = [0] * weeks, [0] * weeks
    for w in wins:
        day = day_of(w.created_at)
        i = index.get(week_of(day))
        if i is None or day > today:
            continue
        # As on the wall: a reached goal and a setback have cards of their own.
        if w.kind == "thanks":
            thanked[i] += 1
        elif w.kind == "win":
            won[i] += 1
    return WinsSeries(starts, won, thanked)


# --- talk time --------------------------------------------------------------------------

@dataclass(frozen=True)
class TalkBalance:
    """Seconds each partner held the floor, in the order the partners were given."""

    seconds: dict[str, float]
    talks: int

    @property
    def total(self) -> float:
        return sum(self.seconds.values())

    def share(self, partner_id: str) -> float | None:
        total = self.total
        return self.seconds.get(partner_id, 0.0) / total if total else None


def talk_balance(talks: Iterable[TalkSession], partner_ids: Sequence[str],
                 since: date | None = None,
                 day_of: Callable[[datetime], date] = local_day) -> TalkBalance:
    seconds = dict.fromkeys(partner_ids, 0.0)
    count = 0
    for talk in talks:
        if since is not None and day_of(talk.started_at) < since:
            continue
        spoken = False
        for turn in talk.turns:
            if turn.speaker_id in seconds and turn.spoken_seconds > 0:
                seconds[turn.speaker_id] += turn.spoken_seconds
                spoken = True
        count += spoken
    return TalkBalance(seconds, count)


# --- plain numbers -------------------------------------------------------------------------

def percent(rate: float | None) -> str:
    return "-" if rate is None else f"{round(rate * 100)}%"


def one_decimal(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def minutes(seconds: float) -> str:
    m = round(seconds / 60)
    if m < 60:
        return f"{m} min"
    return f"{m // 60} h {m % 60:02d} min"
