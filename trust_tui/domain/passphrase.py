"""A gentle strength hint for a passphrase (a hint, never a gate past the minimum).

The estimate is zxcvbn's (a maintained estimator that knows repeats, sequences,
keyboard walks and common words), so "aaaaaaaaaaaaaaaaaaaa" or one word said four
times is never called strong just for its length.
"""

from __future__ import annotations

MIN_LENGTH = 8
# zxcvbn scores 0-4, said in words (never a number, never a colour alone).
WORDS_BY_SCORE = {
    0: "Easy to guess.",
    1: "Easy to guess.",
    2: "Fair. A few more words only you would think of would make it stronger.",
    3: "Good. Another word or two would make it stronger still.",
    4: "Strong: hard to guess.",
}


def strength_hint(passphrase: str) -> str:
    length = len(passphrase)
    if length < MIN_LENGTH:
        return f"{MIN_LENGTH - length} more characters to go."
    from zxcvbn import zxcvbn  # loaded on first use: only setup and passwd need it

    # zxcvbn reads only the first 100 characters' patterns well; longer is strong anyway.
    result = zxcvbn(passphrase[:100])
    score = int(result["score"])
    words = WORDS_BY_SCORE[score]
    warning = str(result["feedback"].get("warning") or "")
    if score < 3 and warning:
        words = f"{words} {warning}"
    return words
