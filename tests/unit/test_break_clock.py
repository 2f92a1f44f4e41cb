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
