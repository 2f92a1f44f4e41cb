"""The floor: one speaker at a time, and how the floor passes.

A turn goes: the speaker names a feeling (NAMING), speaks while the turn clock
runs (SPEAKING), then the listener says back what they heard (PARAPHRASE) and
the speaker says "that's it" or "try again" (CONFIRMING). Only "that's it"
passes the floor. The speaker may finish before the time is up (handing over
early); past the time the clock shows overtime and nobody is cut off.

Pure: the record being built is a `TalkSession`; time comes from a `Clock`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from trust_tui.domain.clock import Clock
from trust_tui.domain.prompts import prompt_at, topic
from trust_tui.domain.turn_clock import ClockState, TurnClock
from trust_tui.models import BreakTaken, SafetyCheckIn, TalkSession, Turn

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
        self.prompt_index = 0
        self.feeling: str | None = None  # chosen before the turn starts
        self.intensity: int | None = None
        self._holds: set[str] = set()
        self._clock = self._new_clock()

    @classmethod
    def begin(cls, clock: Clock, *, topic_key: str, turn_minutes: int,
              first_speaker_id: str, partners: tuple[str, str]) -> "Floor":
        if not MIN_TURN_MINUTES <= turn_minutes <= MAX_TURN_MINUTES:
            raise ValueError(f"A turn is {MIN_TURN_MINUTES} to {MAX_TURN_MINUTES} minutes.")
        session = TalkSession(topic=topic(topic_key).key, turn_minutes=turn_minutes,
                              first_speaker_id=first_speaker_id, started_at=clock.now())
        return cls(clock, session, partners)

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
    def prompt(self) -> str:
        return prompt_at(self.session.topic, self.prompt_index)

    @property
    def paused(self) -> bool:
        return PAUSED in self._holds

    @property
    def ended(self) -> bool:
        return self.phase == Phase.ENDED

    # --- the clock ------------------------------------------------------------

    def time_left(self) -> float:
        return self._clock.remaining()

    def clock_state(self) -> ClockState:
        return self._clock.state()

    def hold(self, reason: str) -> None:
        self._holds.add(reason)
        self._clock.hold(reason)

    def release(self, reason: str) -> None:
        self._holds.discard(reason)
        self._clock.release(reason)

    def pause(self) -> None:
        self._open()
        self.hold(PAUSED)

    def resume(self) -> None:
        self.release(PAUSED)

    # --- a turn ---------------------------------------------------------------

    def _open(self, *phases: Phase) -> None:
        if self.phase == Phase.ENDED:
            raise NotNow("The talk has ended.")
        if self.paused and phases:
            raise NotNow("The talk is paused.")
        if phases and self.phase not in phases:
            raise NotNow(f"Not while {self.phase.value}.")

    def set_feeling(self, word: str | None, intensity: int | None = None) -> None:
        """The speaker's feeling word (optional intensity 1-10)."""
        self._open(Phase.NAMING, Phase.SPEAKING)
        word = (word or "").strip() or None
        if intensity is not None and not 1 <= intensity <= 10:
            raise ValueError("Intensity is 1 to 10.")
        self.feeling, self.intensity = word, intensity
        if self.turn is not None:
            self.turn.feeling, self.turn.intensity = word, intensity

    def start_speaking(self) -> None:
        self._open(Phase.NAMING)
        self.session.turns.append(Turn(speaker_id=self.speaker_id, feeling=self.feeling,
                                       intensity=self.intensity, started_at=self.clock.now()))
        self.phase = Phase.SPEAKING
        self._clock.start()

    def next_prompt(self) -> str:
        self._open(Phase.NAMING, Phase.SPEAKING)
        self.prompt_index += 1
        return self.prompt

    def end_turn(self) -> None:
        """The speaker is done (or hands over early): the listener says it back."""
        self._open(Phase.SPEAKING)
        turn = self.session.turns[-1]
        turn.handed_over_early = self._clock.remaining() > 0
        turn.spoken_seconds = round(self._clock.stop(), 3)
        self.phase = Phase.PARAPHRASE

    def paraphrased(self, summary: str | None = None) -> None:
        """The listener has said back what they heard (the summary is optional)."""
        self._open(Phase.PARAPHRASE)
        turn = self.session.turns[-1]
        turn.paraphrase_attempts += 1
        if summary is not None and summary.strip():
            turn.paraphrase = summary
        self.phase = Phase.CONFIRMING

    def try_again(self) -> None:
        """The speaker did not quite recognise it: the listener tries once more."""
        self._open(Phase.CONFIRMING)
        self.phase = Phase.PARAPHRASE

    def confirm(self) -> None:
        """"That's it": the floor passes to the listener."""
        self._open(Phase.CONFIRMING)
        self.session.turns[-1].paraphrase_confirmed = True
        self.speaker_id = self.listener_id
        self.feeling = self.intensity = None
        self.prompt_index = 0
        self.phase = Phase.NAMING
        self._clock = self._new_clock()

    def end(self) -> TalkSession:
        """End the talk; a turn in progress keeps the time spoken so far."""
        self._open()
        if self.phase == Phase.SPEAKING:
            turn = self.session.turns[-1]
            turn.spoken_seconds = round(self._clock.stop(), 3)
            turn.handed_over_early = False
        self._holds.discard(PAUSED)
        self.phase = Phase.ENDED
        self.session.ended_at = self.clock.now()
        return self.session

    # --- after and around -------------------------------------------------------

    def add_break(self, taken: BreakTaken) -> None:
        self.session.breaks.append(taken)

    def check_in(self, partner_id: str, rating: int) -> None:
        if partner_id not in self.partners:
            raise KeyError(partner_id)
        others = [c for c in self.session.check_ins if c.partner_id != partner_id]
        self.session.check_ins = [*others, SafetyCheckIn(partner_id=partner_id, rating=rating)]

    def summary(self) -> "TalkSummary":
        return summarize(self.session, self.partners)


@dataclass(frozen=True)
class PartnerSummary:
    partner_id: str
    turns: int
    spoken_seconds: float
    overtime_turns: int
    feelings: tuple[str, ...]
    paraphrases_confirmed: int  # turns this partner said back and the speaker confirmed


@dataclass(frozen=True)
class TalkSummary:
    partners: tuple[PartnerSummary, ...]
    turns: int
    breaks: int
    break_seconds: float
    paraphrases_confirmed: int

    def of(self, partner_id: str) -> PartnerSummary:
        return next(p for p in self.partners if p.partner_id == partner_id)


def summarize(session: TalkSession, partners: tuple[str, str]) -> TalkSummary:
    """What happened in a talk, per partner (from the record alone)."""
    limit = session.turn_minutes * 60
    people = []
    for pid in partners:
        spoken = [t for t in session.turns if t.speaker_id == pid]
        heard = [t for t in session.turns if t.speaker_id != pid]
        people.append(PartnerSummary(
            partner_id=pid,
            turns=len(spoken),
            spoken_seconds=sum(t.spoken_seconds for t in spoken),
            overtime_turns=sum(1 for t in spoken if t.spoken_seconds > limit),
            feelings=tuple(t.feeling for t in spoken if t.feeling),
            paraphrases_confirmed=sum(1 for t in heard if t.paraphrase_confirmed),
        ))
    return TalkSummary(
        partners=tuple(people),
        turns=len(session.turns),
        breaks=len(session.breaks),
        break_seconds=sum(b.actual_seconds or 0.0 for b in session.breaks),
        paraphrases_confirmed=sum(1 for t in session.turns if t.paraphrase_confirmed),
    )
