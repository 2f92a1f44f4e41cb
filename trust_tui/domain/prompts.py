"""What a talk can be about, and the prompts that guide the speaker.

Each topic is one of the method's steps (or an open talk). Its prompts are shown
one at a time during a turn and can be skipped; they are written for this app.

Some topics are about what broke the trust (steps 1 and 6). In those, each partner
has a part, and the prompts follow the speaker's part:
- `NAMING`: the one who broke the trust names what happened, plainly, and owns it
  without excuses or long explanations;
- `HURT`: the other says what it did to them and what would help, and may ask
  questions that get straight answers.
The start form asks which of you is naming it (`TalkSession.naming_id`);
`part_of` then tells each speaker's part, and `prompts_for` their prompts.

Everything here is data. To add a topic, add a `Topic` to TOPICS; to give it
parts, fill `parts` with a tuple of prompts for `NAMING` and for `HURT`. Prompts
speak to whoever holds the floor, in plain and gentle words: no blame, no shame,
nothing that needs a therapist's vocabulary (tests/unit/test_prompts.py checks
that every prompt passes the apology helper and that each part has several).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

# A partner's part in a talk about what broke the trust.
NAMING = "naming"  # names what happened and owns it, without excuses
HURT = "hurt"  # says what it did to them and what would help; may ask questions
PARTS: tuple[str, ...] = (NAMING, HURT)

# A few words for each part, for a line such as "Sam: naming what happened".
PART_TITLES: Mapping[str, str] = MappingProxyType({
    NAMING: "naming what happened",
    HURT: "saying what it did",
})

# After a confirmed say-back in a talk with parts, the listener may ask one question
# (QUESTION_PROMPT is for them), and the answer takes the floor (ANSWER_PROMPT).
QUESTION_PROMPT = ("If there is something you need to know, you may ask one question "
                   "now. Ask it simply; the answer will be straight.")
ANSWER_PROMPT = ("Answer the question straight and short: what is true, with no "
                 "\"but\" and no excuses. If you do not know, say so.")

# The start form, for a topic with parts: which of you is naming what happened.
WHO_NAMES_IT = "Naming what happened"
WHY_WE_ASK = "So each of you gets the prompts for your own part."


@dataclass(frozen=True)
class Topic:
    key: str  # stored in TalkSession.topic
    step: int | None  # the method's step, None for an open talk
    title: str
    guidance: str  # one or two lines shown when choosing it
    prompts: tuple[str, ...]  # for a talk without parts (or before anyone chose)
    # part (NAMING, HURT) -> that speaker's prompts; empty: the topic has no parts.
    parts: Mapping[str, tuple[str, ...]] = field(default_factory=dict, hash=False)


TOPICS: dict[str, Topic] = {
    t.key: t
    for t in (
        Topic(
            "name_it", 1, "Name what broke",
            "Say plainly what happened and what it did, without blame or long "
            "explanations. The one who listens may ask; answers are direct.",
            (
                "Say what happened, in plain words, as you remember it. The reasons can wait.",
                "What did it do to you? To your days, your sleep, the way you see us?",
                "What do you understand now that you did not understand then?",
                "Is there a question you want a straight answer to? Ask it now.",
                "What happened cannot change. What would you like the repair to start with?",
            ),
            parts={
                NAMING: (
                    "Say what happened, plainly: \"I did...\". Short is fine; the "
                    "reasons can wait.",
                    "Leave nothing out that matters, and add nothing to soften it. "
                    "What else is true?",
                    "What do you think it did to your partner? Say it, then let them "
                    "tell you how it really was.",
                    "What do you understand now that you did not see then?",
                    "What happened cannot change. Say what is yours to own, and that "
                    "you are here to repair it.",
                ),
                HURT: (
                    "Say what it did to you: your days, your sleep, the way you see us.",
                    "What was the hardest part, to find out or to carry since?",
                    "Is there something you need to know? Ask it; the answer will be "
                    "straight.",
                    "What would help you now? Something concrete your partner can do "
                    "or say.",
                    "What would you need to see, over the coming weeks, to feel a "
                    "little safer?",
                ),
            },
        ),
        Topic(
            "feel", 2, "Feel it and say it",
            "Each of you names a feeling in one word and says it as \"I feel...\". "
            "A feeling is a signal, not a fact about the other.",
            (
                "Start with \"I feel...\" and one word for what is in you right now.",
                "Where do you notice it in your body: chest, throat, stomach, shoulders?",
                "Tell one moment that brought it up. One moment, not a pattern.",
                "If this feeling could ask for something, what would it ask for?",
                "Try it whole: I feel ___ about ___, and I need ___.",
            ),
        ),
        Topic(
            "responsibility", 6, "Own it, no excuses",
            "Say what was yours to own, with no \"but\" after it, and ask what "
            "would help. Be ready to repair as often as it takes.",
            (
                "Say what you did in your own words: \"I did...\", \"I hurt you when...\".",
                "Leave out the \"but\". What part of it is yours, reasons aside?",
                "Who else did it touch? Name the ripples you can see.",
                "Ask what would help now, then listen to the answer.",
                "What is one concrete thing you will do differently next time?",
            ),
            parts={
                NAMING: (
                    "Say what you did in your own words: \"I did...\", \"I hurt you "
                    "when...\".",
                    "Stop after it: no \"but\", no reasons yet. What part of it is yours?",
                    "Who else did it touch? Name the ripples you can see.",
                    "Ask what would help now, then listen to the answer.",
                    "What is one concrete thing you will do differently next time?",
                ),
                HURT: (
                    "Say what it did to you, in your own words: \"When..., I felt...\".",
                    "What part of it still weighs on you most?",
                    "Is there a question you want a straight answer to? Ask it.",
                    "What would help you now? Name something concrete.",
                    "What would show you, over the coming weeks, that the repair is real?",
                ),
            },
        ),
        Topic(
            "open", None, "Open talk",
            "Anything on your minds, one speaker at a time, with the floor "
            "passing after the listener says back what they heard.",
            (
                "What is on your mind today?",
                "Start gently: I feel ___ about ___, and I need ___.",
                "Speak about your own experience: \"I\" rather than \"you always\".",
                "Keep it short; the floor comes back to you.",
                "Is there something you would like your partner to understand before you hand over?",
            ),
        ),
    )
}
TOPIC_ORDER: tuple[str, ...] = tuple(TOPICS)


def topic(key: str) -> Topic:
    """The topic with this key (an unknown key reads as an open talk)."""
    return TOPICS.get(key, TOPICS["open"])


def has_parts(topic_key: str) -> bool:
    """Whether a talk on this topic asks who is naming what happened."""
    return bool(topic(topic_key).parts)


def prompts_for(topic_key: str, part: str | None) -> tuple[str, ...]:
    """The prompts for a speaker with this part (None, or a part the topic does not
    have: the topic's own prompts)."""
    chosen = topic(topic_key)
    if part is None:
        return chosen.prompts
    return chosen.parts.get(part, chosen.prompts)


def part_of(topic_key: str, naming_id: str | None, speaker_id: str) -> str | None:
    """The speaker's part: NAMING for the one naming what happened, HURT for the
    other; None when the topic has no parts or nobody was chosen."""
    if not has_parts(topic_key) or naming_id is None:
        return None
    return NAMING if speaker_id == naming_id else HURT


def prompt_at(topic_key: str, index: int, part: str | None = None) -> str:
    """The prompt at this place (it wraps round), for a speaker with this part."""
    prompts = prompts_for(topic_key, part)
    return prompts[index % len(prompts)]
