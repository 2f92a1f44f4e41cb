"""Time left in large digits, with a caption in words (never colour alone).

The screen owning the clock computes the time (deadline - clock.monotonic())
and calls `show(...)`; this widget only draws it.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Digits, Static

from trust_tui.domain.turn_clock import mm_ss

TONES = ("", "near", "over", "held")


class ClockView(Vertical):
    DEFAULT_CSS = """
    ClockView {
        height: auto;
        & > Digits { width: 100%; text-align: center; }
        & > .clock-caption { width: 100%; text-align: center; color: $text-muted; }
        &.-near > Digits { color: $warning; }
        &.-over > Digits { color: $accent; }
        &.-held > Digits { color: $text-muted; }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._shown: tuple[str, str, str] | None = None

    def compose(self) -> ComposeResult:
        yield Digits("00:00")
        yield Static("", classes="clock-caption")

    def show(self, seconds: float, caption: str, tone: str = "") -> None:
        """Draw `seconds` (negative = overtime, shown with a +) and a caption."""
        text = mm_ss(seconds)
        if self._shown == (text, caption, tone):
            return  # redraw only what changed: the interval ticks four times a second
        self._shown = (text, caption, tone)
        self.query_one(Digits).update(text)
        self.query_one(".clock-caption", Static).update(Content(caption))
        for name in TONES[1:]:
            self.set_class(tone == name, f"-{name}")

    @property
    def text(self) -> str:
        return self._shown[0] if self._shown else ""

    @property
    def caption(self) -> str:
        return self._shown[1] if self._shown else ""
