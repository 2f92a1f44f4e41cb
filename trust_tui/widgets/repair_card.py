"""One partner's card of repair phrases, brought up with their own key mid-talk
(a on the left, ; on the right). A number says which one they reach for (it is
noted in the talk's history); escape puts the card away. Nothing is scored."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from trust_tui.domain.repair import numbered
from trust_tui.widgets.keys import keyed


class RepairCard(ModalScreen[str | None]):
    DEFAULT_CSS = """
    RepairCard {
        align: center middle;
        #repair-box {
            width: 72;
            max-width: 100%;
            height: auto;
            max-height: 100%;
            border: round $primary;
            background: $surface;
            padding: 0 2;
        }
        #repair-title { text-style: bold; margin: 0 0 1 0; }
        #repair-foot { color: $text-muted; margin: 1 0 0 0; }
    }
    """

    BINDINGS = keyed("repair", [*[Binding(str(n), f"use({n})", show=False) for n in range(1, 10)],
                Binding("escape", "dismiss(None)", "Put it away")])

    def __init__(self, name: str) -> None:
        super().__init__()
        self._repair_name = name

    def compose(self) -> ComposeResult:
        lines: list[Content] = []
        group_title = None
        for number, group, phrase in numbered():
            if group.title != group_title:
                group_title = group.title
                lines.append(Content.styled(group.title, "bold"))
            lines.append(Content(f"  {number}  {phrase}"))
        with Vertical(id="repair-box"):
            # The name is typed by the couple: Content, never markup.
            yield Static(Content.assemble(Content(self._repair_name),
                                          ": words to reach for"), id="repair-title")
            yield Static(Content("\n").join(lines), id="repair-list")
            yield Static("A number says it is the one you used (it is noted with the "
                         "talk); say it in your own words. escape puts the card away.",
                         id="repair-foot")

    def action_use(self, number: int) -> None:
        for n, _group, phrase in numbered():
            if n == number:
                self.dismiss(phrase)
                return
