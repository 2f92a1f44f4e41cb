"""Couple-wide settings: idle lock, default turn and break lengths."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.validation import Integer
from textual.widgets import Input, Label

from trust_tui.models import Settings
from trust_tui.widgets.form_modal import FormModal

FIELDS = (
    ("idle_lock_minutes", "Lock by itself after this many idle minutes (1-240)", 1, 240),
    ("default_turn_minutes", "Default speaking turn, minutes (1-15)", 1, 15),
    ("default_break_minutes", "Default calm-down break, minutes (20-1440)", 20, 1440),
)


class SettingsModal(FormModal[dict[str, int]]):
    """The numbers as typed, checked; the caller saves them (`store.settings.change`)."""

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
            yield from self.form_foot(cancel_label="Close")

    def collect(self) -> dict[str, int] | None:
        values = {}
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
