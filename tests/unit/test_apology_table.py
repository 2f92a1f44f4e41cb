"""The apology helper on a table of real-sounding apologies (issue 16).

Each row: an apology as someone might write it, and the families the helper
should name in it, in order ([] for a good apology: never flagged). Add rows
freely: a new phrasing that slips through belongs here first.
"""

from __future__ import annotations

import pytest

from trust_tui.domain.apology import (
    ALWAYS_NEVER, BUT_AFTER_SORRY, DISMISSED, I_ONLY, MOVE_ON, MY_REASONS,
    NAMES_NO_HARM, OFFERS_NO_REPAIR, SHOULD_HAVE, SORRY_IF, SORRY_YOU_FEEL,
    TOO_SENSITIVE, YOU_MADE_ME, find_excuses, gaps,
)

GOOD = [
    "I'm sorry I lied about where I was on Friday. I hurt you, and I want to make it right.",
    "I'm sorry I said you always overreact. That was unfair, and I won't say it again.",
    "I'm sorry I blamed you and said you made me do it. It was my choice.",
    "I'm sorry I told you that you were being dramatic. You were hurt, and I didn't listen.",
    "I was wrong to hide the messages. What would help you feel safe now?",
    "I broke your trust when I went behind your back. I'm so sorry.",
    "I'm sorry for shouting at you in front of your sister.",
    "My part was not telling you about the money. I'm sorry, and from now on I'll show you the statements.",
    "I apologise for missing your mother's birthday. I will call her tomorrow with you.",
    "I'm sorry I forgot to pick you up. You waited in the rain for an hour.",
    "Forgive me for breaking my promise. What can I do to start repairing it?",
    "I'm sorry. I hurt you, and there is no excuse for it.",
    "I'm sorry I read your journal. It was yours, and I had no right.",
    "I'm sorry I kept the phone calls secret. I'll answer any question you ask.",
    "I regret the things I said last night. Let me try to make it up to you.",
    "I'm sorry I went quiet for two days instead of talking to you.",
    "I'm sorry for the way I spoke to you at dinner. Next time I will take a break first.",
    "I'm sorry I made you feel small in front of our friends.",
    "I apologise for lying. I understand why you don't believe me yet.",
    "I let you down, and I'm sorry. How can I help?",
    "I'm sorry, not only for the lie but also for hiding it.",
    "I was wrong. I hurt you. I will tell you the truth from now on.",
    "I'm sorry I called you paranoid when you asked. You had every reason to ask.",
    "I'm sorry I snapped at you. You deserved patience.",
    "I'm sorry I spent the savings without asking. I'm going to pay it back monthly.",
    "I'm sorry I didn't come home when I said I would.",
    "I'm sorry I broke the boundary we agreed on. I'd like to talk about what would help.",
    "I'm sorry that I texted him after I promised I wouldn't.",
    "Sorry I was late again. I will leave work at five on Thursdays.",
    "I'm sorry I accused you of lying. You were telling the truth.",
]

