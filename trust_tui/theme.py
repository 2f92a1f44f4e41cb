"""The app's own calm theme: muted colours, warm accents, never alarm-red."""

from __future__ import annotations

from textual.theme import Theme

CALM_THEME = Theme(
    name="trust-calm",
    primary="#7aa2c8",
    secondary="#9bbf9b",
    accent="#d9b27c",
    warning="#d9b27c",
    error="#d08770",
    success="#9bbf9b",
    foreground="#e6e1d8",
    background="#1f2327",
    surface="#272c31",
    panel="#313840",
    dark=True,
)
