"""What a partner's name may hold. A name is printed in every plain-text line
(`trust-tui journal`, `wins`, a refusal) and shown on every screen, so a line
break, a tab or a terminal control in it would make a line that looks like another
entry, or be left out of the screen while staying in the name."""

from __future__ import annotations

import unicodedata


def has_control(name: str) -> bool:
    """A control (C0, DEL, C1), a line or paragraph separator, a lone surrogate or a
    bidi override; a joiner (as in an emoji family) is fine."""
    return any(unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp")
               or "\u202a" <= ch <= "\u202e" or "\u2066" <= ch <= "\u2069" for ch in name)


# "A name ..." in a sentence of the command line or the setup screen.
CONTROL_IN_NAME = "cannot hold a line break, a tab or another control character"
