"""What a past talk produced, read back from its record: for the talk history and
the Markdown export.

Pure: a `TalkSession` in, a `PastTalk` out (who spoke how long, the feelings
named, each line said back, the breaks, both safety ratings, the next steps,
whether it ended). Nothing is judged or scored: these are the couple's own notes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from trust_tui.domain import live
from trust_tui.domain.prompts import topic
from trust_tui.models import LiveEvent, TalkSession


@dataclass(frozen=True)
class SaidBack:
    """A line the listener typed when saying back what they heard."""

    speaker_id: str  # whose turn it was
    listener_id: str | None  # who said it back (the other partner)
    text: str
    confirmed: bool  # the speaker said "that's it"


@dataclass(frozen=True)
class PartnerPart:
    partner_id: str
    turns: int
    spoken_seconds: float
    feelings: tuple[str, ...]
    rating: int | None  # how safe they felt afterwards, 1-10 (None: not given)


@dataclass(frozen=True)
class PastTalk:
    id: str
    title: str  # the topic's title
    subject: str | None  # what it was about, in their words
    started_at: datetime
    ended_at: datetime | None  # None: still under way
    naming_id: str | None  # who named what happened (a topic with parts)
    partners: tuple[PartnerPart, ...]
    said_back: tuple[SaidBack, ...]
    breaks: int
    break_seconds: float
    next_steps: tuple[str, ...]
    in_ritual: bool
    repairs: tuple[tuple[str | None, str], ...] = ()  # (who, the phrase reached for)

    @property
    def under_way(self) -> bool:
        return self.ended_at is None

    @property
    def seconds_long(self) -> float | None:
        if self.ended_at is None:
            return None
        return live.seconds_between(self.started_at, self.ended_at)

    def of(self, partner_id: str) -> PartnerPart | None:
        return next((p for p in self.partners if p.partner_id == partner_id), None)


def newest_first(talks: Iterable[TalkSession]) -> list[TalkSession]:
    return sorted(talks, key=lambda t: (t.started_at, t.id), reverse=True)


def _partners_of(talk: TalkSession, partners: Sequence[str]) -> list[str]:
    """The couple's partners, then anyone else the record names (a partner since
    removed), in the order they first appear."""
    seen = list(partners)
    named = [talk.first_speaker_id, *(t.speaker_id for t in talk.turns),
             *(c.partner_id for c in talk.check_ins)]
    for pid in named:
        if pid not in seen:
            seen.append(pid)
    return seen


def breaks_in(talk: TalkSession) -> tuple[int, float]:
    """How many breaks, and their seconds in all: from the breaks kept with the talk,
    else from its events (a break asked, then both back)."""
    if talk.breaks:
        return len(talk.breaks), sum(b.actual_seconds or 0.0 for b in talk.breaks)
    return _breaks_in_events(talk.events)


def _breaks_in_events(events: Sequence[LiveEvent]) -> tuple[int, float]:
    count, seconds = 0, 0.0
    asked: datetime | None = None
    for move in events:
        if move.kind == live.BREAK_ASKED and asked is None:
            count += 1
            asked = move.at
        elif move.kind == live.BREAK_BACK and asked is not None:
            seconds += live.seconds_between(asked, move.at)
            asked = None
    return count, seconds


def past_talk(talk: TalkSession, partners: Sequence[str]) -> PastTalk:
    """What this talk produced, partner by partner (`partners`: the couple's ids)."""
    ratings = {c.partner_id: c.rating for c in talk.check_ins}
    people = []
    for pid in _partners_of(talk, partners):
        spoken = [t for t in talk.turns if t.speaker_id == pid]
        people.append(PartnerPart(
            partner_id=pid, turns=len(spoken),
            spoken_seconds=sum(t.spoken_seconds for t in spoken),
            feelings=tuple(t.feeling for t in spoken if t.feeling),
            rating=ratings.get(pid)))
    breaks, break_seconds = breaks_in(talk)
    couple = tuple(partners[:2])

    def listener(speaker_id: str) -> str | None:
        return next((pid for pid in couple if pid != speaker_id), None)

    return PastTalk(
        id=talk.id, title=topic(talk.topic).title, subject=talk.subject,
        started_at=talk.started_at, ended_at=talk.ended_at, naming_id=talk.naming_id,
        partners=tuple(people),
        said_back=tuple(SaidBack(t.speaker_id, listener(t.speaker_id), t.paraphrase,
                                 t.paraphrase_confirmed)
                        for t in talk.turns if t.paraphrase and t.paraphrase.strip()),
        breaks=breaks, break_seconds=break_seconds,
        next_steps=tuple(step for step in talk.next_steps if step.strip()),
        in_ritual=talk.ritual_id is not None,
        repairs=tuple((e.by, e.text) for e in talk.events
                      if e.kind == live.REPAIR and e.text))


def minutes_text(seconds: float) -> str:
    """'under a minute', '1 minute', '12 minutes'."""
    minutes = round(seconds / 60)
    if minutes < 1:
        return "under a minute"
    return "1 minute" if minutes == 1 else f"{minutes} minutes"


def count_text(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")
