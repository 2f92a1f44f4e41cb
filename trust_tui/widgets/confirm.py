"""One yes/no question, asked the same way everywhere.

`ConfirmModal(question, yes_label, no_label)` returns True for yes. `y` answers
yes, `n` or escape answers no; the "no" button has the focus, so an enter
pressed without reading never ends, stops or deletes anything.
The words are shown as typed (never markup): a question may carry a name.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from trust_tui.widgets.keys import keyed


def _words(text: str | Content) -> Content:
    return text if isinstance(text, Content) else Content(text)


class ConfirmModal(ModalScreen[bool]):
    """A deliberate choice: one question, y or n."""

    DEFAULT_CSS = """
    ConfirmModal {
        align: center middle;
        #confirm-box {
            width: 64;
            max-width: 100%;
            height: auto;
            max-height: 100%;
            border: round $primary;
            background: $surface;
            padding: 1 2;
        }
        #confirm-question {
            text-style: bold;
            height: auto;
        }
        #confirm-detail {
            color: $text-muted;
            height: auto;
            margin: 1 0 0 0;
        }
        #confirm-buttons {
            height: auto;
            margin: 1 0 0 0;
            & > Button { margin: 0 1 0 0; }
        }
    }
    """

    BINDINGS = keyed("confirm", [Binding("y", "answer(True)", "Yes"),
                Binding("n,escape", "answer(False)", "No")])

    AUTO_FOCUS = "#confirm-no"

    def __init__(self, question: str | Content, yes_label: str, no_label: str, *,
                 detail: str | Content = "", yes_variant: str = "primary") -> None:
        super().__init__()
        self.question = _words(question)
        self.detail = _words(detail)
        self.yes_label = yes_label
        self.no_label = no_label
        self.yes_variant = yes_variant

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(self.question, id="confirm-question")
            if self.detail:
                yield Static(self.detail, id="confirm-detail")
            with Horizontal(id="confirm-buttons"):
                # The key is part of the label, so the choice reads the same by key or mouse.
                yield Button(Content(f"y  {self.yes_label}"), id="confirm-yes",
                             variant=self.yes_variant)  # type: ignore[arg-type]
                yield Button(Content(f"n  {self.no_label}"), id="confirm-no")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")
