"""The apology helper on a table of phrasings: what it flags, and what it must leave alone."""

from __future__ import annotations

import pytest

from trust_tui.domain.apology import (
    ALWAYS_NEVER,
    BUT_AFTER_SORRY,
    I_ONLY,
    MOVE_ON,
    MY_REASONS,
    SORRY_IF,
    SORRY_YOU_FEEL,
    WORDS,
    YOU_MADE_ME,
    find_excuses,
)

# (text, the patterns expected in order, the words flagged for the first one)
FLAGGED = [
    ("I'm sorry, but you were late too.", [BUT_AFTER_SORRY], "but"),
    ("Sorry I forgot our plan but work was crazy", [BUT_AFTER_SORRY], "but"),
    ("I apologise, however I had my reasons.", [BUT_AFTER_SORRY, MY_REASONS], "however"),
    ("I was wrong. But you have to see my side.", [BUT_AFTER_SORRY], "But"),
    ("My fault, but honestly it was a small thing.", [BUT_AFTER_SORRY], "but"),
    ("I apologised to you but you kept going on about it.", [BUT_AFTER_SORRY], "but"),
    ("I'm sorry, it's just that I was tired.", [BUT_AFTER_SORRY], "it's just that"),
    ("I\u2019m sorry you feel that way.", [SORRY_YOU_FEEL], "sorry you feel"),
    ("I'm sorry that you felt hurt by it.", [SORRY_YOU_FEEL], "sorry that you felt hurt"),
    ("Sorry you're upset.", [SORRY_YOU_FEEL], "Sorry you're upset"),
    ("I apologize if you took it the wrong way.", [SORRY_IF], "apologize if"),
    ("I'm sorry if I hurt you.", [SORRY_IF], "sorry if"),
    ("If I upset you, I'm sorry.", [SORRY_IF], "If I upset"),
    ("You made me do it.", [YOU_MADE_ME], "You made me"),
    ("I lied because you make me nervous.", [YOU_MADE_ME], "you make me"),
    ("Because of you I stopped telling the truth.", [YOU_MADE_ME], "Because of you I"),
    ("It's your fault I didn't call.", [YOU_MADE_ME], "It's your fault"),
    ("I only had two drinks.", [I_ONLY], "I only"),
    ("I'm sorry, I was only trying to help.", [I_ONLY], "I was only trying to"),
    ("It was just a joke.", [I_ONLY], "It was just a joke"),
    ("I'm only human.", [I_ONLY], "I'm only human"),
    ("You always twist my words.", [ALWAYS_NEVER], "You always"),
    ("You never listen to me.", [ALWAYS_NEVER], "You never"),
    ("Why do you always check my phone?", [ALWAYS_NEVER], "you always"),
    ("I said I was sorry, get over it.", [MOVE_ON, MOVE_ON], "I said I was sorry"),
    ("I already apologized. Can we just move on?", [MOVE_ON, MOVE_ON], "I already apologized"),
    ("I'm sorry, but you made me so angry.", [BUT_AFTER_SORRY, YOU_MADE_ME], "but"),
    ("Sorry if that came across badly, but you never let me finish.",
     [SORRY_IF, BUT_AFTER_SORRY, ALWAYS_NEVER], "Sorry if"),
]

NOT_FLAGGED = [
    "I wanted to go but it rained.",
    "I'm sorry. I hurt you, and I want to make it right.",
    "I made a mistake. What can I do to make it right?",
    "I'm sorry I made you feel small.",
    "I was tired today, but I kept our plan.",
    "I'm sorry to hear that, but I'm glad you told me.",
    "I feel sorry for him but he chose it.",
    "I'm sorry, not only for the lie but also for hiding it.",
    "You made me laugh tonight.",
    "Thank you, you made me dinner when I was exhausted.",
    "You made me feel safe when I told you.",
    "I only want you to feel safe.",
    "I only realised now how much that hurt you.",
    "You always know how to make me smile.",
    "You never give up on us.",
    "Do you always work late on Fridays?",
    "Thank you, you always listen even when it is hard.",
    "If I hurt you again, please tell me straight away.",
    "You never deserved that. I'm sorry.",
    "I apologised to my boss but he was still angry.",
    "She said sorry but did it again the next day.",
    "You never asked for any of this, and you never have to carry it alone.",
    "I'm sorry I forgot our plan tonight.",
    "I apologise for lying about where I was.",
    "Sorry, what did you say?",
    "We walked by the river; it was calm, but cold.",
    "Nobody but you knows this.",
    "I kept my promise to text before leaving work.",
    "I feel hurt when plans change, and I need a message.",
    "",
]


@pytest.mark.parametrize(("text", "patterns", "first"), FLAGGED)
def test_excuse_patterns_are_flagged(text: str, patterns: list[str], first: str) -> None:
    flags = find_excuses(text)
    assert [f.pattern for f in flags] == patterns
    assert flags[0].said == first
    # The span points at the words in the text as typed (curly quotes included).
    assert text[flags[0].start:flags[0].end] == first


@pytest.mark.parametrize("text", NOT_FLAGGED)
def test_plain_words_are_left_alone(text: str) -> None:
    assert find_excuses(text) == []


def test_table_is_big_enough() -> None:
    assert len(FLAGGED) + len(NOT_FLAGGED) >= 30
    assert len(FLAGGED) >= 15 and len(NOT_FLAGGED) >= 15


def test_every_flag_offers_a_direct_form() -> None:
    text = "I'm sorry if I hurt you, but you always push. You made me."
    flags = find_excuses(text)
    assert {f.pattern for f in flags} >= {SORRY_IF, BUT_AFTER_SORRY, ALWAYS_NEVER, YOU_MADE_ME}
    for item in flags:
        assert item.suggestion == WORDS[item.pattern][1]
        assert item.why and item.suggestion
        assert item.span == (item.start, item.end)


def test_but_counts_only_right_after_an_apology() -> None:
    # The apology sentence ends; a later sentence (not the next one) may say "but".
    text = "I'm sorry I lied. I want to make it right. But I need some time to explain."
    assert find_excuses(text) == []


def test_the_words_never_blame() -> None:
    for why, suggestion in WORDS.values():
        for words in (why, suggestion):
            assert "wrong" not in words.lower()
            assert "bad" not in words.lower()


def test_long_text_is_quick_enough_to_check_while_typing() -> None:
    text = ("I kept our plan today and felt calm. " * 3000) + "Sorry, but."
    flags = find_excuses(text)
    assert [f.pattern for f in flags] == [BUT_AFTER_SORRY]


def test_one_note_shape_everywhere_an_apology_is_written():
    """The talk's next steps, a ritual's notes and the journal say the same thing
    about the same phrase: the words, why, and a direct form to try."""
    from trust_tui.domain.apology import notes

    [note] = notes("I'm sorry, but you were late again.")
    assert note.startswith('"but')
    assert "Try:" in note
    assert notes("I'm sorry I shouted. What would help?") == []
