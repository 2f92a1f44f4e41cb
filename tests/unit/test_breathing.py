"""Breathing pacers: the phase and how full the breath is at time t."""

import pytest

from trust_tui.domain.breathing import PATTERNS, breath_at, next_pattern, pattern


def test_slow_breathing_is_four_in_six_out():
    slow = PATTERNS["slow"]
    assert slow.cycle_seconds == 10
    start = breath_at(slow, 0)
    assert (start.label, start.fullness, start.seconds_left) == ("Breathe in", 0, 4)
    mid_in = breath_at(slow, 2)
    assert mid_in.fraction == pytest.approx(0.5) and mid_in.fullness == pytest.approx(0.5)
    top = breath_at(slow, 4)
    assert top.label == "Breathe out" and top.fullness == pytest.approx(1)
    assert breath_at(slow, 17).label == "Breathe out"  # 3 s into the second out-breath


def test_box_breathing_holds_full_and_empty():
    box = PATTERNS["box"]
    assert [p.seconds for p in box.phases] == [4, 4, 4, 4]
    assert breath_at(box, 5).label == "Hold" and breath_at(box, 5).fullness == 1
    assert breath_at(box, 14).label == "Hold" and breath_at(box, 14).fullness == 0


def test_478_and_the_sigh():
    assert [p.seconds for p in PATTERNS["478"].phases] == [4, 7, 8]
    sigh = PATTERNS["sigh"]
    labels = [breath_at(sigh, t).label for t in (0.5, 2.5, 4)]
    assert labels == ["Breathe in", "A little more in", "Breathe out"]
    assert breath_at(sigh, 2).fullness == pytest.approx(0.7)


def test_fullness_grows_while_breathing_in_and_shrinks_while_out():
    for p in PATTERNS.values():
        samples = [breath_at(p, i / 10) for i in range(int(p.cycle_seconds * 10))]
        for a, b in zip(samples, samples[1:]):
            if a.phase_index == b.phase_index:
                phase = p.phases[a.phase_index]
                if phase.end > phase.start:
                    assert b.fullness >= a.fullness
                elif phase.end < phase.start:
                    assert b.fullness <= a.fullness
            assert 0 <= a.fullness <= 1


def test_patterns_cycle_and_unknown_falls_back():
    assert next_pattern("slow") == "box" and next_pattern("sigh") == "slow"
    assert pattern("nope").key == "slow"
    assert breath_at(PATTERNS["slow"], -3).fullness == 0
