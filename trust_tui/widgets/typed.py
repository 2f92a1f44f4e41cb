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
"""

from __future__ import annotations

import unicodedata

from textual.content import Content

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
