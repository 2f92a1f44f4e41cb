"""A live session as a sequence of events: talks, a ritual's floor, breaks.

Every move either partner makes is one `LiveEvent` (models.py), appended in
order and saved at once. The state (whose turn, phase, prompt, feeling, time
left, a break under way) is never stored on its own: it is what replaying the
events gives, so a lock, a closed terminal or a crash cannot leave it half-kept.

Time: each event holds the wall clock. A running turn or break is a deadline on
that clock; while the app runs, time left is shown from the monotonic clock
(re-anchored at replay), so a restart is right to the second and a paused turn
does not count down.
"""

from __future__ import annotations

from datetime import datetime

from trust_tui.models import LiveEvent

# The kinds of event (stored: never rename one).
START = "start"  # by: the partner on the left (the other sits right)
FEELING = "feeling"  # text: the word, number: intensity (optional)
SPEAK = "speak"  # the speaker starts; the turn clock runs
PROMPT = "prompt"  # the speaker asked for another prompt
HAND_OVER = "hand over"  # the speaker is done (or hands over early)
SAID_BACK = "said back"  # the listener said back what they heard; text: their line
CONFIRMED = "confirmed"  # "that's it": the floor passes
TRY_AGAIN = "try again"
QUESTION = "question"  # after a confirmed say-back, the listener asks one question
NO_QUESTION = "no question"
PAUSE = "pause"
GO_ON = "go on"
AWAY = "away"  # the talk is off screen (locked, another screen): its clock waits
BACK = "back"
NOTE = "note"  # text, by: whose key opened the box
REPAIR = "repair"  # a repair phrase one of them reached for (domain/repair.py); text, by
BREAK_ASKED = "break asked"  # by: who asked; number: minutes
BREAK_LENGTH = "break length"  # number: minutes
BREAK_READY = "break ready"  # by
BREAK_NOT_READY = "break not ready"  # by
BREAK_BACK = "break back"  # both are back
END = "end"

# The floor's own moves (domain/floor.py replays them); the rest are a break's or
# notes around it.
FLOOR_MOVES = frozenset({FEELING, SPEAK, PROMPT, HAND_OVER, SAID_BACK, CONFIRMED, TRY_AGAIN,
                         QUESTION, NO_QUESTION, PAUSE, GO_ON, AWAY, BACK, END})

# A session untouched this long is offered to continue or to end.
STALE_SECONDS = 24 * 60 * 60


def event(kind: str, at: datetime, by: str | None = None, text: str | None = None,
          number: float | None = None) -> LiveEvent:
    return LiveEvent(kind=kind, at=at, by=by, text=text, number=number)


def seconds_between(earlier: datetime, later: datetime) -> float:
    """Wall seconds from one event to another, never negative (a clock set back)."""
    return max(0.0, (later - earlier).total_seconds())


def last_at(events: list[LiveEvent]) -> datetime | None:
    """When the newest move was made (None: none yet)."""
    return events[-1].at if events else None


def is_stale(events: list[LiveEvent], now: datetime) -> bool:
    """Untouched for STALE_SECONDS: offered to continue or to end."""
    last = last_at(events)
    return last is not None and (now - last).total_seconds() >= STALE_SECONDS


class ReplayClock:
    """A clock for replaying events: its wall time is the event's, and its
    monotonic time adds up the wall seconds between events, never going back
    (a wall clock set back between two events counts as no time)."""

    def __init__(self, start: datetime) -> None:
        self._at = start
        self._mono = 0.0

    def now(self) -> datetime:
        return self._at

    def monotonic(self) -> float:
        return self._mono

    def step_to(self, at: datetime) -> None:
        self._mono += seconds_between(self._at, at)
        self._at = at
