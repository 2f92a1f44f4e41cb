"""The floor and the turn clock, driven by a FakeClock (no Textual)."""

import pytest

from trust_tui.domain.clock import FakeClock
from trust_tui.domain.floor import AWAY, Floor, NotNow, Phase, summarize
from trust_tui.domain.prompts import TOPICS, prompt_at
from trust_tui.domain.turn_clock import ClockState, TurnClock, mm_ss
from trust_tui.models import BreakTaken

SAM, ALEX = "sam", "alex"


def make_floor(clock=None, minutes=3, first=SAM, topic="feel"):
    clock = clock or FakeClock()
    return clock, Floor.begin(clock, topic_key=topic, turn_minutes=minutes,
                              first_speaker_id=first, partners=(SAM, ALEX))


def test_floor_passes_only_after_paraphrase_is_confirmed():
    clock, floor = make_floor()
    assert (floor.phase, floor.speaker_id, floor.listener_id) == (Phase.NAMING, SAM, ALEX)
    floor.set_feeling("hurt", 7)
    floor.start_speaking()
    clock.advance(100)
    floor.end_turn()
    assert floor.phase == Phase.PARAPHRASE and floor.speaker_id == SAM
    floor.paraphrased("You felt alone that night")
    floor.try_again()
    assert floor.phase == Phase.PARAPHRASE and floor.speaker_id == SAM
    floor.paraphrased("You felt alone, and scared I'd go again")
    floor.confirm()
    assert (floor.phase, floor.speaker_id, floor.listener_id) == (Phase.NAMING, ALEX, SAM)
    turn = floor.session.turns[0]
    assert turn.feeling == "hurt" and turn.intensity == 7
    assert turn.paraphrase == "You felt alone, and scared I'd go again"
    assert turn.paraphrase_attempts == 2 and turn.paraphrase_confirmed
    assert turn.spoken_seconds == 100 and turn.handed_over_early


def test_steps_out_of_order_are_refused():
    _, floor = make_floor()
    with pytest.raises(NotNow):
        floor.end_turn()
    with pytest.raises(NotNow):
        floor.confirm()
    floor.start_speaking()
    with pytest.raises(NotNow):
        floor.paraphrased()


def test_a_fifteen_minute_turn_warns_near_the_end_and_runs_over_without_cutting_off():
    clock, floor = make_floor(minutes=15)
    floor.start_speaking()
    assert floor.clock_state() == ClockState.RUNNING
    clock.advance(15 * 60 - 20)
    assert floor.clock_state() == ClockState.NEAR_END
    assert floor.time_left() == pytest.approx(20)
    clock.advance(62)
    assert floor.clock_state() == ClockState.OVERTIME
    assert mm_ss(floor.time_left()) == "+00:42"
    assert floor.phase == Phase.SPEAKING  # still the speaker's floor
    floor.end_turn()
    turn = floor.session.turns[0]
    assert turn.spoken_seconds == pytest.approx(15 * 60 + 42) and not turn.handed_over_early


def test_pause_and_away_hold_the_clock_separately():
    clock, floor = make_floor(minutes=3)
    floor.start_speaking()
    clock.advance(60)
    floor.pause()
    floor.hold(AWAY)  # e.g. a break is called while paused
    clock.advance(1200)
    floor.release(AWAY)  # coming back from the break keeps the couple's pause
    assert floor.paused and floor.time_left() == pytest.approx(120)
    with pytest.raises(NotNow):
        floor.end_turn()
    floor.resume()
    clock.advance(30)
    assert floor.time_left() == pytest.approx(90)


def test_prompts_cycle_and_restart_for_each_turn():
    clock, floor = make_floor(topic="name_it")
    first = floor.prompt
    assert first == TOPICS["name_it"].prompts[0]
    assert floor.next_prompt() == TOPICS["name_it"].prompts[1]
    floor.start_speaking()
    floor.end_turn()
    floor.paraphrased()
    floor.confirm()
    assert floor.prompt == first
    assert prompt_at("open", len(TOPICS["open"].prompts)) == TOPICS["open"].prompts[0]


def test_every_step_topic_has_several_prompts():
    steps = {t.step for t in TOPICS.values()}
    assert steps == {1, 2, 6, None}
    assert all(len(t.prompts) >= 3 for t in TOPICS.values())


def test_end_mid_turn_keeps_spoken_time_and_summary_counts_it():
    clock, floor = make_floor(minutes=2)
    floor.set_feeling("scared")
    floor.start_speaking()
    clock.advance(90)
    floor.end_turn()
    floor.paraphrased()
    floor.confirm()
    floor.set_feeling("let down", 4)
    floor.start_speaking()
    clock.advance(150)
    floor.add_break(BreakTaken(called_by=ALEX, called_at=clock.now(), planned_seconds=1200,
                               actual_seconds=1300))
    floor.check_in(SAM, 6)
    floor.check_in(SAM, 7)  # a change of mind replaces the first
    floor.check_in(ALEX, 5)
    session = floor.end()
    assert floor.ended and session.ended_at == clock.now()
    summary = summarize(session, (SAM, ALEX))
    assert summary.turns == 2 and summary.breaks == 1 and summary.break_seconds == 1300
    assert summary.of(SAM).spoken_seconds == 90 and summary.of(SAM).feelings == ("scared",)
    assert summary.of(ALEX).overtime_turns == 1
    assert summary.of(ALEX).paraphrases_confirmed == 1  # Alex said back Sam's turn
    assert summary.of(SAM).paraphrases_confirmed == 0
    assert {(c.partner_id, c.rating) for c in session.check_ins} == {(SAM, 7), (ALEX, 5)}
    with pytest.raises(NotNow):
        floor.start_speaking()


def test_turn_length_is_one_to_fifteen_minutes():
    for bad in (0, 16):
        with pytest.raises(ValueError):
            make_floor(minutes=bad)


def test_turn_clock_reads_from_the_clock_not_from_ticks():
    clock = FakeClock()
    turn_clock = TurnClock(clock.monotonic, 60)
    assert turn_clock.state() == ClockState.READY and turn_clock.remaining() == 60
    turn_clock.start()
    clock.advance(59.5)
    assert mm_ss(turn_clock.remaining()) == "00:01"
    clock.advance(0.5)
    assert mm_ss(turn_clock.remaining()) == "00:00"
    assert mm_ss(3725) == "1:02:05"
