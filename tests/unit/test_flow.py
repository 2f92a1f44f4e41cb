"""The flow engine on its own: steps, notes, skipping, breaks, the calm gate."""

from __future__ import annotations

import pytest

from trust_tui.domain.clock import FakeClock
from trust_tui.domain.flow import BOTH_CALM, Flow, Item, NotNow, Ritual, Step
from trust_tui.models import BreakTaken

SAM, ALEX = "sam-id", "alex-id"

RITUAL = Ritual(
    key="test", title="A test ritual", description="", minutes=10,
    steps=(
        Step("calm", "Calm?", "", gate=BOTH_CALM, skippable=False),
        Step("thanks", "Thanks", "", prompts=("one", "two"), saves=("thanks",)),
        Step("items", "Items", "", who="together",
             items=(Item("a", "first"), Item("b", "second"))),
        Step("talk", "Talk", "", uses_floor=True),
    ),
)


def new_flow(clock: FakeClock) -> Flow:
    return Flow(RITUAL, clock, (SAM, ALEX))


def test_a_walk_with_notes_a_skip_and_a_break():
    clock = FakeClock()
    flow = new_flow(clock)
    assert flow.position == "Step 1 of 4"
    flow.answer(SAM, True)
    flow.answer(ALEX, True)
    clock.advance(30)
    assert flow.next().key == "thanks"
    assert flow.prompt == "one"
    assert flow.next_prompt() == "two"
    flow.add_note("  you made dinner  ", by=SAM)
    clock.advance(60)
    flow.take_break(ALEX)
    clock.advance(25 * 60)
    with pytest.raises(NotNow):
        flow.add_note("not now", by=SAM)
    taken = flow.end_break()
    assert taken.called_by == ALEX and taken.actual_seconds == 1500
    assert flow.step.key == "thanks" and flow.prompt == "two"  # resumed where it stopped
    assert flow.next_prompt() == "one"  # prompts go round
    clock.advance(30)
    flow.next()
    assert flow.item.text == "first" and flow.item_position == "1 of 2"
    flow.add_note("still good")
    assert flow.next_item() and flow.item.key == "b"
    assert not flow.next_item()  # the last one stays
    flow.next()
    assert flow.step.uses_floor
    flow.skip()
    run = flow.finish()
    assert run.finished and flow.done
    by_key = {s.step: s for s in run.steps}
    assert by_key["thanks"].notes[0].text == "you made dinner"
    assert by_key["thanks"].notes[0].by == SAM
    assert by_key["thanks"].seconds == 90  # the 25-minute break is left out
    assert by_key["items"].notes[0].item == "a"
    assert by_key["talk"].skipped and not by_key["items"].skipped
    assert run.breaks[0].called_by == ALEX
    assert flow.skipped() == ["talk"]


def test_the_calm_gate_waits_for_both_and_asks_again_after_a_break():
    clock = FakeClock()
    flow = new_flow(clock)
    flow.answer(SAM, True)
    assert flow.waiting_for == [ALEX] and not flow.can_go_on
    with pytest.raises(NotNow):
        flow.next()
    with pytest.raises(NotNow):
        flow.skip()  # the gate cannot be skipped
    flow.answer(ALEX, False)
    flow.take_break(ALEX)
    clock.advance(20 * 60)
    flow.end_break()
    assert flow.waiting_for == [SAM, ALEX]  # how they felt before is asked again
    flow.answer(SAM, True)
    flow.answer(ALEX, True)
    assert flow.can_go_on
    flow.next()
    assert flow.result("calm").answers == {SAM: True, ALEX: True}


def test_stopping_early_marks_the_rest_skipped():
    clock = FakeClock()
    flow = new_flow(clock)
    flow.answer(SAM, True)
    flow.answer(ALEX, True)
    flow.next()
    run = flow.finish()
    assert not run.finished
    assert [s.step for s in run.steps if s.skipped] == ["thanks", "items", "talk"]
    with pytest.raises(NotNow):
        flow.next()


def test_finishing_on_a_break_closes_the_break():
    clock = FakeClock()
    flow = new_flow(clock)
    flow.take_break(SAM, planned_seconds=1200)
    clock.advance(300)
    run = flow.finish()
    assert run.breaks[0].actual_seconds == 300 and run.breaks[0].ended_early


def test_a_break_record_from_the_break_clock_is_kept_as_given():
    clock = FakeClock()
    flow = new_flow(clock)
    flow.take_break(SAM)
    given = BreakTaken(called_by=SAM, called_at=clock.now(), planned_seconds=1800,
                       actual_seconds=1900.0)
    assert flow.end_break(given) is given
    assert flow.breaks == [given]


def test_back_returns_to_a_skipped_step_and_unmarks_it():
    clock = FakeClock()
    flow = new_flow(clock)
    flow.answer(SAM, True)
    flow.answer(ALEX, True)
    flow.next()
    flow.skip()
    assert flow.result("thanks").skipped
    assert flow.back().key == "thanks"
    assert not flow.result("thanks").skipped


def test_notes_need_words_and_a_partner_of_this_ritual():
    flow = new_flow(FakeClock())
    with pytest.raises(ValueError):
        flow.add_note("   ", by=SAM)
    with pytest.raises(KeyError):
        flow.add_note("hello", by="someone-else")


def test_choices_are_checked():
    ritual = Ritual("q", "Q", "", 1, (Step("one", "?", "", choices=("Yes", "No")),))
    flow = Flow(ritual, FakeClock(), (SAM,))
    with pytest.raises(ValueError):
        flow.choose("Maybe")
    flow.choose("No")
    assert flow.chosen == {"one": "No"}


def test_notes_for_lists_what_may_be_saved():
    clock = FakeClock()
    flow = new_flow(clock)
    flow.answer(SAM, True)
    flow.answer(ALEX, True)
    flow.next()
    flow.add_note("thanks for the tea", by=ALEX)
    assert [(s.key, n.text) for s, n in flow.notes_for("thanks")] == [
        ("thanks", "thanks for the tea")]


def test_a_break_nobody_started_leaves_no_trace():
    clock = FakeClock()
    flow = new_flow(clock)
    flow.take_break()  # the break screen opened, then "not now"
    clock.advance(10)
    assert flow.end_break() is None
    assert flow.breaks == [] and not flow.on_break
    flow.answer(SAM, True)  # the gate kept nothing and lost nothing
    assert flow.waiting_for == [ALEX]


def test_progress_saved_part_way_resumes_on_the_same_step_with_everything():
    clock = FakeClock()
    flow = new_flow(clock)
    flow.answer(SAM, True)
    flow.answer(ALEX, True)
    flow.next()
    flow.add_note("you made dinner", by=SAM)
    clock.advance(40)
    kept = flow.progress()
    assert kept.in_progress and kept.at_step == "thanks" and not kept.finished
    assert {s.step: s.seconds for s in kept.steps}["thanks"] == 40

    clock.advance(3600)  # a lock, an hour away: that time is not the ritual's
    again = Flow.resumed(RITUAL, clock, (SAM, ALEX), kept)
    assert again.run_id == flow.run_id and again.started_at == flow.started_at
    assert again.step.key == "thanks" and [n.text for n in again.notes] == ["you made dinner"]
    clock.advance(20)
    again.next()
    run = again.finish()
    assert not run.in_progress and run.at_step is None
    assert {s.step: s.seconds for s in run.steps}["thanks"] == 60
    assert run.steps[0].answers == {SAM: True, ALEX: True}
