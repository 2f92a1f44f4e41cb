"""The floor as events: every move is kept, and replaying the events alone gives
the same state back (turns, phase, speaker, prompts, feeling, holds, time left)."""

from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trust_tui.domain import live
from trust_tui.domain.clock import FakeClock
from trust_tui.domain.floor import Floor, NotNow, Phase
from trust_tui.domain.prompts import ANSWER_PROMPT, HURT, NAMING, QUESTION_PROMPT, prompts_for

SAM, ALEX = "sam", "alex"
MOVES = ("feeling", "speak", "prompt", "hand_over", "said_back", "try_again", "confirm",
         "question", "no_question", "pause", "go_on", "away", "back", "break", "end")


def begin(clock, topic="name_it", naming=SAM, minutes=3):
    return Floor.begin(clock, topic_key=topic, turn_minutes=minutes, first_speaker_id=SAM,
                       partners=(SAM, ALEX), naming_id=naming, by=SAM)


def move(floor: Floor, name: str, who: str, n: int) -> None:
    moves = {
        "feeling": lambda: floor.set_feeling(["hurt", "scared", None][n % 3], n % 10 + 1,
                                             by=who),
        "speak": lambda: floor.start_speaking(by=who),
        "prompt": lambda: floor.next_prompt(by=who),
        "hand_over": lambda: floor.end_turn(by=who),
        "said_back": lambda: floor.paraphrased(f"heard {n}" if n % 2 else "", by=who),
        "try_again": lambda: floor.try_again(by=who),
        "confirm": lambda: floor.confirm(by=who),
        "question": lambda: floor.ask_question(by=who),
        "no_question": lambda: floor.no_question(by=who),
        "pause": lambda: floor.pause(by=who),
        "go_on": lambda: floor.resume(by=who),
        "away": lambda: floor.away(),
        "back": lambda: floor.back(),
        "break": lambda: floor.record(live.event(live.BREAK_ASKED, floor.clock.now(), who,
                                                 number=20)),
        "end": lambda: floor.end(by=who),
    }
    try:
        moves[name]()
    except NotNow:
        pass


def state(floor: Floor):
    return (floor.phase, floor.speaker_id, floor.turn_number, floor.prompt,
            floor.prompt_line(), dict(floor.positions), floor.feeling, floor.intensity,
            floor.paused, floor.away_now, floor.answering, floor.clock_state(),
            round(floor.time_left(), 3), floor.session.ended_at,
            [t.model_dump() for t in floor.session.turns], floor.session.events)


@settings(max_examples=150, deadline=None)
@given(steps=st.lists(st.tuples(st.sampled_from(MOVES), st.sampled_from((SAM, ALEX)),
                                st.integers(0, 400)), max_size=40),
       topic=st.sampled_from(("name_it", "feel")))
def test_replay_gives_the_same_state_as_the_live_floor(steps, topic):
    clock = FakeClock()
    floor = begin(clock, topic=topic)
    for name, who, n in steps:
        move(floor, name, who, n)
        clock.advance(n / 4)  # whole milliseconds: the wall clock keeps them exactly
    replayed = Floor.replay(clock, floor.session.model_copy(deep=True), (SAM, ALEX))
    assert state(replayed) == state(floor)
    # And both go on the same way from here.
    clock.advance(7)
    assert replayed.time_left() == pytest.approx(floor.time_left())


def test_every_move_is_kept_with_whose_key_made_it():
    clock = FakeClock()
    floor = begin(clock)
    floor.set_feeling("ashamed", 6, by=SAM)
    floor.start_speaking(by=SAM)
    floor.next_prompt(by=SAM)
    clock.advance(60)
    floor.end_turn(by=SAM)
    floor.paraphrased("You wish you had told me", by=ALEX)
    floor.confirm(by=SAM)
    kinds = [(e.kind, e.by, e.text) for e in floor.session.events]
    assert kinds == [(live.START, SAM, None), (live.FEELING, SAM, "ashamed"),
                     (live.SPEAK, SAM, None), (live.PROMPT, SAM, None),
                     (live.HAND_OVER, SAM, None), (live.SAID_BACK, ALEX, "You wish you had told me"),
                     (live.CONFIRMED, SAM, None)]
    assert floor.session.events[4].at == floor.session.events[0].at + timedelta(seconds=60)


def speak_and_pass(floor, clock, speaker, listener, seconds=30):
    floor.start_speaking(by=speaker)
    clock.advance(seconds)
    floor.end_turn(by=speaker)
    floor.paraphrased(None, by=listener)
    floor.confirm(by=speaker)


