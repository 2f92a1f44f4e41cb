"""One partner's half of the talk screen: name, role in words, feeling, what to
do now, and the keys on their side of the keyboard.

The screen decides everything; the pane only shows it (`show(...)`). The role
is spelled out ("HAS THE FLOOR" / "LISTENING") and the speaker's pane gets a
heavier border, so nobody needs to tell colours apart.

The pane's boxes (the line said back, the own feeling word and how strong) are
this partner's seat boxes (widgets/seat_box.py): they open only with this
partner's own key or a click, and the line under them says whose they are.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from trust_tui.widgets.feeling_picker import FeelingPicker
from trust_tui.widgets.seat_box import SeatBox
from trust_tui.widgets.typed import typed

SPEAKER = "HAS THE FLOOR"
LISTENER = "LISTENING"
ELSEWHERE = "In their own window: their moves show here as they make them."


@dataclass(frozen=True)
class PaneView:
    role: str  # SPEAKER or LISTENER
    feeling: str  # e.g. "Feeling: hurt (7 of 10)"
    task: str  # what this partner does now
    keys: tuple[tuple[str, str], ...]  # (key, what it does) on this partner's side
    show_picker: bool = False
    show_summary: bool = False
    elsewhere: bool = False  # this partner sits at another app: their keys are there


class PartnerPane(VerticalScroll):
    DEFAULT_CSS = """
    PartnerPane {
        width: 1fr;
        height: 1fr;
        border: round $panel-lighten-2;
        border-title-style: bold;
        padding: 0 1;
        scrollbar-size-vertical: 1;
        &.-speaker {
            border: heavy $primary;
            border-title-color: $primary;
        }
        & > .pane-role { text-style: bold; }
        &.-speaker > .pane-role { color: $primary; }
        & > .pane-keys { margin: 1 0 0 0; }
        & > .pane-feeling { margin: 1 0 0 0; }
        & > .pane-task { margin: 1 0 0 0; color: $text-muted; }
        & > FeelingPicker, & > .pane-summary { margin: 1 0 0 0; }
        & > .pane-says { text-style: bold; }
    }
    """

    def __init__(self, side: str, name: str, *, id: str | None = None) -> None:
        super().__init__(id=id, classes=f"-{side}")
        self.side = side
        self.partner_name = name
        self.border_title = typed(name)
        self.view: PaneView | None = None

    def compose(self) -> ComposeResult:
        yield Static("", classes="pane-role")
        yield Static("", classes="pane-keys")
        yield Static("", classes="pane-feeling")
        yield FeelingPicker(seated=True, classes="pane-picker")
        yield SeatBox(placeholder="What you heard, in a line (optional)", limit=500,
                      refuse=True, noun="a line said back", classes="pane-summary")
        yield Static("", classes="pane-says")
        yield Static("", classes="pane-task")

    def on_mount(self) -> None:
        self.picker.display = False
        self.summary_input.display = False
        says = self.query_one(".pane-says", Static)
        says.display = False
        self.summary_input.says = says
        self.picker.says_on(says)

    def seat(self, owner_id: str, name: str) -> None:
        """Whose pane it is: its boxes open for this partner."""
        self.partner_name = name
        self.border_title = typed(name)
        self.summary_input.seat(owner_id, name)
        self.picker.seat(owner_id, name)

    @property
    def picker(self) -> FeelingPicker:
        return self.query_one(FeelingPicker)

    @property
    def summary_input(self) -> SeatBox:
        return self.query_one(".pane-summary", SeatBox)

    def open_summary(self, *, says_back: bool) -> None:
        """Open this partner's line box (Enter says it back, or keeps a jot)."""
        box = self.summary_input
        box.enter_words = "Enter says it back" if says_back else "Enter keeps it"
        box.open()

    def show(self, view: PaneView) -> None:
        if view == self.view:
            return
        self.view = view
        self.set_class(view.role == SPEAKER, "-speaker")
        self.set_class(view.show_picker, "-picking")
        self.border_subtitle = view.role.lower()
        self.query_one(".pane-role", Static).update(typed(view.role))
        keys = Content("\n").join(
            Content.assemble((f" {key} ", "reverse"), f" {what}") for key, what in view.keys
        ) if view.keys else typed(ELSEWHERE if view.elsewhere
                                  else "Your keys wake up when it is your move.")
        self.query_one(".pane-keys", Static).update(keys)
        self.query_one(".pane-feeling", Static).update(typed(view.feeling))
        self.query_one(".pane-task", Static).update(typed(view.task))
        if not view.show_picker:
            self.picker.close_boxes()
        if not view.show_summary and self.summary_input.is_open:
            self.summary_input.close()
        self.picker.display = view.show_picker
        self.summary_input.display = view.show_summary
