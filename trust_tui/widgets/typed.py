"""Showing what a partner typed: exactly as typed, never as markup.

Markup-like text (`[bold]`, `[/]`, `[@click=...]`) is plain text in a Content.
A control character (say a stray escape sequence) would reach the terminal raw
and could recolour or move things, so it shows as a visible mark instead.
"""

from __future__ import annotations

from textual.content import Content

REPLACEMENT = "\ufffd"


def typed(text: str) -> Content:
    return Content("".join(ch if ch in "\n\t" or ch.isprintable() else REPLACEMENT
                           for ch in text))
