"""The app's own themes: the calm default (muted colours, warm accents, never
alarm-red) and a high-contrast one for low vision. Registered with the app
(`register_theme`); TEXTUAL_THEME picks one at start, and the couple's choice
(ctrl+p, Theme) is kept in their settings."""

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

# For low vision: near-black and near-white, bright accents; meaning never by colour
# alone anyway (every state is also said in words or shapes).
HIGH_CONTRAST_THEME = Theme(
    name="trust-high-contrast",
    primary="#ffd75f",
    secondary="#5fd7ff",
    accent="#ffaf00",
    warning="#ffaf00",
    error="#ff8787",
    success="#87ff87",
    foreground="#ffffff",
    background="#000000",
    surface="#0a0a0a",
    panel="#1c1c1c",
    dark=True,
)

THEMES: tuple[Theme, ...] = (CALM_THEME, HIGH_CONTRAST_THEME)


def starting_theme(environ: dict[str, str] | None = None) -> str:
    """TEXTUAL_THEME when it names a theme there is (ours or Textual's), else calm."""
    import os

    from textual.theme import BUILTIN_THEMES

    wanted = (os.environ if environ is None else environ).get("TEXTUAL_THEME", "")
    known = {*BUILTIN_THEMES, *(t.name for t in THEMES)}
    return wanted if wanted in known else CALM_THEME.name
