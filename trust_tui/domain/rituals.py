"""The three rituals as data, in the app's own words, and the plain facts they draw on.

- The weekly meeting: thanks, what went well this week (from the vault), what is
  due for review, at most one issue with the floor, one thing each for the week.
- Talking through a setback: only once both say they are calm; each in turn with
  the floor; it is recorded as a setback, a normal part of rebuilding.
- The solo safety check: one partner alone, a few plain questions; whether any
  answer points to danger is decided here (`signals_danger`), nowhere else.

Pure: records come in as plain values (pydantic models are plain data), today
comes in as a date.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta

from trust_tui.domain.agreements import due_for_review
from trust_tui.domain.clock import local_day
from trust_tui.domain.flow import BOTH_CALM, Item, Ritual, Step
from trust_tui.models import (
    Agreement,
    AgreementKind,
    AgreementStatus,
    FollowThrough,
    MiniGoal,
    RitualRun,
    Win,
)

WEEKLY = "weekly"
SETBACK = "setback"
SAFETY = "safety"
WEEKLY_EVERY_DAYS = 7


# --- the weekly meeting ----------------------------------------------------------

def weekly(went_well: Sequence[Item] = (), due: Sequence[Item] = ()) -> Ritual:
    """The weekly meeting, with this week's good things and what is due to look at."""
    return Ritual(
        key=WEEKLY,
        title="Weekly meeting",
        description="About an hour, once a week: thanks, what held, what is due, "
                    "one issue at most, and one thing each for the week ahead.",
        minutes=60,
        steps=(
            Step(
                key="appreciations",
                title="Thank-yous",
                guidance="Take turns naming things you appreciated in each other this "
                         "week. Small things count. Nobody has to reach a number.",
                prompts=(
                    "Something your partner did this week that made a day lighter?",
                    "A moment you felt listened to, or looked after?",
                    "Something you saw them try, even though it was not easy?",
                ),
                who="each",
                saves=("thanks",),
            ),
            Step(
                key="went_well",
                title="What held this week",
                guidance="Look together at what went well. Stay with each one for a "
                         "moment before moving on.",
                prompts=("What made this one possible?",
                         "Is there something here you would like more of?"),
                who="together",
                items=tuple(went_well),
                empty="Nothing was written down this week, and that is fine. "
                      "Is there something that went well that you both remember?",
            ),
            Step(
                key="reviews",
                title="What is due to look at again",
                guidance="One at a time: is this agreement still working for each of "
                         "you? Keep it, adjust the wording, or let it go.",
                prompts=("Has it helped you feel safer, or more at ease?",
                         "Is anything about it hard to keep, or no longer needed?"),
                who="together",
                saves=("review",),
                items=tuple(due),
                empty="Nothing is due for review this week.",
            ),
            Step(
                key="issue",
                title="One thing to talk through",
                guidance="At most one issue this week, and it can wait for another time. "
                         "Whoever raises it takes the floor first; the other jots a few "
                         "words, then says back the gist.",
                prompts=(
                    "Start gently: what happened, how you felt, what you would need.",
                    "Speak about your side of it, one moment, not a pattern.",
                    "What would help you let this one rest?",
                ),
                who="each",
                uses_floor=True,
            ),
            Step(
                key="close",
                title="One thing for the week ahead",
                guidance="Each of you says one thing you will do this week that would "
                         "help the other feel cared for. Keep it small and concrete.",
                prompts=(
                    "What is one thing you will do this week for your partner?",
                    "When and how will it happen? The more concrete, the easier.",
                ),
                who="each",
                saves=("goal", "agreement"),
            ),
        ),
    )


