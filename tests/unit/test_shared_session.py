"""Two apps' copies of one talk, merged under the file lock (domain/shared_session.py),
and the seats beside the vault (vault/seats.py)."""

from __future__ import annotations

from datetime import timedelta

from conftest import utc

from trust_tui.domain import live
from trust_tui.domain.clock import FakeClock
from trust_tui.domain.floor import Floor, Phase
from trust_tui.domain.shared_session import merge
from trust_tui.vault.seats import SeatHold, held_elsewhere

SAM, ALEX = "sam", "alex"


def begun() -> tuple[FakeClock, Floor]:
    clock = FakeClock(utc(2026, 3, 4, 18))
    return clock, Floor.begin(clock, topic_key="feel", turn_minutes=3, first_speaker_id=SAM,
                              partners=(SAM, ALEX), by=SAM)


def two_apps(clock: FakeClock, floor: Floor):
    """Sam speaking; then each app's own floor from the same session, 5 s later."""
    floor.start_speaking(by=SAM)
    base = copy(floor)
    clock.advance(5)
    return (base, Floor.replay(clock, copy(base), (SAM, ALEX)),
            Floor.replay(clock, copy(base), (SAM, ALEX)))


def copy(floor):
    """The floor's session (or a session) as an app would save it."""
    session = getattr(floor, "session", floor)
    return session.model_copy(deep=True)


def test_a_copy_going_on_from_the_kept_one_is_kept_as_it_is():
    clock, floor = begun()
    kept = copy(floor)
    floor.start_speaking(by=SAM)
    mine = copy(floor)
    assert merge(kept, mine, (SAM, ALEX)) == mine
    assert merge(mine, kept, (SAM, ALEX)).events == mine.events  # an older copy: kept


def test_moves_made_at_once_in_two_apps_both_stay_in_the_order_of_the_lock():
    clock, floor = begun()
    base, sams, alexs = two_apps(clock, floor)
    sams.end_turn(by=SAM)
    alexs.pause(by=ALEX)
    merged = merge(copy(sams), copy(alexs), (SAM, ALEX))
    assert [e.kind for e in merged.events] == [live.START, live.SPEAK, live.HAND_OVER,
                                               live.PAUSE]
    shown = Floor.replay(clock, merged, (SAM, ALEX))
    assert shown.phase == Phase.PARAPHRASE and shown.paused
    # A prompt asked for a moment after the pause landed no longer applies.
    late = Floor.replay(clock, base, (SAM, ALEX))
    late.next_prompt(by=SAM)
    assert merge(merged, copy(late), (SAM, ALEX)).events == merged.events


def test_a_late_move_that_no_longer_applies_is_left_out():
    clock, floor = begun()
    _base, ended, late = two_apps(clock, floor)
    ended.end(by=ALEX)
    late.end_turn(by=SAM)  # handed over, not knowing the talk had ended
    merged = merge(copy(ended), copy(late), (SAM, ALEX))
    assert [e.kind for e in merged.events][-1] == live.END
    assert live.HAND_OVER not in [e.kind for e in merged.events]
    assert merged.ended_at is not None


def test_a_break_asked_twice_at_once_is_one_break_and_back_is_said_once():
    clock, floor = begun()
    base = copy(floor)
    now = clock.now()
    first = base.model_copy(update={"events": [*base.events, live.event(
        live.BREAK_ASKED, now, ALEX, number=20)]})
    second = base.model_copy(update={"events": [*base.events, live.event(
        live.BREAK_ASKED, now + timedelta(seconds=1), SAM, number=30)]})
    merged = merge(first, second, (SAM, ALEX))
    assert [e.by for e in merged.events if e.kind == live.BREAK_ASKED] == [ALEX]
    back = [live.event(live.BREAK_BACK, now + timedelta(seconds=s)) for s in (2, 3)]
    one = merged.model_copy(update={"events": [*merged.events, back[0]]})
    two = merged.model_copy(update={"events": [*merged.events, back[1]]})
    assert [e.kind for e in merge(one, two, (SAM, ALEX)).events].count(live.BREAK_BACK) == 1
    assert Floor.replay(clock, merged, (SAM, ALEX)).phase == Phase.NAMING


def test_a_seat_is_held_by_one_app_and_free_the_moment_it_lets_go(tmp_path):
    path = tmp_path / "couple.vault"
    assert not held_elsewhere(path, "slot1")  # never taken: nobody sits there
    jo, again = SeatHold(path, "slot1"), SeatHold(path, "slot1")
    assert jo.take() and jo.held
    assert held_elsewhere(path, "slot1") and not held_elsewhere(path, "slot2")
    assert not again.take()  # one seat, one app
    jo.leave()  # as the kernel does when the app ends, however it ends
    assert not held_elsewhere(path, "slot1")
    assert again.take()
    again.leave()
    assert oct((tmp_path / "couple.vault.seat-slot1").stat().st_mode & 0o777) == "0o600"


def test_each_partners_rating_of_how_it_went_stays_whichever_app_saved_last():
    from trust_tui.models import SafetyCheckIn

    clock, floor = begun()
    base = copy(floor)
    sams = base.model_copy(update={"check_ins": [SafetyCheckIn(partner_id=SAM, rating=7)]})
    alexs = base.model_copy(update={"check_ins": [SafetyCheckIn(partner_id=ALEX, rating=4)]})
    both = {(c.partner_id, c.rating) for c in merge(sams, alexs, (SAM, ALEX)).check_ins}
    assert both == {(SAM, 7), (ALEX, 4)}
    again = merge(sams, sams.model_copy(update={
        "check_ins": [SafetyCheckIn(partner_id=SAM, rating=8)]}), (SAM, ALEX))
    assert [(c.partner_id, c.rating) for c in again.check_ins] == [(SAM, 8)]  # changed: newest


def test_ready_pressed_at_once_in_both_apps_records_the_break_and_its_end_once():
    from trust_tui.models import BreakTaken

    clock, floor = begun()
    now = clock.now()
    asked = copy(floor)
    asked.events.append(live.event(live.BREAK_ASKED, now, ALEX, number=20))

    def ended_here(first: str, second: str, ms: int):
        """One app's copy: both ready as it saw them, then back, the break taken."""
        at = now + timedelta(minutes=20, milliseconds=ms)
        session = asked.model_copy(deep=True)
        session.events += [live.event(live.BREAK_READY, at, first),
                           live.event(live.BREAK_READY, at, second),
                           live.event(live.BREAK_BACK, at)]
        session.breaks = [BreakTaken(called_by=ALEX, called_at=now, planned_seconds=1200,
                                     actual_seconds=1200 + ms / 1000)]
        return session

    sams, alexs = ended_here(SAM, ALEX, 100), ended_here(ALEX, SAM, 300)
    merged = merge(sams, alexs, (SAM, ALEX))
    assert [e.kind for e in merged.events].count(live.BREAK_BACK) == 1
    assert len(merged.breaks) == 1 and merged.breaks[0].actual_seconds == 1200.1
    # While the break is open, the same partner's same word said twice counts once.
    once = asked.model_copy(deep=True)
    once.events.append(live.event(live.BREAK_READY, now + timedelta(minutes=1), SAM))
    twice = asked.model_copy(deep=True)
    twice.events.append(live.event(live.BREAK_READY, now + timedelta(minutes=2), SAM))
    kinds = [(e.kind, e.by) for e in merge(once, twice, (SAM, ALEX)).events]
    assert kinds.count((live.BREAK_READY, SAM)) == 1
