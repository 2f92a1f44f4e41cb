"""The apology helper (step 6): spot the phrasings that quietly undo an apology.

`find_excuses(text)` returns gentle flags, each with where it is in the text,
which pattern it is, and a direct form to try instead. It never judges the
writer: the words only point at a phrase, and saving is never blocked.

Each pattern is written to stay quiet outside an apology where it would be
wrong to speak up: a "but" in "I wanted to go but it rained" is fine, "you
made me laugh" is a compliment, and "sorry to hear that" is sympathy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# --- what the helper says ---------------------------------------------------------

BUT_AFTER_SORRY = "but_after_sorry"
SORRY_YOU_FEEL = "sorry_you_feel"
SORRY_IF = "sorry_if"
YOU_MADE_ME = "you_made_me"
I_ONLY = "i_only"
ALWAYS_NEVER = "always_never"
MOVE_ON = "move_on"
SHOULD_HAVE = "should_have"
DISMISSED = "dismissed"
MY_REASONS = "my_reasons"
TOO_SENSITIVE = "too_sensitive"

# pattern -> (a short gentle note on why, a direct form to try)
WORDS: dict[str, tuple[str, str]] = {
    BUT_AFTER_SORRY: (
        'A "but" after sorry can take the sorry back.',
        'Stop at the sorry: "I\'m sorry. I hurt you." The reasons can wait.',
    ),
    SORRY_YOU_FEEL: (
        "This is about their feelings, not about what you did.",
        '"I\'m sorry I hurt you." or "I made a mistake."',
    ),
    SORRY_IF: (
        'An "if" can sound like you doubt the hurt.',
        '"I\'m sorry that I ..." (name what you did), or "I hurt you."',
    ),
    YOU_MADE_ME: (
        "This puts your choice on them.",
        '"I chose to ..." or "I made a mistake."',
    ),
    I_ONLY: (
        "Small words like this can shrink what happened.",
        'Say it plainly: "I did ..., and it hurt you."',
    ),
    ALWAYS_NEVER: (
        '"Always" and "never" can land as blame.',
        '"I feel ... when ..., and I need ..."',
    ),
    MOVE_ON: (
        "Hurry can feel like the hurt does not matter.",
        '"What can I do to make it right?"',
    ),
    SHOULD_HAVE: (
        "After an apology, this turns it back to what they did.",
        'Keep to your part: "I did ..., and I am sorry." Their part can be its own talk.',
    ),
    DISMISSED: (
        "This can sound as if the apology is given only to end the talk.",
        '"I mean it: I am sorry that I ..."',
    ),
    MY_REASONS: (
        "Reasons can sound like a defence, even when they are true.",
        'Own it first: "I chose to ..., and it hurt you." Reasons can come later, if asked.',
    ),
    TOO_SENSITIVE: (
        "This puts the hurt on how they took it, not on what happened.",
        '"I see that it hurt you. I am sorry that I ..."',
    ),
}


@dataclass(frozen=True)
class ExcuseFlag:
    """One phrase worth a second look, as a slice of the text."""

    start: int
    end: int
    pattern: str  # one of the keys of WORDS
    said: str  # the words as written

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    @property
    def why(self) -> str:
        return WORDS[self.pattern][0]

    @property
    def suggestion(self) -> str:
        return WORDS[self.pattern][1]


# --- the patterns --------------------------------------------------------------------

_I = re.IGNORECASE

# An apology in a sentence. Sympathy ("sorry to hear", "sorry for him") and
# pity ("feel sorry for") are not apologies.
_APOLOGY = re.compile(
    r"\b(?:sorry|apologi[sz]e[sd]?|apology|apologies|i was wrong|my (?:fault|bad)"
    r"|i made a mistake|forgive me|i regret)\b", _I)
_NOT_APOLOGY = re.compile(
    r"\bsorry (?:to hear|for (?:him|her|them|myself|yourself|us|the))\b"
    r"|\bfeel(?:s|ing)? sorry\b|\bsorry,? (?:what|who|where|could|can|do|did|excuse)\b"
    # someone else's apology, told about: "she said sorry", "I apologised to my boss"
    r"|\b(?:he|she|they|someone|nobody|everyone)\s+(?:\w+\s+)?"
    r"(?:said|says|was|is|were|felt|feels)\s+sorry\b"
    r"|\b(?:he|she|they|someone|nobody|everyone) apologi[sz]ed\b"
    r"|\bapologi[sz]ed to (?!you\b)\w+", _I)

# "but" and its cousins, except where they mean "also" or "except".
_BUT = re.compile(r"\b(?:but|however|it'?s just that|anyway)\b|(?<=,)\s?(?:though|although)\b",
                  _I)
_BUT_NOT_EXCUSE = re.compile(
    r"\b(?:not only\b[^.!?]*\bbut|but also|nothing but|anything but|all but"
    r"|nobody but|no one but|anyone but|everyone but|cannot but|can't help but)\b", _I)

_YOU = r"(?:you|u)"
_SORRY_YOU_FEEL = re.compile(
    r"\b(?:sorry|apologi[sz]e)(?:,)? (?:that |if |about how |for how |for the way )?"
    + _YOU + r"(?: are| were|'re| got| get| have been| feel| felt)? "
    r"(?:feel|felt|feeling|think|thought|took|take|see|saw|upset|offended|overreact\w*"
    r"|hurt|disappointed|misunderst\w*|sad|angry|mad|annoyed|bothered|let down)\b", _I)

_SORRY_IF = re.compile(
    r"\b(?:sorry|apologi[sz]e) if\b"
    r"|\bif (?:i|anything i (?:said|did)|what i (?:said|did)|that) "
    r"(?:hurt|upset|offended|disappointed|bothered|came across)\b", _I)

_YOU_MADE_ME = re.compile(
    r"\byou (?:made|make|forced|force|pushed|push|drove|drive) me\b"
    r"|\bbecause of you,? i\b|\bit'?s your fault\b", _I)
# "You made me laugh" is a compliment, not blame.
_KIND_AFTER_MADE_ME = re.compile(
    r"\s+(?:feel (?:so |really |very )?(?:loved|safe|happy|good|better|seen|heard|welcome"
    r"|special|calm|close|proud|hopeful|cared for|at home)|laugh|smile|happy|proud|grin"
    r"|breakfast|dinner|lunch|tea|coffee|a cup|a card|a cake|something|a gift|think|hopeful"
    r"|so happy|a better)\b", _I)

_I_ONLY = re.compile(
    r"\bi was (?:only|just) (?:trying to|joking|kidding|teasing|being honest)\b"
    r"|\bi'?m only human\b"
    r"|\bi only\b(?! (?:want|wish|hope|love|ask|need|care|just|now|ever want|reali[sz]\w*"
    r"|underst\w*|see|saw|learn\w*|found out))"
    r"|\bit was (?:only|just) (?:a joke|once|one time|twice|a little|a bit|a few|harmless"
    r"|a game|talk|words)\b", _I)

_ALWAYS_NEVER = re.compile(r"\byou (?:always|never)\b", _I)
# Questions ("do you always...?") and warm words are not blame; "why do you always" is.
_QUESTION_BEFORE = re.compile(r"\b(?:do|did|have|would|will|can|could|are|were)\s+$", _I)
_WHY_BEFORE = re.compile(r"\bwhy\s+(?:do|did|are|were|would)\s+$", _I)
_KIND_AFTER_ALWAYS = re.compile(
    r"\s+(?:know|make me (?:laugh|smile|feel)|have my back|show up|listen|support|help"
    r"|remember|find a way|can|could|will|come through|believe|deserved?)\b", _I)
_KIND_AFTER_NEVER = re.compile(
    r"\s+(?:give up|gave up|stop (?:trying|caring|believing)|stopped|let me down|fail|judge"
    r"|forget|complain\w*|miss|know|deserved?|have to|need to|asked for|did anything)\b", _I)
_WARM_SENTENCE = re.compile(r"\b(?:thank|thanks|grateful|appreciate|love (?:how|that))\b", _I)

_MOVE_ON = re.compile(
    r"\bi (?:already )?(?:said|told you) (?:i'?m|i am|i was) sorry\b|\bi already apologi[sz]ed\b"
    r"|\bget over it\b|\b(?:can we|let'?s) (?:just )?move on\b", _I)

_SHOULD_HAVE = re.compile(
    r"\b" + _YOU + r" (?:should|shouldn'?t|should not|could|ought to) have\b"
    r"|\b" + _YOU + r" (?:should|need to) (?:have|learn|stop|try)\b", _I)
_DISMISSED = re.compile(
    r"\bif (?:that'?s|that is|this is) what " + _YOU + r" (?:want|need) to hear\b"
    r"|\b(?:are you )?happy now\b|\bthere,? i said it\b|\bwhatever you say\b", _I)
_MY_REASONS = re.compile(
    r"\bi had (?:my|good|a good|a) reasons?\b"
    r"|\bi (?:just |only )?(?:wanted|meant|was trying|tried) to (?:protect|spare|shield)\b", _I)
_TOO_SENSITIVE = re.compile(
    r"\b" + _YOU + r"(?:'re| are| were| get| got)? (?:(?:way |so |too |a bit |kind of )*)"
    r"(?:overreact\w*|too sensitive|so sensitive|(?:being )?(?:dramatic|hysterical|paranoid))\b",
    _I)
# Quoting the old wrong inside an apology ("I'm sorry I said you always overreact"):
# the words after such a verb are what was said then, not what is said now.
_QUOTING = re.compile(
    r"\b(?:i|and|that i|when i|how i)\s+(?:said|told you|called you|kept saying|was saying"
    r"|accused you of|made you (?:believe|think))\b", _I)
# Families that point at the other person; quoting the old words is not doing it again.
_BLAMING = (YOU_MADE_ME, ALWAYS_NEVER, SHOULD_HAVE, TOO_SENSITIVE)
# Families that only undo an apology (said or just said); elsewhere they are plain words.
_AFTER_APOLOGY = (SHOULD_HAVE, DISMISSED, MY_REASONS)

_SENTENCE = re.compile(r"[^.!?\n]+[.!?\n]*")


def _normalise(text: str) -> str:
    """Curly quotes to straight ones (same length, so spans still fit the text)."""
    return text.replace("\u2019", "'").replace("\u2018", "'")


def _is_apology(sentence: str) -> bool:
    if not _APOLOGY.search(sentence):
        return False
    cleaned = _NOT_APOLOGY.sub(" ", sentence)
    return bool(_APOLOGY.search(cleaned))


def find_excuses(text: str) -> list[ExcuseFlag]:
    """Every phrase that may undo an apology, in the order they appear."""
    plain = _normalise(text)
    flags: list[ExcuseFlag] = []

    def flag(start: int, end: int, pattern: str) -> None:
        flags.append(ExcuseFlag(start, end, pattern, text[start:end]))

    previous_was_apology = False
    for match in _SENTENCE.finditer(plain):
        sentence, base = match.group(), match.start()
        apology = _is_apology(sentence)
        quoted_from = _quoting_at(sentence) if apology else None
        # "but" inside an apology (after the sorry), or opening the next sentence.
        apology_at = _first_apology(sentence) if apology else None
        for but in _BUT.finditer(sentence):
            after_sorry = apology_at is not None and but.start() > apology_at
            opens_next = previous_was_apology and not sentence[:but.start()].strip()
            if but.group().lower() == "anyway" and not _opens_clause(sentence, but.start()):
                continue  # "you never listen anyway": not a turn away from the sorry
            if (after_sorry or opens_next) and not _excused_but(sentence, but):
                flag(base + but.start(), base + but.end(), BUT_AFTER_SORRY)
        for found in _SORRY_YOU_FEEL.finditer(sentence):
            flag(base + found.start(), base + found.end(), SORRY_YOU_FEEL)
        for found in _SORRY_IF.finditer(sentence):
            # "If I hurt you again, tell me" is a request, not an apology.
            if found.group().lower().startswith("if") and not apology:
                continue
            flag(base + found.start(), base + found.end(), SORRY_IF)
        for found in _YOU_MADE_ME.finditer(sentence):
            if not _KIND_AFTER_MADE_ME.match(sentence, found.end()):
                flag(base + found.start(), base + found.end(), YOU_MADE_ME)
        for found in _I_ONLY.finditer(sentence):
            flag(base + found.start(), base + found.end(), I_ONLY)
        for found in _ALWAYS_NEVER.finditer(sentence):
            if _blames(sentence, found):
                flag(base + found.start(), base + found.end(), ALWAYS_NEVER)
        for found in _MOVE_ON.finditer(sentence):
            flag(base + found.start(), base + found.end(), MOVE_ON)
        for family, pattern in ((SHOULD_HAVE, _SHOULD_HAVE), (DISMISSED, _DISMISSED),
                                (MY_REASONS, _MY_REASONS), (TOO_SENSITIVE, _TOO_SENSITIVE)):
            if family in _AFTER_APOLOGY and not (apology or previous_was_apology):
                continue
            for found in pattern.finditer(sentence):
                flag(base + found.start(), base + found.end(), family)
        if quoted_from is not None:
            flags = [f for f in flags if not (f.pattern in _BLAMING
                                              and f.start >= base + quoted_from)]
        if sentence.strip():
            previous_was_apology = apology
    flags.sort(key=lambda f: (f.start, f.end))
    return _without_overlaps(flags)


def _quoting_at(sentence: str) -> int | None:
    """Where an apology starts quoting what was said then (after the sorry), if it does."""
    apology_at = _first_apology(sentence)
    for found in _QUOTING.finditer(sentence):
        if apology_at is not None and found.start() > apology_at:
            return found.start()
    return None


def _first_apology(sentence: str) -> int | None:
    cleaned = _NOT_APOLOGY.sub(lambda m: " " * len(m.group()), sentence)
    found = _APOLOGY.search(cleaned)
    return found.start() if found else None


def _opens_clause(sentence: str, at: int) -> bool:
    before = sentence[:at].rstrip()
    return not before or before.endswith((",", ";", ":"))


def _excused_but(sentence: str, but: re.Match[str]) -> bool:
    for harmless in _BUT_NOT_EXCUSE.finditer(sentence):
        if harmless.start() <= but.start() < harmless.end():
            return True
    return False


def _blames(sentence: str, found: re.Match[str]) -> bool:
    before = sentence[:found.start()]
    if _QUESTION_BEFORE.search(before) and not _WHY_BEFORE.search(before):
        return False
    kind = _KIND_AFTER_ALWAYS if found.group().lower().endswith("always") else _KIND_AFTER_NEVER
    if kind.match(sentence, found.end()):
        return False
    return not _WARM_SENTENCE.search(sentence)


def _without_overlaps(flags: list[ExcuseFlag]) -> list[ExcuseFlag]:
    """One flag per stretch of text (the first found wins)."""
    kept: list[ExcuseFlag] = []
    for item in flags:
        if kept and item.start < kept[-1].end:
            continue
        kept.append(item)
    return kept


def first_words(flag: ExcuseFlag, limit: int = 40) -> str:
    """The flagged words, short enough for a one-line hint."""
    said = " ".join(flag.said.split())
    return said if len(said) <= limit else said[: limit - 1] + "…"


def note_of(flag: ExcuseFlag) -> str:
    """One flagged phrase as a plain line: the words, why they may undo an
    apology, and a direct form to try instead."""
    line = f'"{first_words(flag)}": {flag.why}' if flag.said else flag.why
    return f"{line} Try: {flag.suggestion}" if flag.suggestion else line


def notes(text: str) -> list[str]:
    """The apology helper's gentle notes on a text, in the order they appear."""
    return [note_of(flag) for flag in find_excuses(text)]