def went_well_items(agreements: Iterable[Agreement], follow_through: Iterable[FollowThrough],
                    wins: Iterable[Win], goals: Iterable[MiniGoal], today: date, *,
                    day_of: Callable[[datetime], date] = local_day) -> list[Item]:
    """What went well in the seven days up to today: agreements kept, wins,
    thank-yous and goals reached (never what was missed)."""
    start = today - timedelta(days=WEEKLY_EVERY_DAYS - 1)

    def this_week(day: date) -> bool:
        return start <= day <= today

    wording = {a.id: a.wording for a in agreements}
    kept: dict[str, int] = {}
    for record in follow_through:
        if record.kept and this_week(record.on) and record.agreement_id in wording:
            kept[record.agreement_id] = kept.get(record.agreement_id, 0) + 1
    items = [Item(key=f"kept:{aid}",
                  text=f"Kept {'once' if n == 1 else f'{n} times'}: {wording[aid]}")
             for aid, n in sorted(kept.items(), key=lambda kv: -kv[1])]
    label = {"win": "A win", "thanks": "A thank-you", "goal_reached": "Goal reached"}
    goal_wins = set()
    for win in sorted(wins, key=lambda w: w.created_at):
        if this_week(day_of(win.created_at)):
            items.append(Item(key=f"win:{win.id}", text=f"{label[win.kind]}: {win.text}"))
            if win.goal_id:
                goal_wins.add(win.goal_id)
    for goal in goals:
        if (goal.reached_at is not None and this_week(day_of(goal.reached_at))
                and goal.id not in goal_wins):
            items.append(Item(key=f"goal:{goal.id}", text=f"Goal reached: {goal.text}"))
    return items


def due_items(agreements: Iterable[Agreement], today: date) -> list[Item]:
    """Agreed expectations and boundaries whose review or check-back date has come."""
    items = []
    for a in due_for_review(agreements, today):
        what = "Expectation" if a.kind == AgreementKind.EXPECTATION else "Boundary (check back)"
        items.append(Item(key=a.id, text=f"{what}: {a.wording}"))
    return items


def weekly_due(runs: Iterable[RitualRun], today: date, *,
               day_of: Callable[[datetime], date] = local_day) -> str | None:
    """A gentle line when a weekly meeting is due (seven days since the last one).

    An invitation, not a tally: counting the days since would read as a reproach."""
    days = [day_of(r.started_at) for r in runs if r.ritual == WEEKLY]
    if not days:
        return "A weekly meeting could help: about an hour, whenever suits you both (r)."
    since = (today - max(days)).days
    if since < WEEKLY_EVERY_DAYS:
        return None
    return "A weekly meeting could fit in soon, whenever suits you both (r)."


# --- talking through a setback ---------------------------------------------------

CALM_QUESTION = "Are you calm enough to talk this through now?"


def setback(expectations: Sequence[Item] = ()) -> Ritual:
    """Talking a setback through; `expectations` are those it may concern."""
    return Ritual(
        key=SETBACK,
        title="Talking through a setback",
        description="After a fight or a broken expectation, once you are both calm: "
                    "each of you in turn, with the floor. Setbacks are part of rebuilding.",
        minutes=45,
        steps=(
            Step(
                key="calm",
                title="Calm enough?",
                guidance="This works only when both of you feel steady. If either of you "
                         "is not there yet, take a break first (f2) and come back.",
                prompts=(CALM_QUESTION,),
                who="each",
                skippable=False,
                gate=BOTH_CALM,
            ),
            Step(
                key="what",
                title="What happened",
                guidance="In one line, name what happened, without blame. It goes on "
                         "the record as a setback: a normal event, not a failure. "
                         "Link the expectation it concerns, if there is one.",
                prompts=("What happened, in a few plain words?",),
                who="together",
                saves=("setback",),
                items=tuple(expectations),
                empty="No agreed expectation to link; that is fine.",
                check="apology",  # "what happened" is often said as a first apology
            ),
            Step(
                key="felt",
                title="How I felt",
                guidance="Each of you in turn: only the feelings for now. The whys come later.",
                prompts=("When it happened, I felt...",
                         "One word for it, then a little more if you like.",
                         "Where did you feel it, and how strong was it?"),
                who="each",
                uses_floor=True,
            ),
            Step(
                key="saw",
                title="How I saw it",
                guidance="How it looked from where you stood, and the part of your "
                         "partner's view that makes sense to you.",
                prompts=("From where I stood, it looked like...",
                         "The part of how you saw it that makes sense to me is...",
                         "What I might have missed is..."),
                who="each",
                uses_floor=True,
            ),
            Step(
                key="before",
                title="What it touched from before",
                guidance="Sometimes a moment hurts more because it presses on something "
                         "older. Say it if you can; you do not have to.",
                prompts=("This reminded me of...",
                         "It hit harder because...",
                         "What I was afraid of in that moment was..."),
                who="each",
                uses_floor=True,
            ),
            Step(
                key="my_part",
                title="My part, and my apology",
                guidance="Name your own part, however small, and say sorry for it "
                         "with nothing after it. The apology helper looks over what "
                         "you write before it is kept.",
                prompts=("My part in it was...",
                         "I am sorry that I...",
                         "What would help you now?"),
                who="each",
                uses_floor=True,
                check="apology",
            ),
            Step(
                key="differently",
                title="Next time",
                guidance="Each of you: one thing you will do differently next time.",
                prompts=("Next time, I will...",
                         "What would make it easy to remember?"),
                who="each",
                saves=("goal", "agreement"),
            ),
        ),
    )


