"""The calm-down break: length limits, return time, both ready to end."""

from datetime import timedelta

import pytest

from trust_tui.domain.break_clock import (
    BreakClock, NotBothReady, clamp_minutes, describe_length, longer, shorter,
)
from trust_tui.domain.clock import FakeClock

SAM, ALEX = "sam", "alex"


def test_default_break_is_twenty_minutes_and_names_the_return_time():
    clock = FakeClock()
    brk = BreakClock(clock, called_by=SAM, partners=(SAM, ALEX))
    assert brk.planned_seconds == 1200
    assert brk.return_at == clock.now() + timedelta(minutes=20)
    clock.advance(1199)
    assert not brk.time_is_up and brk.remaining() == pytest.approx(1)
    clock.advance(1)
    assert brk.time_is_up


def test_length_is_at_least_twenty_minutes_and_at_most_a_day():
    assert clamp_minutes(5) == 20 and clamp_minutes(3000) == 1440
    assert shorter(20) == 20 and longer(20) == 30 and longer(1440) == 1440
    assert shorter(45) == 30
    assert describe_length(90) == "1 hour 30 minutes" and describe_length(1440) == "a day"
    brk = BreakClock(FakeClock(), called_by=SAM, partners=(SAM, ALEX), minutes=1)
    assert brk.minutes == 20


def test_ending_needs_both_partners_ready():
    clock = FakeClock()
    brk = BreakClock(clock, called_by=ALEX, partners=(SAM, ALEX))
    clock.advance(1250)
    assert brk.toggle_ready(SAM)
    with pytest.raises(NotBothReady):
        brk.end()
    assert not brk.toggle_ready(SAM)  # Sam changes their mind
    brk.toggle_ready(SAM)
    brk.toggle_ready(ALEX)
    taken = brk.end()
    assert (taken.called_by, taken.planned_seconds, taken.actual_seconds) == (ALEX, 1200, 1250)
    assert not taken.ended_early


def test_ending_early_is_recorded_as_early():
    clock = FakeClock()
    brk = BreakClock(clock, called_by=SAM, partners=(SAM, ALEX), minutes=45)
    clock.advance(600)
    brk.toggle_ready(SAM)
    brk.toggle_ready(ALEX)
    assert brk.end().ended_early


def test_a_slept_laptop_shows_the_true_time_left_and_a_wall_change_does_not_matter():
    clock = FakeClock()
    brk = BreakClock(clock, called_by=SAM, partners=(SAM, ALEX))
    clock.set_wall(clock.now() + timedelta(hours=5))  # someone changed the clock
    assert brk.remaining() == 1200
    clock.advance(3600)  # the monotonic (boot-time) clock counts the sleep
    assert brk.remaining() == -2400 and brk.time_is_up


def test_a_stranger_cannot_be_ready():
    brk = BreakClock(FakeClock(), called_by=SAM, partners=(SAM, ALEX))
    with pytest.raises(KeyError):
        brk.toggle_ready("someone")


# --- a break under way, replayed from a session's events ---------------------------

def _events(clock: FakeClock, *moves: tuple[str, str | None, float | None]):
    """Events a minute apart: (kind, by, number)."""
    from trust_tui.domain.live import event

    made = []
    for kind, by, number in moves:
        made.append(event(kind, clock.now(), by=by, number=number))
        clock.advance(60)
    return made


def test_open_break_carries_on_a_break_after_a_restart_right_to_the_second():
    from trust_tui.domain.break_clock import open_break
    from trust_tui.domain.live import BREAK_ASKED, BREAK_LENGTH, BREAK_NOT_READY, BREAK_READY, NOTE

    first = FakeClock()
    events = _events(first, (BREAK_ASKED, ALEX, 20), (BREAK_LENGTH, None, 30),
                     (BREAK_READY, SAM, None), (BREAK_READY, ALEX, None),
                     (BREAK_NOT_READY, ALEX, None), (NOTE, SAM, None))
    # A new process a minute after the last move: another monotonic clock altogether.
    later = FakeClock(wall=first.now() + timedelta(seconds=60.5), mono=5.0)
    brk = open_break(later, (SAM, ALEX), events)
    assert brk is not None
    assert brk.called_by == ALEX and brk.minutes == 30 and brk.ready == {SAM}
    assert brk.called_at == events[0].at
    assert brk.remaining() == pytest.approx(30 * 60 - 7 * 60 - 0.5)  # 7.5 minutes gone
    later.advance(10)  # from here on it counts on the monotonic clock
    assert brk.remaining() == pytest.approx(30 * 60 - 7 * 60 - 10.5)
    later.advance(30 * 60)
    assert brk.time_is_up
    brk.toggle_ready(ALEX)
    assert brk.end().actual_seconds == pytest.approx(7 * 60 + 0.5 + 10 + 30 * 60)


def test_open_break_never_counts_backwards_when_the_clock_was_set_back():
    from trust_tui.domain.break_clock import open_break
    from trust_tui.domain.live import BREAK_ASKED

    clock = FakeClock()
    events = _events(clock, (BREAK_ASKED, SAM, 45))
    clock.set_wall(events[0].at - timedelta(hours=2))  # someone set the time back
    brk = open_break(clock, (SAM, ALEX), events)
    assert brk is not None and brk.elapsed() == 0 and brk.remaining() == 45 * 60
    clock.advance(90)
    assert brk.elapsed() == 90


def test_no_open_break_once_both_are_back_or_when_none_was_asked():
    from trust_tui.domain.break_clock import open_break
    from trust_tui.domain.live import (
        BREAK_ASKED, BREAK_BACK, BREAK_READY, HAND_OVER, SPEAK, START,
    )

    clock = FakeClock()
    assert open_break(clock, (SAM, ALEX), []) is None
    assert open_break(clock, (SAM, ALEX), _events(clock, (START, None, None),
                                                  (SPEAK, SAM, None))) is None
    # A break over, then the talk went on: nothing under way.
    done = _events(clock, (BREAK_ASKED, SAM, 20), (BREAK_READY, SAM, None),
                   (BREAK_READY, ALEX, None), (BREAK_BACK, None, None),
                   (SPEAK, ALEX, None), (HAND_OVER, ALEX, None))
    assert open_break(clock, (SAM, ALEX), done) is None
    # A second break after it: that one is under way, from its own start, nobody ready.
    again = done + _events(clock, (BREAK_ASKED, ALEX, None), (SPEAK, SAM, None))
    brk = open_break(clock, (SAM, ALEX), again)
    assert brk is not None and brk.called_by == ALEX and brk.ready == set()
    assert brk.minutes == 20 and brk.elapsed() == 120


def test_coming_back_well_before_twenty_minutes_gets_one_gentle_line():
    from trust_tui.domain.break_clock import back_early_line

    clock = FakeClock()
    brk = BreakClock(clock, called_by=SAM, partners=(SAM, ALEX))
    clock.advance(5 * 60)
    brk.toggle_ready(SAM), brk.toggle_ready(ALEX)
    line = back_early_line(brk.end())
    assert line is not None and "20 minutes" in line
    assert not any(word in line.lower() for word in ("should", "must", "wrong", "too soon"))
    later = BreakClock(clock, called_by=SAM, partners=(SAM, ALEX))
    clock.advance(19 * 60)
    later.toggle_ready(SAM), later.toggle_ready(ALEX)
    assert back_early_line(later.end()) is None  # close to the time: nothing to say
