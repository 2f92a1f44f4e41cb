"""Vague wording, without Textual: words in an agreement that can mean different things
to each partner, and the gentle hint (never a block) when nothing observable stands
beside them."""

from __future__ import annotations

import re

# Words that can mean different things to each partner, as families (the first is the
# name the hint quotes). Extend freely: a phrase only matters when nothing observable
# stands beside it.
VAGUE_PHRASES: tuple[tuple[str, str], ...] = (
    ("communicate", r"communicat(?:e|es|ed|ing|ion)"),
    ("be there for me", r"be there for (?:me|us|you)"),
    ("try harder", r"try(?:ing)? harder"),
    ("try to", r"(?:try|tries|trying) to"),
    ("respect", r"respect(?:s|ed|ing|ful)?"),
    ("make me feel", r"make (?:me|us) feel"),
    ("be nicer", r"be (?:nicer|kinder|sweeter|warmer|more \w+|less \w+)"),
    ("support", r"support(?:s|ed|ive|ing)?"),
    ("care", r"care (?:more|about)|show (?:that )?you care"),
    ("be honest", r"be (?:honest|open|present|considerate|supportive|there)"),
    ("pay attention", r"pay (?:more )?attention"),
    ("prioriti[sz]e", r"prioriti[sz]e"),
    ("better", r"better"),
    ("more", r"more"),
    ("always", r"always"),
    ("never", r"never"),
)
_VAGUE = re.compile(
    r"\b(?:" + "|".join(f"(?P<v{i}>{pattern})" for i, (_, pattern) in enumerate(VAGUE_PHRASES))
    + r")\b", re.IGNORECASE)
# Something someone could see done, or check: a time, a number, a day, how often, or
# a plain action.
_OBSERVABLE = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty"
    r"|half|once|twice|every|each|daily|weekly|monthly|nightly|minutes?|hours?|days?|weeks?"
    r"|months?|o'?clock|noon|midnight|morning|evening|night|tonight|today|tomorrow|weekends?"
    r"|mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|sundays?|before|after"
    r"|by|within|until|bed|bedtime|dinner|lunch|breakfast"
    r"|text|texts|call|calls|phone|ring|tell|tells|ask|asks|knock|knocks|leave|come home"
    r"|put|pay|turn off|switch off|share|message|write|sit|stop|wait|check in|send|read"
    r"|open|close|cook|clean|walk|meet|sleep|delete|show me|say|spend|hug|kiss|thank"
    r"|phones?|diary|journal|bank|passwords?|location|car|keys?|door|room)\b", re.IGNORECASE)


def vague_words(text: str) -> list[str]:
    """The words in `text` that can mean different things to each partner."""
    found: list[str] = []
    for match in _VAGUE.finditer(text):
        name = next(VAGUE_PHRASES[int(key[1:])][0] for key, value in match.groupdict().items()
                    if value is not None)
        if name not in found:
            found.append(name)
    return found


def observable(text: str) -> bool:
    """Whether the words hold something someone could see done or check (a time, a
    number, how often, a plain action or thing)."""
    return bool(_OBSERVABLE.search(text))


def vague_hint(text: str) -> str | None:
    """A suggestion (never a block) when the wording is hard to check: words that
    mean different things to each partner, and nothing observable beside them."""
    words = vague_words(text)
    if not words or observable(text):
        return None
    quoted = " and ".join(f"'{w}'" for w in words[:2])
    if len(words) > 2:
        quoted = ", ".join(f"'{w}'" for w in words[:-1]) + f" and '{words[-1]}'"
    return (f"{quoted} can mean different things to each of you, and nothing here says "
            "what you would see done, or when. Saying who does what, and when, makes it "
            "easier to keep - for example: 'Text me if you will be home after 7.' "
            "You can save it as it is, too.")
