"""A past talk read back from its record (domain/talk_history.py)."""

from __future__ import annotations

from datetime import timedelta

from conftest import utc

from trust_tui.domain import live
from trust_tui.domain.talk_history import minutes_text, newest_first, past_talk
from trust_tui.models import BreakTaken, SafetyCheckIn, TalkSession, Turn

SAM, ALEX = "sam", "alex"
WHEN = utc(2026, 3, 4, 18)


def at(minutes: float):
    return WHEN + timedelta(minutes=minutes)


def test_a_past_talk_partner_by_partner():
    talk = TalkSession(
        topic="responsibility", first_speaker_id=ALEX, naming_id=ALEX, started_at=WHEN,
        turns=[Turn(speaker_id=ALEX, feeling="ashamed", started_at=WHEN, spoken_seconds=90,
                    paraphrase="You saw it.", paraphrase_confirmed=False),
               Turn(speaker_id=SAM, started_at=WHEN, spoken_seconds=30, paraphrase="  ")],
        check_ins=[SafetyCheckIn(partner_id=SAM, rating=5)], next_steps=["Walk", " "])
    past = past_talk(talk, [SAM, ALEX])
    assert past.title == "Own it, no excuses" and past.under_way and past.seconds_long is None
    assert [(p.partner_id, p.turns, p.spoken_seconds, p.feelings, p.rating)
            for p in past.partners] == [(SAM, 1, 30, (), 5), (ALEX, 1, 90, ("ashamed",), None)]
    [said] = past.said_back  # a blank line said back is no line
    assert (said.speaker_id, said.listener_id, said.text, said.confirmed) == (
        ALEX, SAM, "You saw it.", False)
    assert past.next_steps == ("Walk",) and past.naming_id == ALEX


def test_breaks_come_from_the_record_or_else_from_the_moves():
    kept = TalkSession(topic="open", first_speaker_id=SAM, started_at=WHEN, breaks=[
        BreakTaken(called_by=SAM, called_at=WHEN, planned_seconds=1200, actual_seconds=1500)])
    assert (past_talk(kept, [SAM, ALEX]).breaks, past_talk(kept, [SAM, ALEX]).break_seconds) \
        == (1, 1500)
    moves = TalkSession(topic="open", first_speaker_id=SAM, started_at=WHEN, events=[
        live.event(live.BREAK_ASKED, at(1), SAM, number=20),
        live.event(live.BREAK_READY, at(10), SAM),
        live.event(live.BREAK_BACK, at(21)),
        live.event(live.BREAK_ASKED, at(30), ALEX, number=20)])  # still under way
    past = past_talk(moves, [SAM, ALEX])
    assert (past.breaks, past.break_seconds) == (2, 20 * 60)


def test_newest_first_and_minutes_in_words():
    old = TalkSession(topic="open", first_speaker_id=SAM, started_at=WHEN)
    new = TalkSession(topic="open", first_speaker_id=SAM, started_at=at(5), ended_at=at(65))
    assert newest_first([old, new]) == [new, old]
    assert past_talk(new, [SAM, ALEX]).seconds_long == 3600
    assert [minutes_text(s) for s in (20, 60, 150)] == ["under a minute", "1 minute", "2 minutes"]
