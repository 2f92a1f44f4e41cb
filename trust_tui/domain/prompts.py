"""What a talk can be about, and the prompts that guide the speaker.

Each topic is one of the method's steps (or an open talk). Its prompts are shown
one at a time during a turn and can be skipped; they are written for this app.
Either partner may hold the floor, so the prompts speak to whoever is speaking.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    key: str  # stored in TalkSession.topic
    step: int | None  # the method's step, None for an open talk
    title: str
    guidance: str  # one or two lines shown when choosing it
    prompts: tuple[str, ...]


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


def prompt_at(topic_key: str, index: int) -> str:
    prompts = topic(topic_key).prompts
    return prompts[index % len(prompts)]


# --- parts in a talk about what broke the trust --------------------------------------
# (A minimal version of the prompt API helper "prompts" writes; theirs replaces it.)

NAMING, HURT = "naming", "hurt"
PARTED_TOPICS = frozenset({"name_it"})

PART_PROMPTS: dict[str, tuple[str, ...]] = {
    NAMING: (
        "Say what you did, plainly, as it happened. The reasons can wait.",
        "Own it without a \"but\": what part of it is yours?",
        "What do you understand now about what it did to your partner?",
        "What will you do so it does not happen again?",
        "Is there anything you have not said yet that your partner should know?",
    ),
    HURT: (
        "Say what it did to you: your days, your sleep, the way you see us.",
        "What was the hardest moment since you found out?",
        "What do you need to hear, plainly, from your partner?",
        "What would help you begin to trust again?",
        "What would you like the repair to start with?",
    ),
}

QUESTION_PROMPT = ("You may ask one question now, about what you just heard. "
                   "Ask it plainly; the answer takes the floor.")
ANSWER_PROMPT = "Answer the question straight and short, with no excuses."


def has_parts(topic_key: str) -> bool:
    """Whether a talk on this topic gives each partner a part (naming it, or hurt)."""
    return topic(topic_key).key in PARTED_TOPICS


def part_of(topic_key: str, naming_id: str | None, speaker_id: str) -> str | None:
    """The speaker's part in this talk (None: a talk without parts)."""
    if not has_parts(topic_key) or naming_id is None:
        return None
    return NAMING if speaker_id == naming_id else HURT


def prompts_for(topic_key: str, part: str | None) -> tuple[str, ...]:
    """The prompts for a speaker with this part (None: the topic's own)."""
    if part is None:
        return topic(topic_key).prompts
    return PART_PROMPTS[part]
