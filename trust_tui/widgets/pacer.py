"""A breathing pacer: a shape that grows on the in-breath and shrinks on the out.

The frame is computed from the time since the pacer started (domain.breathing),
so slow frames skip ahead instead of slowing the breath down.
"""

from __future__ import annotations

import math
from itertools import groupby
from collections.abc import Callable

from rich.segment import Segment
from rich.style import Style
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from trust_tui.domain.breathing import Breath, breath_at, pattern

FRAMES_PER_SECOND = 8
# The shape is drawn at this many sizes (about a size per two columns at its widest),
# and a frame that looks the same as the last is never drawn again: a held breath
# costs nothing, a moving one a few frames a second (bench/bench_idle_cpu.py).
SIZES = 12
SMALLEST = 0.2
MAX_ROWS = 21  # beyond this the shape only gets louder, not calmer  # the shape never vanishes: the eye has something to follow


class BreathingPacer(Widget):
    DEFAULT_CSS = """
    BreathingPacer {
        width: 1fr;
        height: 1fr;
        min-height: 5;
        color: $secondary;
    }
    """

    pattern_key: reactive[str] = reactive("slow")

    def __init__(self, now: Callable[[], float], pattern_key: str = "slow", *,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._now = now
        self._started = now()
        self._frame_key: tuple | None = None
        self._frame: list[str] = []
        self._strips: dict[int, Strip] = {}  # drawn lines of the current frame
        self._stale = True  # the next line drawn starts a new frame
        self.set_reactive(BreathingPacer.pattern_key, pattern(pattern_key).key)

    def on_mount(self) -> None:
        self.set_interval(1 / FRAMES_PER_SECOND, self._tick)

    def _tick(self) -> None:
        # Only a frame that looks different is drawn again (a held breath costs nothing).
        if self._key() != self._frame_key:
            self._stale = True
            self.refresh()

    def on_resize(self) -> None:
        self._stale = True

    def _key(self) -> tuple:
        breath = self.breath()
        label = f"{breath.label}  {math.ceil(breath.seconds_left)}"
        # The style too: a new theme redraws the shape in its colours.
        return (self.size.width, self.size.height, round(breath.fullness * SIZES) / SIZES,
                label, self.rich_style)

    def watch_pattern_key(self) -> None:
        self._started = self._now()  # a new pattern starts on an in-breath
        self._stale = True

    def breath(self) -> Breath:
        return breath_at(pattern(self.pattern_key), self._now() - self._started)

    def frame(self) -> list[str]:
        """The rows to draw now: the shape, centred, with the breath's label below."""
        key = self._key()
        width, height, fullness, label, _style = key
        if key != self._frame_key:  # one frame serves every line of a redraw
            rows = max(1, min(MAX_ROWS, height - 1))
            top = (height - rows - 1) // 2
            self._frame_key = key
            self._frame = [""] * top + shape(width, rows, fullness) + [label.center(width)]
            self._strips = {}
        return self._frame

    def render_line(self, y: int) -> Strip:
        # Drawn line by line: a text renderer would trim the shape's leading spaces.
        if self._stale or not self._frame:  # once per frame, not once per line
            self._stale = False
            self.frame()
        drawn = self._strips.get(y)
        if drawn is not None:
            return drawn
        frame = self._frame
        text = frame[y] if y < len(frame) else ""
        width = self.size.width
        style = self.rich_style
        looks = {"·": style + Style(dim=True), " ": style + Style(italic=True)}
        # One segment per run of a kind (gap, ring, fill), each styled its own way:
        # the ring is quieter than the breath, and exported snapshots keep every
        # run in place (merged runs drift in some SVG viewers).
        segments = [Segment("".join(run), looks.get(char, style))
                    for char, run in groupby(text.ljust(width)[:width])]
        self._strips[y] = Strip(segments, width)
        return self._strips[y]


def shape(width: int, height: int, fullness: float) -> list[str]:
    """An ellipse filling the box to `fullness`, with a dotted ring at full size."""
    radius = SMALLEST + (1 - SMALLEST) * fullness
    cx, cy = (width - 1) / 2, (height - 1) / 2
    # Terminal cells are about twice as tall as wide: halve the width's reach.
    rx, ry = max(1.0, min(width / 2, height)), max(1.0, height / 2)
    rows = []
    for y in range(height):
        row = []
        for x in range(width):
            d = math.hypot((x - cx) / rx, (y - cy) / ry)
            if d <= radius:
                row.append("█")
            elif 0.93 <= d <= 1.05:
                row.append("·")
            else:
                row.append(" ")
        rows.append("".join(row))
    return rows
