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
        self.set_reactive(BreathingPacer.pattern_key, pattern(pattern_key).key)

    def on_mount(self) -> None:
        self.set_interval(1 / FRAMES_PER_SECOND, self.refresh)

    def watch_pattern_key(self) -> None:
        self._started = self._now()  # a new pattern starts on an in-breath

    def breath(self) -> Breath:
        return breath_at(pattern(self.pattern_key), self._now() - self._started)

    def frame(self) -> list[str]:
        """The rows to draw now: the shape, centred, with the breath's label below."""
        breath = self.breath()
        width, height = self.size.width, self.size.height
        rows = max(1, min(MAX_ROWS, height - 1))
        label = f"{breath.label}  {math.ceil(breath.seconds_left)}"
        key = (width, height, round(breath.fullness, 2), label)
        if key != self._frame_key:  # one frame serves every line of a redraw
            top = (height - rows - 1) // 2
            self._frame_key = key
            self._frame = [""] * top + shape(width, rows, key[2]) + [label.center(width)]
        return self._frame

    def render_line(self, y: int) -> Strip:
        # Drawn line by line: a text renderer would trim the shape's leading spaces.
        frame = self.frame()
        text = frame[y] if y < len(frame) else ""
        width = self.size.width
        style = self.rich_style
        looks = {"·": style + Style(dim=True), " ": style + Style(italic=True)}
        # One segment per run of a kind (gap, ring, fill), each styled its own way:
        # the ring is quieter than the breath, and exported snapshots keep every
        # run in place (merged runs drift in some SVG viewers).
        segments = [Segment("".join(run), looks.get(char, style))
                    for char, run in groupby(text.ljust(width)[:width])]
        return Strip(segments, width)


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
