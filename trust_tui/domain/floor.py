"""The floor: one speaker at a time, and how the floor passes.

A turn goes: the speaker names a feeling (NAMING), speaks while the turn clock
runs (SPEAKING), then the listener says back what they heard (PARAPHRASE) and
the speaker says "that's it" or "try again" (CONFIRMING). Only "that's it"
passes the floor. The speaker may finish before the time is up (handing over
early); past the time the clock shows overtime and nobody is cut off. In a talk
where each partner has a part (naming what broke the trust, or hurt by it), the
listener may then ask one question (ASKING); the answer is a turn of its own.

Event-sourced: every move appends a `LiveEvent` (domain/live.py) to
`session.events`, and `Floor.replay` rebuilds the exact state from those events
alone, so a lock, a closed terminal or a crash loses nothing. `session.turns`
is kept filled as it goes (what summaries and the export read).

Pure: the record being built is a `TalkSession`; time comes from a `Clock`.
"""

from __future__ import annotations

from enum import Enum

from trust_tui.domain import live
from trust_tui.domain.clock import Clock
from trust_tui.domain.live import ReplayClock
from trust_tui.domain.prompts import (
    ANSWER_PROMPT, QUESTION_PROMPT, has_parts, part_of, prompts_for, topic,
)
from trust_tui.domain.talk_summary import PartnerSummary, TalkSummary, summarize
from trust_tui.domain.turn_clock import ClockState, TurnClock
from trust_tui.models import BreakTaken, LiveEvent, SafetyCheckIn, TalkSession, Turn

__all__ = ["AWAY", "PAUSED", "Floor", "NotNow", "PartnerSummary", "Phase", "TalkSummary",
           "summarize"]

MIN_TURN_MINUTES = 1
MAX_TURN_MINUTES = 15

# Why a turn clock is held (several can hold it at once).
PAUSED = "paused"  # the couple pressed pause
AWAY = "away"  # a break, or the talk is not on screen


class Phase(str, Enum):
    NAMING = "naming"
    SPEAKING = "speaking"
    PARAPHRASE = "paraphrase"
    CONFIRMING = "confirming"
    ASKING = "asking"  # the listener may ask one question (a talk with parts)
    ENDED = "ended"


class NotNow(Exception):
    """This step is not open at the moment (wrong phase, paused or ended)."""


