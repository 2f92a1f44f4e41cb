"""A breathing pacer: a shape that grows on the in-breath and shrinks on the out.

The frame is computed from the time since the pacer started (domain.breathing),
so slow frames skip ahead instead of slowing the breath down.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import lru_cache
from itertools import groupby

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
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
        self._looks: dict[Style, dict[str, Style]] = {}  # the gap's and ring's styles
        self._stale = True  # the next line drawn starts a new frame
        self.set_reactive(BreathingPacer.pattern_key, pattern(pattern_key).key)

    def on_mount(self) -> None:
        self.set_interval(1 / FRAMES_PER_SECOND, self._tick)

    def _tick(self) -> None:
        # Only a frame that looks different is drawn again (a held breath costs
        # nothing), and of it only the rows that changed: the label's row alone
        # when only the seconds count down.
        before_key, before = self._frame_key, self._frame
        if self._stale:
            self.refresh()  # a new pattern or size: every row, from a new frame
            return
        if self._key() == before_key:
            return
        after = self.frame()
        if before_key is None or _look(before_key) != _look(self._frame_key) \
                or len(before) != len(after):
            self.refresh()  # a new size or look: every row
            return
        width = self.size.width
        self.refresh(*(Region(0, y, width, 1)
                       for y, (was, now) in enumerate(zip(before, after)) if was != now))

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
            same_look = self._frame_key is not None and _look(self._frame_key) == _look(key)
            before = self._frame
            self._frame_key = key
            self._frame = [""] * top + shape(width, rows, fullness) + [label.center(width)]
            # A row that reads the same keeps its drawn line (same width and style).
            self._strips = {y: strip for y, strip in self._strips.items()
                            if same_look and y < len(before) and y < len(self._frame)
                            and before[y] == self._frame[y]}
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
        style = self._frame_key[4] if self._frame_key else self.rich_style
        looks = self._looks.get(style)
        if looks is None:  # rich_style walks the ancestors: once per look, not per line
            self._looks = {style: {"·": style + Style(dim=True), " ": style + Style(italic=True)}}
            looks = self._looks[style]
        # One segment per run of a kind (gap, ring, fill), each styled its own way:
        # the ring is quieter than the breath, and exported snapshots keep every
        # run in place (merged runs drift in some SVG viewers).
        segments = [Segment("".join(run), looks.get(char, style))
                    for char, run in groupby(text.ljust(width)[:width])]
        self._strips[y] = Strip(segments, width)
        return self._strips[y]


def _look(key: tuple | None) -> tuple | None:
    """What a frame's key says about every row at once: the size and the style."""
    return None if key is None else (key[0], key[1], key[4])


def shape(width: int, height: int, fullness: float) -> list[str]:
    """An ellipse filling the box to `fullness`, with a dotted ring at full size."""
    radius = SMALLEST + (1 - SMALLEST) * fullness
    return ["".join("█" if d <= radius else "·" if 0.93 <= d <= 1.05 else " " for d in row)
            for row in _distances(width, height)]


@lru_cache(maxsize=4)
def _distances(width: int, height: int) -> tuple[tuple[float, ...], ...]:
    """Each cell's distance from the centre, 1 at the ring: the same for every frame
    of a size, so a breath only compares numbers."""
    cx, cy = (width - 1) / 2, (height - 1) / 2
    # Terminal cells are about twice as tall as wide: halve the width's reach.
    rx, ry = max(1.0, min(width / 2, height)), max(1.0, height / 2)
    return tuple(tuple(math.hypot((x - cx) / rx, (y - cy) / ry) for x in range(width))
                 for y in range(height))
