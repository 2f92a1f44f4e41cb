"""Couple-wide settings: idle lock, default turn and break lengths, the breath a
break starts with, and the bell when a break's time is up.

Every change applies at once: the app reads the settings each time it needs one
(the idle lock at each check, the talk's start form each time it is shown, a
break when it opens and when its time is up), never a copy from unlock.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.validation import Integer
from textual.widgets import Input, Label, Select, Static

from trust_tui.domain.breathing import PATTERN_ORDER, PATTERNS, pattern
from trust_tui.models import Settings
from trust_tui.screens.base import ask_then_save
from trust_tui.store import bind
from trust_tui.store.settings import change
from trust_tui.widgets.form_modal import FormModal, form_keys
from trust_tui.widgets.shell import Shell

FIELDS = (
    ("idle_lock_minutes", "Idle minutes, then it locks by itself (1-240)", 1, 240),
    ("default_turn_minutes", "Default speaking turn, minutes (1-15)", 1, 15),
    ("default_break_minutes", "Default calm-down break, minutes (20-1440)", 20, 1440),
)
BELL = (("Ring the bell", "on"), ("Stay quiet", "off"))


class SettingsModal(FormModal[dict[str, Any]]):
    """The numbers as typed, checked; the caller saves them (`store.settings.change`)."""

    BINDINGS = form_keys(cancel="Close")

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings

    def compose_form(self) -> ComposeResult:
        settings = self.settings
        with Vertical(id="settings-box", classes="form-box"):
            yield Label("Settings", classes="form-title")
            yield Static("A change is used at once, for both of you.", classes="form-lead")
            for name, label, low, high in FIELDS:
                with Horizontal(classes="settings-row"):
                    yield Label(label)
                    yield Input(str(getattr(settings, name)), id=name, type="integer",
                                compact=True, validators=[Integer(minimum=low, maximum=high)])
            with Horizontal(classes="settings-row"):
                yield Label("A break starts with")
                yield Select([(PATTERNS[key].name, key) for key in PATTERN_ORDER],
                             value=pattern(settings.breathing_pattern).key, allow_blank=False,
                             compact=True, id="breathing_pattern")
            with Horizontal(classes="settings-row"):
                yield Label("When a break's time is up")
                yield Select(BELL, value="on" if settings.break_bell else "off",
                             allow_blank=False, compact=True, id="break_bell")
            yield from self.form_foot(cancel_label="Close")

    def collect(self) -> dict[str, Any] | None:
        values: dict[str, Any] = {
            "breathing_pattern": self.value_of("#breathing_pattern"),
            "break_bell": self.value_of("#break_bell") == "on",
        }
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

    def form(values: dict[str, Any] | None) -> SettingsModal:
        settings = app.vault.settings
        return SettingsModal(settings if values is None else settings.model_copy(update=values))

    ask_then_save(app, form, lambda values: bind(change, values), lambda _values: "Saved.")
