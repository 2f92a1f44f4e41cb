"""Couple-wide settings: idle lock, default turn and break lengths, the break bell."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.validation import Integer
from textual.widgets import Checkbox, Input, Label

from trust_tui.models import Settings
from trust_tui.screens.base import ask_then_save
from trust_tui.store import bind
from trust_tui.store.settings import change
from trust_tui.widgets.form_modal import FormModal, form_keys
from trust_tui.widgets.shell import Shell

FIELDS = (
    ("idle_lock_minutes", "Lock by itself after this many idle minutes (1-240)", 1, 240),
    ("default_turn_minutes", "Default speaking turn, minutes (1-15)", 1, 15),
    ("default_break_minutes", "Default calm-down break, minutes (20-1440)", 20, 1440),
)
BELL_LABEL = "Ring the terminal bell when a break's time is up"

Values = dict[str, int | bool]


class SettingsModal(FormModal[Values]):
    """The numbers as typed, checked; the caller saves them (`store.settings.change`)."""

    BINDINGS = form_keys(cancel="Close")

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings

    def compose_form(self) -> ComposeResult:
        with Vertical(id="settings-box", classes="form-box"):
            yield Label("Settings", classes="form-title")
            for name, label, low, high in FIELDS:
                yield Label(label)
                yield Input(str(getattr(self.settings, name)), id=name, type="integer",
                            validators=[Integer(minimum=low, maximum=high)])
            yield Checkbox(BELL_LABEL, self.settings.break_bell, id="break_bell")
            yield from self.form_foot(cancel_label="Close")

    def collect(self) -> Values | None:
        values: Values = {"break_bell": self.query_one("#break_bell", Checkbox).value}
        for name, label, low, high in FIELDS:
            field = self.query_one(f"#{name}", Input)
            result = field.validate(field.value)
            if result is not None and not result.is_valid:
                self.say(f"{label.split(',')[0]}: please use a whole number from "
                         f"{low} to {high}.")
                field.focus()
                return None
            values[name] = int(field.value)
        return values


def ask_settings(app: Shell) -> None:
    """Open the settings; save what changed (`store.settings.change`). A change not
    saved opens the form again with the numbers as typed."""

    def form(values: Values | None) -> SettingsModal:
        settings = app.vault.settings
        return SettingsModal(settings if values is None else settings.model_copy(update=values))

    ask_then_save(app, form, lambda values: bind(change, values), lambda _values: "Saved.")