# --- what a strong apology has (noticed gently, never scored) ---------------------------

# Owning it: the writer names something they did ("I lied", "my part", "sorry I ...").
_OWNS_IT = re.compile(
    r"\bi (?:\w+ )?(?:hurt|lied|broke|betrayed|hid|cheated|shouted|yelled|snapped|forgot"
    r"|missed|ignored|let you down|did|was wrong|made a mistake|chose|said|kept|took|failed"
    r"|left|blamed|went|spent|texted|called|promised|didn'?t|wasn'?t|haven'?t|never told)\b"
    r"|\bmy (?:part|fault|choice|mistake|doing|lie|lies)\b"
    r"|\b(?:sorry|apologi[sz]e|forgive me) (?:that |for )?(?:i\b|what i|my|the way i|\w+ing\b)"
    r"|\b(?:sorry|apologi[sz]e|forgive me)\b[^.!?]{0,20}\bfor (?:the|my|what|how|\w+ing)\b",
    _I)
# Repair: asking what would help, or saying what the writer will do.
_OFFERS_REPAIR = re.compile(
    r"\bwhat (?:would|could|can|will|might) (?:help|i do|make)|\bhow can i\b|\bi will\b"
    r"|\bi'?ll\b|\bi'?m going to\b|\bi am going to\b|\bfrom now on\b|\bnext time\b"
    r"|\bmake (?:it|this|things|up for)\b|\bwhat do you need\b|\blet me\b|\bi promise\b"
    r"|\bi want to (?:make|repair|fix|earn|rebuild|change|do better)\b|\bi'?d like to\b", _I)

NAMES_NO_HARM = ("It may help to name what you did and what it did to them: "
                 '"I ..., and it hurt you."')
OFFERS_NO_REPAIR = ("You could offer something toward repair: ask what would help, "
                    "or say one thing you will do.")


def gaps(text: str) -> list[str]:
    """What a strong apology usually holds and this one does not say yet: owning
    what the writer did, and something toward repair. Only for an apology; a
    gentle line each, never a score or a block."""
    plain = _normalise(text)
    if len(plain.split()) < 4 or not any(
            _is_apology(m.group()) for m in _SENTENCE.finditer(plain)):
        return []
    found = []
    if not _OWNS_IT.search(plain):
        found.append(NAMES_NO_HARM)
    if not _OFFERS_REPAIR.search(plain):
        found.append(OFFERS_NO_REPAIR)
    return found
