"""A turn's clock: counts from a monotonic clock, pauses, and never cuts anyone off.

Elapsed time is `banked + (now - running_since)`: nothing is decremented on a
tick, so a slow redraw or a busy machine cannot make it drift. A clock can be
held for several reasons at once (the couple paused it, a break is on, the
screen is not showing); it runs again only when every hold is released, so
coming back from a break never undoes a pause the couple chose.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

# Warn near the end: the last 30 seconds, or the last quarter of a short turn.
WARN_SECONDS = 30.0


class ClockState(str, Enum):
    READY = "ready"  # not started yet
    RUNNING = "running"
    NEAR_END = "near_end"
    OVERTIME = "overtime"
    HELD = "held"  # paused, for any reason


class TurnClock:
    def __init__(self, now: Callable[[], float], seconds: float) -> None:
        if seconds <= 0:
            raise ValueError("A turn needs some time.")
        self._now = now
        self.seconds = float(seconds)
        self._banked = 0.0
        self._running_since: float | None = None
        self._started = False
        self._holds: set[str] = set()

    # --- running ------------------------------------------------------------

    def start(self) -> None:
        if self._started:
            return
        self._started = True
        if not self._holds:
            self._running_since = self._now()

    def stop(self) -> float:
        """Stop for good (the turn is over); returns the time spoken."""
        self.hold("stopped")
        return self.elapsed()

    def hold(self, reason: str) -> None:
        if self._running_since is not None:
            self._banked += self._now() - self._running_since
            self._running_since = None
        self._holds.add(reason)

    def release(self, reason: str) -> None:
        self._holds.discard(reason)
        if self._started and not self._holds and self._running_since is None:
            self._running_since = self._now()

    def reanchor(self, now: Callable[[], float]) -> None:
        """Count on from another monotonic clock (after a replay): the time so far
        is kept, and a running clock runs on from `now()`."""
        elapsed = self.elapsed()
        self._now = now
        if self._running_since is not None:
            self._banked, self._running_since = elapsed, now()

    def held_for(self, reason: str) -> bool:
        return reason in self._holds

    # --- reading --------------------------------------------------------------

    @property
    def started(self) -> bool:
        return self._started

    @property
    def running(self) -> bool:
        return self._running_since is not None

    def elapsed(self) -> float:
        if self._running_since is None:
            return self._banked
        return self._banked + max(0.0, self._now() - self._running_since)

    def remaining(self) -> float:
        """Seconds left; negative past the end (overtime)."""
        return self.seconds - self.elapsed()

    def overtime(self) -> float:
        return max(0.0, -self.remaining())

    @property
    def warn_at(self) -> float:
        return min(WARN_SECONDS, self.seconds / 4)

    def state(self) -> ClockState:
        if not self._started:
            return ClockState.READY
        if not self.running:
            return ClockState.HELD
        left = self.remaining()
        if left <= 0:
            return ClockState.OVERTIME
        if left <= self.warn_at:
            return ClockState.NEAR_END
        return ClockState.RUNNING


def mm_ss(seconds: float) -> str:
    """`02:05` for time left; `+00:42` for overtime. Whole seconds, rounded up
    while counting down so the display reaches 00:00 exactly at the end."""
    if seconds < 0:
        whole = int(-seconds)
        sign = "+"
    else:
        whole = int(seconds) + (0 if seconds == int(seconds) else 1)
        sign = ""
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes:02d}:{secs:02d}"
