"""What a partner's name may hold. A name is printed in every plain-text line
(`trust-tui journal`, `wins`, a refusal) and shown on every screen, so a line
break, a tab or a terminal control in it would make a line that looks like another
entry, or be left out of the screen while staying in the name."""

from __future__ import annotations

import unicodedata


def has_control(name: str) -> bool:
    """A control (C0, DEL, C1), a line or paragraph separator, a lone surrogate, or an
    invisible format character (a bidi override or mark, a zero-width space, a BOM):
    the screen leaves those out, so "Sam" and "Sam" with one in it would look the
    same and never match. The joiners (an emoji family, a Persian name) and an emoji
    flag's tags are fine."""
    return any(unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp")
               or (unicodedata.category(ch) == "Cf" and not _shapes_a_name(ch))
               for ch in name)


def _shapes_a_name(ch: str) -> bool:
    return ch in "\u200c\u200d" or "\U000e0020" <= ch <= "\U000e007f"


# "A name ..." in a sentence of the command line or the setup screen.
CONTROL_IN_NAME = ("cannot hold a line break, a tab, another control character or an "
                   "invisible one (such as a zero-width space)")