def test_a_running_turn_counts_on_through_a_restart():
    clock = FakeClock()
    floor = begin(clock, topic="feel")
    floor.start_speaking(by=SAM)
    clock.advance(50)
    saved = floor.session.model_copy(deep=True)
    # The app stops (a crash); 40 seconds later a new one opens the same talk.
    later = FakeClock(wall=clock.now() + timedelta(seconds=40), mono=5.0)
    replayed = Floor.replay(later, saved, (SAM, ALEX))
    assert replayed.phase == Phase.SPEAKING
    assert abs(replayed.time_left() - (180 - 90)) < 1
    later.advance(10)
    assert abs(replayed.time_left() - 80) < 1


def test_a_paused_or_away_turn_does_not_count_down_while_closed():
    for hold in ("pause", "away"):
        clock = FakeClock()
        floor = begin(clock, topic="feel")
        floor.start_speaking(by=SAM)
        clock.advance(50)
        move(floor, hold, SAM, 0)
        later = FakeClock(wall=clock.now() + timedelta(hours=3), mono=1.0)
        replayed = Floor.replay(later, floor.session.model_copy(deep=True), (SAM, ALEX))
        assert replayed.time_left() == pytest.approx(130)
        later.advance(100)
        assert replayed.time_left() == pytest.approx(130)
        move(replayed, "go_on" if hold == "pause" else "back", SAM, 0)
        later.advance(10)
        assert replayed.time_left() == pytest.approx(120)


def test_a_wall_clock_set_back_never_runs_time_backwards():
    clock = FakeClock()
    floor = begin(clock, topic="feel")
    floor.start_speaking(by=SAM)
    clock.advance(20)
    clock.set_wall(clock.now() - timedelta(hours=2))  # someone set the clock back
    floor.next_prompt(by=SAM)
    clock.advance(10)
    earlier = FakeClock(wall=clock.now() - timedelta(days=1), mono=0.0)
    replayed = Floor.replay(earlier, floor.session.model_copy(deep=True), (SAM, ALEX))
    assert 0 <= 180 - replayed.time_left() <= 30
    assert replayed.time_left() <= 180


def test_each_partner_keeps_their_place_in_their_own_prompts():
    clock = FakeClock()
    floor = begin(clock, topic="name_it", naming=SAM)
    assert floor.prompt_line() == (1, 5, prompts_for("name_it", NAMING)[0])
    floor.next_prompt(by=SAM)
    floor.next_prompt(by=SAM)
    assert floor.prompt_line() == (3, 5, prompts_for("name_it", NAMING)[2])
    speak_and_pass(floor, clock, SAM, ALEX)
    floor.no_question(by=ALEX)
    assert floor.speaker_id == ALEX
    assert floor.prompt_line() == (1, 5, prompts_for("name_it", HURT)[0])
    floor.next_prompt(by=ALEX)
    speak_and_pass(floor, clock, ALEX, SAM)
    floor.no_question(by=SAM)
    # The floor is back with Sam: still prompt 3, Sam's part's prompts.
    assert (floor.speaker_id, floor.prompt_line()) == (SAM, (3, 5, prompts_for("name_it", NAMING)[2]))


def test_after_a_confirmed_say_back_the_listener_may_ask_one_question():
    clock = FakeClock()
    floor = begin(clock, topic="name_it", naming=SAM)
    speak_and_pass(floor, clock, SAM, ALEX)
    assert floor.phase == Phase.ASKING and floor.speaker_id == SAM
    assert floor.prompt == QUESTION_PROMPT
    floor.ask_question(by=ALEX)
    # Sam answers with the floor: a turn of its own, with the answer's prompt.
    assert (floor.phase, floor.speaker_id, floor.prompt) == (Phase.NAMING, SAM, ANSWER_PROMPT)
    assert floor.prompt_line() == (None, 0, ANSWER_PROMPT)
    speak_and_pass(floor, clock, SAM, ALEX)
    # One question: after the answer is said back, the floor passes.
    assert (floor.phase, floor.speaker_id) == (Phase.NAMING, ALEX)
    assert len(floor.session.turns) == 2


def test_a_talk_without_parts_passes_the_floor_at_once():
    clock = FakeClock()
    floor = begin(clock, topic="feel", naming=None)
    speak_and_pass(floor, clock, SAM, ALEX)
    assert (floor.phase, floor.speaker_id) == (Phase.NAMING, ALEX)