FLAGGED = [
    ("I'm sorry you were hurt.", [SORRY_YOU_FEEL]),
    ("I'm sorry you were disappointed by the weekend.", [SORRY_YOU_FEEL]),
    ("I'm sorry you misunderstood me.", [SORRY_YOU_FEEL]),
    ("i'm sorry u feel that way", [SORRY_YOU_FEEL]),
    ("Sorry u got upset.", [SORRY_YOU_FEEL]),
    ("I'm sorry, though I had my reasons.", [BUT_AFTER_SORRY, MY_REASONS]),
    ("I'm sorry I lied. Still, you should have told me you were worried.", [SHOULD_HAVE]),
    ("I apologise. You shouldn't have gone through my phone.", [SHOULD_HAVE]),
    ("Fine, I'm sorry, if that's what you want to hear.", [DISMISSED]),
    ("I said sorry, happy now?", [DISMISSED]),
    ("I'm sorry I didn't tell you. I just wanted to protect you.", [MY_REASONS]),
    ("Sorry I hid it, I was trying to spare you.", [MY_REASONS]),
    ("My bad. Anyway you overreacted.", [BUT_AFTER_SORRY, TOO_SENSITIVE]),
    ("I'm sorry, but you're too sensitive about this.", [BUT_AFTER_SORRY, TOO_SENSITIVE]),
    ("Sorry if you took it badly, you're being dramatic.", [SORRY_IF, TOO_SENSITIVE]),
    ("I'm sorry, but you were late too.", [BUT_AFTER_SORRY]),
    ("I'm sorry I yelled but you kept pushing.", [BUT_AFTER_SORRY]),
    ("I apologize, however it wasn't a big deal.", [BUT_AFTER_SORRY]),
    ("I'm sorry if I hurt you.", [SORRY_IF]),
    ("Sorry if what I said upset you.", [SORRY_IF]),
    ("I'm sorry, you made me so angry I couldn't think.", [YOU_MADE_ME]),
    ("I'm sorry, it's your fault I didn't call.", [YOU_MADE_ME]),
    ("I'm sorry I lied, you always ask too many questions.", [ALWAYS_NEVER]),
    ("Sorry, you never listen anyway.", [ALWAYS_NEVER]),
    ("I'm sorry, it was just a joke.", [I_ONLY]),
    ("I'm sorry, I only had two drinks.", [I_ONLY]),
    ("I already apologised. Can we just move on?", [MOVE_ON, MOVE_ON]),
    ("I said I was sorry, get over it.", [MOVE_ON, MOVE_ON]),
    ("I'm sorry you feel that way, but I did nothing wrong.", [SORRY_YOU_FEEL, BUT_AFTER_SORRY]),
    ("Sorry if that came across badly, but you never let me finish.",
     [SORRY_IF, BUT_AFTER_SORRY, ALWAYS_NEVER]),
    ("I'm sorry you got hurt, but you should have asked me first.",
     [SORRY_YOU_FEEL, BUT_AFTER_SORRY, SHOULD_HAVE]),
]


def test_the_table_is_big_enough() -> None:
    assert len(GOOD) >= 30 and len(FLAGGED) >= 30 and len(GOOD) + len(FLAGGED) >= 60


@pytest.mark.parametrize("text", GOOD)
def test_a_good_apology_is_never_flagged(text: str) -> None:
    assert find_excuses(text) == [], [f.said for f in find_excuses(text)]


@pytest.mark.parametrize(("text", "families"), FLAGGED)
def test_an_apology_that_undoes_itself_is_named(text: str, families: list[str]) -> None:
    assert [f.pattern for f in find_excuses(text)] == families


@pytest.mark.parametrize("text", [
    "You should have told me you were going out.",  # a hurt partner's journal, no apology
    "I'll come to dinner if that's what you want.",
    "I had my reasons for moving the money, and I told you them.",
    "You're so dramatic when you tell that story, I love it.",
])
def test_outside_an_apology_plain_words_stay_plain(text: str) -> None:
    families = [f.pattern for f in find_excuses(text)]
    assert SHOULD_HAVE not in families and DISMISSED not in families
    assert MY_REASONS not in families


def test_an_apology_that_names_no_harm_and_offers_nothing_is_noticed_gently() -> None:
    assert gaps("I'm sorry about everything, really sorry.") == [NAMES_NO_HARM, OFFERS_NO_REPAIR]
    assert gaps("I'm sorry I lied about the money.") == [OFFERS_NO_REPAIR]
    assert gaps("I'm sorry about all of it. What would help you now?") == [NAMES_NO_HARM]
    assert gaps("I'm sorry I lied. I will show you the statements.") == []
    # Not an apology, or too short to say anything about yet: nothing.
    assert gaps("We went for a walk and it helped.") == []
    assert gaps("I'm sorry") == []


@pytest.mark.parametrize("text", GOOD)
def test_the_good_table_owns_what_happened(text: str) -> None:
    assert NAMES_NO_HARM not in gaps(text)


def test_gentle_words_never_score_or_shame() -> None:
    for line in (NAMES_NO_HARM, OFFERS_NO_REPAIR):
        for word in ("score", "fail", "wrong", "bad", "must", "%"):
            assert word not in line.lower()


def test_the_setback_ritual_looks_over_what_happened_and_my_part() -> None:
    from trust_tui.domain.rituals import setback

    checked = {step.key for step in setback().steps if step.check == "apology"}
    assert {"what", "my_part"} <= checked