def expectation_items(agreements: Iterable[Agreement]) -> list[Item]:
    """Expectations a setback can be linked to (agreed or paused, not retired)."""
    open_ = [a for a in agreements if a.kind == AgreementKind.EXPECTATION
             and a.status in (AgreementStatus.AGREED, AgreementStatus.PAUSED)]
    return [Item(key=a.id, text=a.wording) for a in sorted(open_, key=lambda a: a.created_at)]


# --- the solo safety check ---------------------------------------------------------

YES, SOMETIMES, NO, RATHER_NOT = "Yes", "Sometimes", "No", "I'd rather not say"
ANSWERS = (YES, SOMETIMES, NO, RATHER_NOT)


def _question(key: str, text: str, danger: tuple[str, ...] = (YES, SOMETIMES)) -> Step:
    return Step(key=key, title=text, guidance="", who="one", choices=ANSWERS, danger=danger)


SAFETY_CHECK = Ritual(
    key=SAFETY,
    title="Safety check, alone",
    description="A few private questions for one of you at a time. Only the one who "
                "answers can ever read the answers.",
    minutes=5,
    private=True,
    steps=(
        _question("afraid", "Do you ever feel afraid of your partner, or of how they "
                            "might react?"),
        _question("threatened", "Has your partner threatened you, hurt you, or "
                                "threatened to hurt themselves, others or pets?"),
        _question("controlled", "Does your partner decide who you see, where you go, "
                                "or what money you can use?"),
        _question("pressured", "Do you feel pushed to hand over your passwords, your "
                               "phone or your messages?"),
        _question("free", "Do you feel free to say no to your partner without fearing "
                          "what happens next?", danger=(NO, SOMETIMES)),
    ),
)


def signals_danger(answers: Mapping[str, str], ritual: Ritual = SAFETY_CHECK) -> bool:
    """True when any answer points to fear, threats, control or coercion.

    "I'd rather not say" and unanswered questions never count either way.
    """
    return any(answers.get(step.key) in step.danger for step in ritual.steps)


# Where to turn: in general words, valid in any country.
WHERE_TO_TURN: tuple[str, ...] = (
    "If you are in danger right now: call your local emergency number.",
    "A domestic-violence helpline in your country can listen, in confidence, and "
    "help you think through what is safe for you.",
    "A doctor, a counsellor, or someone you trust can help you find local support.",
    "Search for help from a device your partner cannot check, or use a private window.",
)

DANGER_MESSAGE = (
    "Thank you for answering honestly. What you said suggests that working on this "
    "together in this app is not the right tool right now. Joint sessions work when "
    "both of you feel safe, and you deserve support of your own first."
)

CLEAR_MESSAGE = (
    "Thank you. Nothing in your answers points to danger right now. If that ever "
    "changes, you can do this check again at any time, and help is there for you."
)
