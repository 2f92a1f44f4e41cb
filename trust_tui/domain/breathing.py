"""Breathing pacers for a calm-down break: which phase a breath is in at time t.

Pure: the pacer widget asks `breath_at(pattern, seconds_since_start)` on every
redraw, so the animation follows the clock and never drifts with slow frames.
`fullness` is how full the lungs are (0 empty .. 1 full): the widget draws a
shape of that size, expanding on the way in and contracting on the way out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Phase:
    label: str  # what the person does now, e.g. "Breathe in"
    seconds: float
    start: float  # fullness at the start of the phase
    end: float  # fullness at the end


@dataclass(frozen=True)
class Pattern:
    key: str
    name: str
    hint: str  # one line on how it goes
    phases: tuple[Phase, ...]

    @property
    def cycle_seconds(self) -> float:
        return sum(p.seconds for p in self.phases)


@dataclass(frozen=True)
class Breath:
    phase_index: int
    label: str
    fraction: float  # 0..1 through the current phase
    fullness: float  # 0..1, eased so the shape moves like a breath
    seconds_left: float  # in the current phase


def _in(seconds: float, start: float = 0.0, end: float = 1.0) -> Phase:
    return Phase("Breathe in", seconds, start, end)


def _out(seconds: float, start: float = 1.0, end: float = 0.0) -> Phase:
    return Phase("Breathe out", seconds, start, end)


def _hold(seconds: float, level: float) -> Phase:
    return Phase("Hold", seconds, level, level)


PATTERNS: dict[str, Pattern] = {
    p.key: p
    for p in (
        Pattern("slow", "Slow breathing", "In for 4, out for 6",
                (_in(4), _out(6))),
        Pattern("box", "Box breathing", "In 4, hold 4, out 4, hold 4",
                (_in(4), _hold(4, 1.0), _out(4), _hold(4, 0.0))),
        Pattern("478", "4-7-8", "In 4, hold 7, out slowly for 8",
                (_in(4), _hold(7, 1.0), _out(8))),
        Pattern("sigh", "Double sigh", "Two breaths in through the nose, one long sigh out",
                (_in(2, 0.0, 0.7), Phase("A little more in", 1, 0.7, 1.0), _out(6),
                 _hold(1, 0.0))),
    )
}
PATTERN_ORDER: tuple[str, ...] = tuple(PATTERNS)
DEFAULT_PATTERN = "slow"


def pattern(key: str) -> Pattern:
    """The pattern with this key; the default one for a key we do not know."""
    return PATTERNS.get(key, PATTERNS[DEFAULT_PATTERN])


def next_pattern(key: str) -> str:
    order = PATTERN_ORDER
    index = order.index(key) if key in order else -1
    return order[(index + 1) % len(order)]


def _ease(x: float) -> float:
    # A breath speeds up in the middle and slows at both ends.
    return 0.5 - 0.5 * math.cos(math.pi * x)


def breath_at(pattern: Pattern, t: float) -> Breath:
    """Where in the breath cycle we are `t` seconds after the pacer started."""
    t = max(0.0, t) % pattern.cycle_seconds
    for index, phase in enumerate(pattern.phases):
        if t < phase.seconds:
            fraction = t / phase.seconds
            fullness = phase.start + (phase.end - phase.start) * _ease(fraction)
            return Breath(index, phase.label, fraction, fullness, phase.seconds - t)
        t -= phase.seconds
    last = pattern.phases[-1]  # only reached through float rounding at the cycle end
    return Breath(len(pattern.phases) - 1, last.label, 1.0, last.end, 0.0)
