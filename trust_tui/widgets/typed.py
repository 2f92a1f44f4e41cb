"""Showing what a partner typed: exactly as typed, never as markup.

Markup-like text (`[bold]`, `[/]`, `[@click=...]`) is plain text in a Content.
Only what a terminal would act on, or draw at a width Textual cannot know, is
changed, and only on screen (the vault keeps every character):
- a control character (a stray escape sequence, a bell, a NUL) would reach the
  terminal raw and could recolour or move things: it shows as a visible mark;
- a carriage return or a Unicode line or paragraph separator is a line break;
- invisible format characters (the joiner inside 👩‍❤️‍👨, a soft hyphen, a
  right-to-left mark or override that could reorder the line) are left out, so
  the line lays out the same in every terminal and nothing is reordered.
Everything else stays: any language, spaces of every kind (a no-break space, the
ideographic space), private-use symbols, and emoji newer than Python's tables.

Widgets that hold words for editing (a TextArea, an Input) draw them raw, so the
app also runs every painted line through `NoTerminalControls`: the last guard
before the terminal.
"""

from __future__ import annotations

import re
import unicodedata

from rich.segment import Segment
from textual.color import Color
from textual.content import Content
from textual.filter import LineFilter

REPLACEMENT = "\ufffd"
_LINE_BREAKS = {"\r", "\u2028", "\u2029"}


def _shown(ch: str) -> str:
    if ch in "\n\t" or ch.isprintable():
        return ch
    if ch in _LINE_BREAKS:
        return "\n"
    category = unicodedata.category(ch)
    if category == "Cf":
        return ""
    if category in ("Zs", "Co", "Cn"):
        return ch  # a space, a private-use symbol, or a character newer than our tables
    return REPLACEMENT  # Cc (controls) and Cs (lone surrogates)


def shown_text(text: str) -> str:
    """The characters a screen shows for `text` (see the module's note)."""
    return "".join(map(_shown, text.replace("\r\n", "\n")))


def typed(text: str) -> Content:
    return Content(shown_text(text))


# C0 and C1 controls, DEL, and the bidi embeddings, overrides and isolates. All of
# them take no cells in Textual's layout, so leaving them out changes no width.
_TERMINAL_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


class NoTerminalControls(LineFilter):
    """Leaves control characters out of every painted line.

    An escape sequence pasted into an entry (or piped in with `trust-tui add`)
    would otherwise reach the terminal from an editor showing it, where it could
    recolour the screen, retitle the window or write to the clipboard.
    """

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if not any(_TERMINAL_CONTROLS.search(text) for text, _, control in segments
                   if not control):
            return segments
        return [segment if segment.control else
                Segment(_TERMINAL_CONTROLS.sub("", segment.text), segment.style)
                for segment in segments]


NO_TERMINAL_CONTROLS = NoTerminalControls()
