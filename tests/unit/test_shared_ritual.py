"""A ritual's run saved by two apps at once: each keeps what it changed; where the
ritual is moves once, and the late move is told (domain/shared_ritual.py)."""

from __future__ import annotations

from trust_tui.domain.shared_ritual import merge_run, moved_late
from trust_tui.models import RitualNote, RitualRun, RitualStepResult


def run(at: str = "calm", notes: tuple[str, ...] = (), answers=None, **more) -> RitualRun:
    steps = [RitualStepResult(step="calm", answers=dict(answers or {})),
             RitualStepResult(step="what", notes=[RitualNote(by="jo", text=t) for t in notes]),
             RitualStepResult(step="felt")]
    return RitualRun(id="r1", ritual="setback", in_progress=True, at_step=at, steps=steps,
                     **more)


def test_with_nobody_else_saving_the_copy_is_kept_as_it_is():
    seen = run()
    mine = run(at="what", answers={"sam": True})
    assert merge_run(seen, mine, seen) == mine
    assert merge_run(run(at="felt"), mine, None) == mine


def test_each_app_keeps_what_it_changed():
    seen = run(at="what", notes=("one",), answers={"sam": True})
    theirs = run(at="what", notes=("one", "theirs"), answers={"sam": True, "jo": True})
    mine = run(at="what", notes=("one", "mine"), answers={})
    merged = merge_run(theirs, mine, seen)
    assert [n.text for n in merged.steps[1].notes] == ["one", "theirs", "mine"]
    assert merged.steps[0].answers == {"jo": True}  # Sam took theirs back; Jo said yes
    assert not moved_late(mine, seen, merged)


def test_two_moves_at_once_keep_the_first():
    seen = run(at="what")
    theirs = run(at="felt")
    back = run(at="calm")
    merged = merge_run(theirs, back, seen)
    assert merged.at_step == "felt" and moved_late(back, seen, merged)
    same = merge_run(theirs, run(at="felt"), seen)
    assert same.at_step == "felt" and not moved_late(run(at="felt"), seen, same)
    # A move made where the other app only wrote a note goes through.
    noted = run(at="what", notes=("theirs",))
    assert merge_run(noted, theirs, seen).at_step == "felt"


def test_marks_and_outcomes_from_whichever_app_changed_them():
    seen = run(outcomes={"a1": "keep"})
    theirs = run(outcomes={"a1": "keep", "a2": "retire"})
    mine = run(outcomes={"a1": "adjust"})
    assert merge_run(theirs, mine, seen).outcomes == {"a1": "adjust", "a2": "retire"}
