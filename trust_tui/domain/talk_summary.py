"""What happened in a talk, per partner, read from its record alone."""

from __future__ import annotations

from dataclasses import dataclass

from trust_tui.models import TalkSession


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
