"""A partner's own box on the shared screen: two people, one keyboard.

Both partners type at one keyboard, so a box must never hold the keys by
accident. A `SeatBox`:

- opens only when asked: its partner's own key (the screen calls `open`), or a
  click on it; nothing else focuses it (not Tab, not a new step, not a mount);
- says whose it is while open ("Jo is typing: Enter keeps it, Esc closes it"), on
  the line given as `says` (else on its own top edge), names shown as typed;
- gives every key back at once on Enter or Esc: the focus leaves the box, so the
  next f, j or b acts and is never typed. Esc keeps the half-typed words in the
  box, and opening it again carries on after them;
- remembers `opened_by`, the partner whose key opened it: a note is filed under them.

Function and ctrl keys (f2, ctrl+l, ctrl+q) are the app's priority bindings, so
they act from inside an open box too.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.dom import NoScreen
from textual.screen import Screen
from textual.widgets import Static

from trust_tui.widgets.keys import keyed
from trust_tui.widgets.limits import LimitedInput
from trust_tui.widgets.typed import typed

KEEPS = "Enter keeps it"


def says_words(name: str, enter: str = KEEPS) -> Content:
    """The line under an open box: whose it is and how to give the keys back."""
    who = f"{name} is typing" if name else "Typing"
    return typed(f"{who}: {enter}, Esc closes it")


class SeatBox(LimitedInput):
    """A one-line box that belongs to one partner (see the module's note)."""

    BINDINGS = keyed("box", [Binding("escape", "close_box", "Close the box", show=False)])

    can_focus = False  # opened on purpose only (see `open`)

    def __init__(self, value: str | None = None, *, limit: int, noun: str,
                 enter: str = KEEPS, **kwargs: Any) -> None:
        kwargs.setdefault("select_on_focus", False)  # opening again never selects the words
        super().__init__(value, limit=limit, noun=noun, **kwargs)
        self.owner_id: str | None = None
        self.owner_name = ""
        self.opened_by: str | None = None
        self.opened_name = ""
        self.says: Static | None = None
        self.enter_words = enter
        # The box Tab moves to, for the same partner (a feeling word, then how strong).
        self.then: SeatBox | None = None

    # --- whose it is ------------------------------------------------------------------

    def seat(self, owner_id: str | None, name: str) -> None:
        """The partner this box belongs to (opened by a click on it)."""
        self.owner_id, self.owner_name = owner_id, name

    @property
    def is_open(self) -> bool:
        return self.has_class("-seat-open")

    def open(self, by: str | None = None, name: str | None = None) -> None:
        """Open for a partner (their own key pressed): the keys are theirs until
        Enter or Esc. `by` and `name` default to the box's own partner."""
        if not self.display or self.disabled:
            return
        self.opened_by = self.owner_id if by is None else by
        self.opened_name = self.owner_name if name is None else name
        self.add_class("-seat-open")
        self.can_focus = True
        self._say(says_words(self.opened_name, self.enter_words))
        self.screen.set_focus(self)
        self.cursor_position = len(self.value)

    def close(self) -> None:
        """Give every key back (the words stay in the box)."""
        self.can_focus = False
        self.remove_class("-seat-open")
        self._say(None)
        screen = self._seat_screen()
        if screen is not None and screen.focused is self:
            screen.set_focus(None)

    def _seat_screen(self) -> Screen | None:
        try:
            return self.screen
        except NoScreen:  # already gone with its screen
            return None

    def _say(self, words: Content | None) -> None:
        if self.says is not None:
            self.says.update(words or "")
            self.says.display = words is not None
        else:
            self.border_title = words

    # --- keys and clicks --------------------------------------------------------------

    async def action_submit(self) -> None:
        await super().action_submit()  # the screen hears the words first
        self.close()

    def action_close_box(self) -> None:
        self.close()

    def key_tab(self, event: events.Key) -> None:
        if self.then is not None and self.then.display:
            event.stop()
            event.prevent_default()
            by, name = self.opened_by, self.opened_name
            self.close()
            self.then.open(by, name)

    def on_mount(self) -> None:
        super().on_mount()
        self.app.screen_change_signal.subscribe(self, self._screen_changed)

    def _screen_changed(self, screen: object) -> None:
        # A break, a question or a lock on top: back here, nobody is mid-typing, so
        # the box is closed (its words kept) and the keys are keys again.
        if self.is_open and screen is not self._seat_screen():
            self.close()

    def _on_blur(self, event: events.Blur) -> None:
        super()._on_blur(event)
        # The focus went elsewhere (a click, a form): the box is closed, not left open.
        here = self._seat_screen()
        if self.is_open and (here is None or here.focused is not self):
            self.close()

    async def _on_mouse_down(self, event: events.MouseDown) -> None:
        if not self.is_open:
            self.open()  # a click opens it for its own partner
        await super()._on_mouse_down(event)
