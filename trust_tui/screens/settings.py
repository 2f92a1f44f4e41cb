"""Couple-wide settings: idle lock, default turn and break lengths."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.validation import Integer
from textual.widgets import Button, Input, Label


FIELDS = (
    ("idle_lock_minutes", "Lock by itself after this many idle minutes (1-240)", 1, 240),
    ("default_turn_minutes", "Default speaking turn, minutes (1-15)", 1, 15),
    ("default_break_minutes", "Default calm-down break, minutes (20-1440)", 20, 1440),
)


class SettingsModal(ModalScreen[bool]):
    BINDINGS = [("escape", "cancel", "Close"), ("ctrl+s", "save", "Save")]

    def compose(self) -> ComposeResult:
        settings = self.app.vault.settings
        with Vertical(id="settings-box"):
            yield Label("Settings", classes="section-title")
            for name, label, low, high in FIELDS:
                yield Label(label)
                yield Input(str(getattr(settings, name)), id=name, type="integer",
                            validators=[Integer(minimum=low, maximum=high)])
            yield Label("", id="settings-message", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Close", id="cancel")

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        values = {}
        for name, label, low, high in FIELDS:
            field = self.query_one(f"#{name}", Input)
            result = field.validate(field.value)
            if result is not None and not result.is_valid:
                self.query_one("#settings-message", Label).update(
                    f"{label.split(',')[0]}: please use a whole number from {low} to {high}.")
                field.focus()
                return
            values[name] = int(field.value)

        def change(vault):
            current = vault.settings
            vault.put(current.model_copy(update=values))

        self.app.save(change, done=lambda _: self.dismiss(True))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
