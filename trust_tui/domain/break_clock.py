"""A calm-down break: how long, when to come back, and both partners ready to end.

A body flooded with stress needs about twenty minutes to settle, so a break is
at least that long and at most a day. Whoever calls it names the length, which
fixes the time to come back. Ending it needs both partners to say they are
ready, whether the time is up or not: nobody is pulled back before they are
steady, and nobody is left waiting alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from trust_tui.domain.clock import Clock
from trust_tui.domain.live import (
    BREAK_ASKED, BREAK_BACK, BREAK_LENGTH, BREAK_NOT_READY, BREAK_READY, END, seconds_between,
)
from trust_tui.models import BreakTaken, LiveEvent

MIN_MINUTES = 20
MAX_MINUTES = 24 * 60
DEFAULT_MINUTES = 20
# Back together sooner than this gets one gentle line on why the time matters.
WELL_BEFORE_SECONDS = 15 * 60
BACK_EARLY_LINE = ("A body usually needs about 20 minutes to settle after a hard moment; "
                   "if the feelings come back strong, another break is always fine.")

# The lengths offered when calling a break, shortest first (minutes).
LENGTHS: tuple[int, ...] = (20, 30, 45, 60, 90, 120, 180, 240, 360, 480, 720, 1440)


def clamp_minutes(minutes: int) -> int:
    return max(MIN_MINUTES, min(MAX_MINUTES, int(minutes)))


def longer(minutes: int) -> int:
    return next((m for m in LENGTHS if m > minutes), MAX_MINUTES)


def shorter(minutes: int) -> int:
    return next((m for m in reversed(LENGTHS) if m < minutes), MIN_MINUTES)


def describe_length(minutes: int) -> str:
    """`20 minutes`, `1 hour 30 minutes`, `a day`."""
    if minutes >= MAX_MINUTES:
        return "a day"
    hours, mins = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour" + ("s" if hours > 1 else ""))
    if mins:
        parts.append(f"{mins} minutes")
    return " ".join(parts)


class NotBothReady(Exception):
    """Ending a break needs both partners ready."""


@dataclass
class BreakClock:
    clock: Clock
    called_by: str
    partners: tuple[str, ...]
    minutes: int = DEFAULT_MINUTES
    started_mono: float = field(init=False)
    called_at: datetime = field(init=False)
    ready: set[str] = field(default_factory=set, init=False)
    ended: BreakTaken | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.minutes = clamp_minutes(self.minutes)
        self.started_mono = self.clock.monotonic()
        self.called_at = self.clock.now()

    @classmethod
    def resumed(cls, clock: Clock, called_by: str, partners: tuple[str, ...], minutes: int,
                called_at: datetime, ready: Iterable[str] = ()) -> BreakClock:
        """A break called at `called_at` (wall clock), carried on now: the time since
        then counts (never less than nothing: a clock set back), and from here on it
        runs on the monotonic clock."""
        brk = cls(clock, called_by=called_by, partners=partners, minutes=minutes)
        brk.called_at = called_at
        brk.started_mono = clock.monotonic() - seconds_between(called_at, clock.now())
        brk.ready = {pid for pid in ready if pid in partners}
        return brk

    @property
    def planned_seconds(self) -> float:
        return self.minutes * 60.0

    @property
    def return_at(self) -> datetime:
        """The agreed time to come back (wall clock, for showing to people)."""
        return self.called_at + timedelta(seconds=self.planned_seconds)

    def elapsed(self) -> float:
        return max(0.0, self.clock.monotonic() - self.started_mono)

    def remaining(self) -> float:
        """Seconds until the agreed return; negative once it has passed."""
        return self.planned_seconds - self.elapsed()

    @property
    def time_is_up(self) -> bool:
        return self.remaining() <= 0

    def set_minutes(self, minutes: int) -> None:
        """Change the length (the return time moves with it)."""
        self.minutes = clamp_minutes(minutes)

    def toggle_ready(self, partner_id: str) -> bool:
        """Mark (or unmark) a partner ready; returns whether they are ready now."""
        if partner_id not in self.partners:
            raise KeyError(partner_id)
        if partner_id in self.ready:
            self.ready.discard(partner_id)
            return False
        self.ready.add(partner_id)
        return True

    @property
    def both_ready(self) -> bool:
        return bool(self.partners) and set(self.partners) <= self.ready

    def end(self) -> BreakTaken:
        """End the break; both partners must be ready. Returns the record to save."""
        if self.ended is not None:
            return self.ended
        if not self.both_ready:
            raise NotBothReady()
        self.ended = BreakTaken(
            called_by=self.called_by,
            called_at=self.called_at,
            planned_seconds=self.planned_seconds,
            actual_seconds=round(self.elapsed(), 3),
            ended_early=not self.time_is_up,
        )
        return self.ended


def back_early_line(taken: BreakTaken) -> str | None:
    """One gentle line when both came back well before a body settles; else None."""
    spent = taken.actual_seconds or 0.0
    return BACK_EARLY_LINE if spent < WELL_BEFORE_SECONDS else None


def open_break(clock: Clock, partners: tuple[str, ...],
               events: Sequence[LiveEvent]) -> BreakClock | None:
    """The break under way in a session's events, carried on from the clock now.

    That is the last "break asked" with no "break back" (nor an end) after it, with
    the length as last changed and who said they are ready; None if there is none."""
    asked = next((i for i in range(len(events) - 1, -1, -1)
                  if events[i].kind == BREAK_ASKED), None)
    if asked is None:
        return None
    start = events[asked]
    minutes = int(start.number) if start.number is not None else DEFAULT_MINUTES
    ready: set[str] = set()
    for later in events[asked + 1:]:
        if later.kind in (BREAK_BACK, END):
            return None
        if later.kind == BREAK_LENGTH and later.number is not None:
            minutes = int(later.number)
        elif later.kind == BREAK_READY and later.by is not None:
            ready.add(later.by)
        elif later.kind == BREAK_NOT_READY:
            ready.discard(later.by or "")
    called_by = start.by if start.by in partners else (partners[0] if partners else "")
    return BreakClock.resumed(clock, called_by, partners, minutes, start.at, ready)
