"""The celebration: a short burst of sparks for a reached goal."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Static

from trust_tui.screens.base import sheet
from trust_tui.widgets.typed import typed

SPARKS = "·✧✦★✦✧"
FRAMES = 18
FRAME_SECONDS = 0.08
WIDTH = 44


def sparkle_row(frame: int, width: int) -> str:
    """A row of sparks spreading out from the middle as the frames go by."""
    reach = min(frame * 2, width // 2)
    middle = width // 2
    row = [" "] * width
    for offset in range(0, reach + 1, 3):
        spark = SPARKS[(frame + offset) % len(SPARKS)]
        for x in (middle - offset, middle + offset):
            if 0 <= x < width:
                row[x] = spark
    return "".join(row)


class Celebration(ModalScreen[None]):
    """A short burst of sparks for a reached goal; any key goes back to the wall."""

    CSS_PATH = sheet("wins")

    def __init__(self, goal_text: str, target: str) -> None:
        super().__init__()
        self.goal_text = goal_text
        self.target_text = target
        self.frame = 0
        self._wins_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="celebration"):
            yield Static("", id="sparks-top", classes="sparks")
            yield Static("You reached a goal!", id="celebration-title")
            yield Static(typed(self.goal_text), id="celebration-goal")
            yield Static(f"{self.target_text}. Worth celebrating together.",
                         id="celebration-target")
            yield Static("", id="sparks-bottom", classes="sparks")
            yield Static("", id="celebration-hint")

    def on_mount(self) -> None:
        if self.app.animation_level == "none":
            self.frame = FRAMES
        else:
            self._wins_timer = self.set_interval(FRAME_SECONDS, self._next_frame)
        self._draw()

    def _next_frame(self) -> None:
        self.frame += 1
        self._draw()
        if self.frame >= FRAMES and self._wins_timer is not None:
            self._wins_timer.stop()

    def _draw(self) -> None:
        self.query_one("#sparks-top", Static).update(sparkle_row(self.frame, WIDTH))
        self.query_one("#sparks-bottom", Static).update(sparkle_row(self.frame + 3, WIDTH))
        if self.frame >= FRAMES:
            self.query_one("#celebration-hint", Static).update(
                "It is on the wall now. Press any key.")

    def on_key(self, event: events.Key) -> None:
        event.stop()
        self.dismiss(None)
