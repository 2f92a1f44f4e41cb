"""A calm-down break: how long, when to come back, and both partners ready to end.

A body flooded with stress needs about twenty minutes to settle, so a break is
at least that long and at most a day. Whoever calls it names the length, which
fixes the time to come back. Ending it needs both partners to say they are
ready, whether the time is up or not: nobody is pulled back before they are
steady, and nobody is left waiting alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from trust_tui.domain import live
from trust_tui.domain.clock import Clock
from trust_tui.models import BreakTaken, LiveEvent

MIN_MINUTES = 20
MAX_MINUTES = 24 * 60
DEFAULT_MINUTES = 20

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


# --- a break under way, replayed from a session's events ------------------------------
# (A minimal version of what helper "breaks" writes; theirs replaces it.)

def open_break(clock: Clock, partners: tuple[str, ...],
               events: Sequence[LiveEvent]) -> BreakClock | None:
    """The break under way in these events (the last BREAK_ASKED with no BREAK_BACK
    after it), with its length, who is ready, and its time left from the wall clock,
    re-anchored on `clock`'s monotonic clock. None when no break is open."""
    asked = next((i for i in range(len(events) - 1, -1, -1)
                  if events[i].kind in (live.BREAK_ASKED, live.BREAK_BACK)), None)
    if asked is None or events[asked].kind != live.BREAK_ASKED:
        return None
    first = events[asked]
    brk = BreakClock(clock, first.by or partners[0], partners,
                     minutes=int(first.number or DEFAULT_MINUTES))
    for moved in events[asked + 1:]:
        if moved.kind == live.BREAK_LENGTH and moved.number is not None:
            brk.set_minutes(int(moved.number))
        elif moved.kind == live.BREAK_READY and moved.by in partners:
            brk.ready.add(moved.by)
        elif moved.kind == live.BREAK_NOT_READY:
            brk.ready.discard(moved.by or "")
    brk.called_at = first.at
    brk.started_mono = clock.monotonic() - live.seconds_between(first.at, clock.now())
    return brk
