"""Ask which of the two is doing something, every time it matters (a private entry
is sealed to its writer: a default would seal it to the wrong person).

`WhoIsModal(question, partners)` returns the chosen partner id, or None on escape.
Each partner answers with their own key (f for the first, j for the second) or a
button; nothing is chosen for them.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from trust_tui.widgets.keys import keyed

KEYS = ("f", "j")


class WhoIsModal(ModalScreen[str | None]):
    DEFAULT_CSS = """
    WhoIsModal {
        align: center middle;
        #who-box {
            width: 64;
            max-width: 100%;
            height: auto;
            border: round $primary;
            background: $surface;
            padding: 1 2;
        }
        #who-question { text-style: bold; height: auto; }
        #who-buttons {
            height: auto;
            margin: 1 0 0 0;
            & > Button { margin: 0 1 0 0; }
        }
    }
    """

    BINDINGS = keyed("who", [*[Binding(key, f"choose({index})", show=False) for index, key in enumerate(KEYS)],
                Binding("escape", "dismiss(None)", "Not now")])

    def __init__(self, question: str, partners: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self._who_question = question
        self._who_partners = list(partners)[:len(KEYS)]

    def compose(self) -> ComposeResult:
        with Vertical(id="who-box"):
            yield Static(Content(self._who_question), id="who-question")
            with Horizontal(id="who-buttons"):
                for index, (_pid, name) in enumerate(self._who_partners):
                    # Names are typed by the couple: Content, never markup.
                    yield Button(Content.assemble(Content(name), f" ({KEYS[index]})"),
                                 id=f"who-{index}")

    def action_choose(self, index: int) -> None:
        if index < len(self._who_partners):
            self.dismiss(self._who_partners[index][0])

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.action_choose(int((event.button.id or "who-0").removeprefix("who-")))
