"""Injected time. Durations come from a monotonic clock (a changed wall clock or
a suspended laptop cannot corrupt them); the wall clock is only for dates shown
to people and stored with records."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta, timezone
from typing import Protocol


def local_day(moment: datetime) -> date:
    """The calendar day a stored (UTC) moment falls on where the couple is."""
    return moment.astimezone().date()


class Clock(Protocol):
    def monotonic(self) -> float: ...

    def now(self) -> datetime: ...


class SystemClock:
    def monotonic(self) -> float:
        # CLOCK_BOOTTIME counts a suspend too, so a break shows the true time left
        # after the laptop slept; plain monotonic elsewhere.
        boottime = getattr(time, "CLOCK_BOOTTIME", None)
        if boottime is not None:
            return time.clock_gettime(boottime)
        return time.monotonic()

    def now(self) -> datetime:
        return datetime.now(timezone.utc)


class FakeClock:
    """A clock tests move by hand: `advance(1200)` is a 20-minute break, instantly."""

    def __init__(self, wall: datetime | None = None, mono: float = 1000.0) -> None:
        self._wall = wall or datetime(2026, 3, 2, 18, 0, tzinfo=timezone.utc)
        self._mono = mono

    def monotonic(self) -> float:
        return self._mono

    def now(self) -> datetime:
        return self._wall

    def advance(self, seconds: float) -> None:
        self._mono += seconds
        self._wall += timedelta(seconds=seconds)

    def set_wall(self, wall: datetime) -> None:
        """Move only the wall clock (as a user changing the time would)."""
        self._wall = wall
