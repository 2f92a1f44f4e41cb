"""A gentle strength hint for a passphrase (a hint, never a gate past the minimum)."""

from __future__ import annotations


def strength_hint(passphrase: str) -> str:
    length = len(passphrase)
    words = len([w for w in passphrase.split() if w])
    kinds = sum([any(c.islower() for c in passphrase), any(c.isupper() for c in passphrase),
                 any(c.isdigit() for c in passphrase),
                 any(not c.isalnum() for c in passphrase)])
    if length < 8:
        return f"{8 - length} more characters to go."
    if length >= 20 or words >= 4:
        return "Strong: a long passphrase is the best kind."
    if length >= 12 and kinds >= 2:
        return "Good. A few more words would make it stronger still."
    return "Fair. A short sentence only you would think of is stronger."