class Floor:
    def __init__(self, clock: Clock, session: TalkSession, partners: tuple[str, str]) -> None:
        if len(partners) != 2 or partners[0] == partners[1]:
            raise ValueError("A talk is between two partners.")
        if session.first_speaker_id not in partners:
            raise ValueError("The first speaker must be one of the partners.")
        self.clock = clock
        self.session = session
        self.partners = partners
        self.phase = Phase.NAMING
        self.speaker_id = session.first_speaker_id
        self.positions: dict[str, int] = {}  # each speaker's place in their prompts
        self.answering = False  # this turn answers the listener's question
        self.feeling: str | None = None  # chosen before the turn starts
        self.intensity: int | None = None
        self.custom_prompts: tuple[str, ...] | None = None  # a ritual step's own
        self._holds: set[str] = set()
        self._replaying = False
        self.skipped: list[LiveEvent] = []  # moves a replay found no longer fitting
        self._clock = self._new_clock()

    @classmethod
    def begin(cls, clock: Clock, *, topic_key: str, turn_minutes: int,
              first_speaker_id: str, partners: tuple[str, str],
              naming_id: str | None = None, ritual_id: str | None = None,
              by: str | None = None) -> "Floor":
        if not MIN_TURN_MINUTES <= turn_minutes <= MAX_TURN_MINUTES:
            raise ValueError(f"A turn is {MIN_TURN_MINUTES} to {MAX_TURN_MINUTES} minutes.")
        if naming_id is not None and naming_id not in partners:
            raise ValueError("The one naming it must be one of the partners.")
        session = TalkSession(topic=topic(topic_key).key, turn_minutes=turn_minutes,
                              first_speaker_id=first_speaker_id, started_at=clock.now(),
                              naming_id=naming_id, ritual_id=ritual_id)
        floor = cls(clock, session, partners)
        floor._record(live.START, by)
        return floor

    @classmethod
    def replay(cls, clock: Clock, session: TalkSession, partners: tuple[str, str]) -> "Floor":
        """The floor as `session.events` leave it, its turn clock on `clock`.

        Each event is applied again on a clock stepped to its wall time; then the
        turn clock is re-anchored on `clock`'s monotonic clock. A running turn has
        counted on by the wall clock since its last event (a deadline, through a
        crash or a restart); a held one (paused, away) has not. A wall clock set
        back never makes time run backwards. Break moves and notes stay as they
        were: they are the calm screen's to replay."""
        events = list(session.events)
        start = events[0].at if events else session.started_at
        replay_clock = ReplayClock(start)
        fresh = session.model_copy(deep=True, update={"turns": [], "ended_at": None,
                                                      "events": []})
        floor = cls(replay_clock, fresh, partners)
        floor._replaying = True
        for done in events:
            replay_clock.step_to(done.at)
            try:
                floor._apply(done)
            except (NotNow, ValueError, KeyError):
                floor.skipped.append(done)  # a move that no longer fits: skipped
                continue
        replay_clock.step_to(clock.now())
        floor._replaying = False
        fresh.events = events
        floor.clock = clock
        floor._clock.reanchor(clock.monotonic)
        return floor

    def _apply(self, done: LiveEvent) -> None:
        kind, by = done.kind, done.by
        if kind == live.FEELING:
            number = None if done.number is None else int(done.number)
            self.set_feeling(done.text, number, by=by)
        elif kind == live.SAID_BACK:
            self.paraphrased(done.text, by=by)
        else:
            move = {
                live.SPEAK: self.start_speaking, live.PROMPT: self.next_prompt,
                live.HAND_OVER: self.end_turn, live.TRY_AGAIN: self.try_again,
                live.CONFIRMED: self.confirm, live.QUESTION: self.ask_question,
                live.NO_QUESTION: self.no_question, live.PAUSE: self.pause,
                live.GO_ON: self.resume, live.AWAY: self.away, live.BACK: self.back,
                live.END: self.end,
            }.get(kind)
            if move is not None:
                move(by=by)

    def _record(self, kind: str, by: str | None = None, text: str | None = None,
                number: float | None = None) -> None:
        if not self._replaying:
            self.session.events.append(live.event(kind, self.clock.now(), by, text, number))

    def record(self, moved: LiveEvent) -> None:
        """A move made around the floor (a break's, a note): kept in order as it is."""
        self.session.events.append(moved)

    def _new_clock(self) -> TurnClock:
        turn_clock = TurnClock(self.clock.monotonic, self.session.turn_minutes * 60)
        for reason in self._holds:
            turn_clock.hold(reason)
        return turn_clock

    # --- who is who ---------------------------------------------------------

    @property
    def listener_id(self) -> str:
        a, b = self.partners
        return b if self.speaker_id == a else a

    @property
    def turn(self) -> Turn | None:
        """The turn being spoken or paraphrased (None while the feeling is chosen)."""
        if self.phase in (Phase.SPEAKING, Phase.PARAPHRASE, Phase.CONFIRMING):
            return self.session.turns[-1]
        return None

    @property
    def turn_number(self) -> int:
        return len(self.session.turns) + (1 if self.phase == Phase.NAMING else 0)

    @property
    def has_parts(self) -> bool:
        return self.session.naming_id is not None and has_parts(self.session.topic)

    @property
    def prompts(self) -> tuple[str, ...]:
        """The speaker's prompts (by their part in a talk with parts)."""
        if self.custom_prompts is not None:
            return self.custom_prompts
        topic_key = self.session.topic
        return prompts_for(topic_key, part_of(topic_key, self.session.naming_id,
                                              self.speaker_id))

    @property
    def prompt_index(self) -> int:
        return self.positions.get(self.speaker_id, 0)

    @property
    def prompt(self) -> str:
        if self.phase == Phase.ASKING:
            return QUESTION_PROMPT
        if self.answering:
            return ANSWER_PROMPT
        prompts = self.prompts
        return prompts[self.prompt_index % len(prompts)] if prompts else ""

    def prompt_line(self) -> tuple[int | None, int, str] | None:
        """(number, how many, the prompt) shown now; no number for the question and
        its answer."""
        if self.phase == Phase.ASKING or self.answering:
            return None, 0, self.prompt
        prompts = self.prompts
        if not prompts:
            return None
        return self.prompt_index % len(prompts) + 1, len(prompts), self.prompt

    @property
    def paused(self) -> bool:
        return PAUSED in self._holds

    @property
    def away_now(self) -> bool:
        return AWAY in self._holds

    @property
    def ended(self) -> bool:
        return self.phase == Phase.ENDED

    # --- the clock ------------------------------------------------------------

    def time_left(self) -> float:
        return self._clock.remaining()

    def clock_state(self) -> ClockState:
        return self._clock.state()

    @property
    def clock_running(self) -> bool:
        """A turn's clock is counting now (not paused, away, or between turns)."""
        return not self.ended and self._clock.running

    def hold(self, reason: str) -> None:
        self._holds.add(reason)
        self._clock.hold(reason)

    def release(self, reason: str) -> None:
        self._holds.discard(reason)
        self._clock.release(reason)

    def _held(self, reason: str, held: bool, kind: str, by: str | None) -> None:
        """Hold (or release) the clock for `reason`, as one move, if it changes."""
        if held == (reason in self._holds):
            return
        if held:
            self.hold(reason)
        else:
            self.release(reason)
        self._record(kind, by)

    def pause(self, by: str | None = None) -> None:
        self._open()
        self._held(PAUSED, True, live.PAUSE, by)

    def resume(self, by: str | None = None) -> None:
        self._held(PAUSED, False, live.GO_ON, by)

    def away(self, by: str | None = None) -> None:
        """The talk is off screen (a break, a lock, another area): its clock waits."""
        if not self.ended:
            self._held(AWAY, True, live.AWAY, by)

    def back(self, by: str | None = None) -> None:
        self._held(AWAY, False, live.BACK, by)

    # --- a turn ---------------------------------------------------------------

    def _open(self, *phases: Phase) -> None:
        if self.phase == Phase.ENDED:
            raise NotNow("The talk has ended.")
        if self.paused and phases:
            raise NotNow("The talk is paused.")
        if phases and self.phase not in phases:
            raise NotNow(f"Not while {self.phase.value}.")

    def set_feeling(self, word: str | None, intensity: int | None = None,
                    by: str | None = None) -> None:
        """The speaker's feeling word (optional intensity 1-10)."""
        self._open(Phase.NAMING, Phase.SPEAKING)
        word = (word or "").strip() or None
        if intensity is not None and not 1 <= intensity <= 10:
            raise ValueError("Intensity is 1 to 10.")
        if (word, intensity) == (self.feeling, self.intensity):
            return
        self.feeling, self.intensity = word, intensity
        if self.turn is not None:
            self.turn.feeling, self.turn.intensity = word, intensity
        self._record(live.FEELING, by, word, intensity)

    def start_speaking(self, by: str | None = None) -> None:
        self._open(Phase.NAMING)
        self.session.turns.append(Turn(speaker_id=self.speaker_id, feeling=self.feeling,
                                       intensity=self.intensity, started_at=self.clock.now()))
        self.phase = Phase.SPEAKING
        self._clock.start()
        self._record(live.SPEAK, by)

    def next_prompt(self, by: str | None = None) -> str:
        self._open(Phase.NAMING, Phase.SPEAKING)
        self.positions[self.speaker_id] = self.prompt_index + 1
        self._record(live.PROMPT, by)
        return self.prompt

    def end_turn(self, by: str | None = None) -> None:
        """The speaker is done (or hands over early): the listener says it back."""
        self._open(Phase.SPEAKING)
        turn = self.session.turns[-1]
        turn.handed_over_early = self._clock.remaining() > 0
        turn.spoken_seconds = round(self._clock.stop(), 3)
        self.phase = Phase.PARAPHRASE
        self._record(live.HAND_OVER, by)

    def paraphrased(self, summary: str | None = None, by: str | None = None) -> None:
        """The listener has said back what they heard (the summary is optional)."""
        self._open(Phase.PARAPHRASE)
        turn = self.session.turns[-1]
        turn.paraphrase_attempts += 1
        said = summary if summary is not None and summary.strip() else None
        if said is not None:
            turn.paraphrase = said
        self.phase = Phase.CONFIRMING
        self._record(live.SAID_BACK, by, said)

    def try_again(self, by: str | None = None) -> None:
        """The speaker did not quite recognise it: the listener tries once more."""
        self._open(Phase.CONFIRMING)
        self.phase = Phase.PARAPHRASE
        self._record(live.TRY_AGAIN, by)

    def confirm(self, by: str | None = None) -> None:
        """"That's it": the floor passes to the listener (in a talk with parts, the
        listener may first ask one question)."""
        self._open(Phase.CONFIRMING)
        self.session.turns[-1].paraphrase_confirmed = True
        if self.has_parts and not self.answering:
            self.phase = Phase.ASKING
            self._clock = self._new_clock()
        else:
            self._pass_floor()
        self._record(live.CONFIRMED, by)

    def ask_question(self, by: str | None = None) -> None:
        """The listener asks their question: the one who spoke answers, with the floor."""
        self._open(Phase.ASKING)
        self._next_turn(self.speaker_id, answering=True)
        self._record(live.QUESTION, by)

    def no_question(self, by: str | None = None) -> None:
        self._open(Phase.ASKING)
        self._pass_floor()
        self._record(live.NO_QUESTION, by)

    def _pass_floor(self) -> None:
        self._next_turn(self.listener_id, answering=False)

    def _next_turn(self, speaker_id: str, *, answering: bool) -> None:
        self.speaker_id = speaker_id
        self.answering = answering
        self.feeling = self.intensity = None
        self.phase = Phase.NAMING
        self._clock = self._new_clock()

    def end(self, by: str | None = None) -> TalkSession:
        """End the talk; a turn in progress keeps the time spoken so far."""
        self._open()
        if self.phase == Phase.SPEAKING:
            turn = self.session.turns[-1]
            turn.spoken_seconds = round(self._clock.stop(), 3)
            turn.handed_over_early = False
        self._holds.discard(PAUSED)
        self.phase = Phase.ENDED
        self.session.ended_at = self.clock.now()
        self._record(live.END, by)
        return self.session

    # --- after and around -------------------------------------------------------

    def add_break(self, taken: BreakTaken) -> None:
        self.session.breaks.append(taken)

    def check_in(self, partner_id: str, rating: int) -> None:
        if partner_id not in self.partners:
            raise KeyError(partner_id)
        others = [c for c in self.session.check_ins if c.partner_id != partner_id]
        self.session.check_ins = [*others, SafetyCheckIn(partner_id=partner_id, rating=rating)]

    def summary(self) -> TalkSummary:
        return summarize(self.session, self.partners)


def seats(session: TalkSession, partners: tuple[str, str]) -> tuple[str, str]:
    """Who sat left and right (the START event's `by` is the left one)."""
    left = next((e.by for e in session.events if e.kind == live.START), None)
    if left not in partners:
        left = session.first_speaker_id
    return (left, partners[1] if left == partners[0] else partners[0])
