"""store.rituals: a ritual kept as it goes, finished once, across two windows."""

from __future__ import annotations

from conftest import ALEX_PASS, SAM_PASS

from trust_tui.domain import agreements as agreement_rules
from trust_tui.domain import rituals
from trust_tui.domain.clock import FakeClock
from trust_tui.domain.flow import Flow
from trust_tui.models import (
    Agreement, AgreementKind, AgreementStatus, RitualNote, RitualRun, Setback, Win,
)
from trust_tui.store import rituals as store
from trust_tui.vault import Vault


def a_weekly(vault: Vault, clock: FakeClock) -> Flow:
    sam, alex = (p.id for p in vault.partners)
    return Flow(rituals.weekly(), clock, (sam, alex))


def test_a_ritual_under_way_is_kept_and_found_again(vault, vault_path, clock):
    flow = a_weekly(vault, clock)
    flow.add_note("thank you for the tea", by=flow.partners[1])
    flow.next()
    store.keep_progress(vault, flow.progress())
    other = Vault.open(vault_path, ALEX_PASS)
    found = store.unfinished(other)
    assert found is not None and found.at_step == "went_well"
    assert found.steps[0].notes[0].text == "thank you for the tea"


def test_a_late_save_never_brings_an_ended_ritual_back(vault, vault_path, clock):
    flow = a_weekly(vault, clock)
    flow.add_note("the tea", by=None)
    under_way = flow.progress()
    store.finish(vault, flow.finish(), [], {}, by=flow.partners[0], now=clock.now())
    store.keep_progress(vault, under_way)  # a save asked for earlier, landing late
    [kept] = Vault.open(vault_path, SAM_PASS).all(RitualRun)
    assert not kept.in_progress
    assert store.unfinished(vault) is None


def test_finishing_writes_what_the_notes_became_and_the_reviews(vault, vault_path, clock):
    sam, alex = (p.id for p in vault.partners)
    call = agreement_rules.new_agreement(AgreementKind.EXPECTATION, "Text me if late", sam,
                                         now=clock.now())
    call = call.model_copy(update={"status": AgreementStatus.AGREED,
                                   "confirmed_by": [sam, alex]})
    vault.add(call)
    flow = a_weekly(vault, clock)
    run = flow.finish()
    thanks = Win(kind="thanks", text="the tea", noticed_by=alex, to=sam, created_at=clock.now())
    for attempt in range(2):  # a second try after a failed one changes nothing more
        store.finish(vault, run, [thanks], {call.id: ("keep", "it works")}, by=sam,
                     now=clock.now())
    reopened = Vault.open(vault_path, ALEX_PASS)
    assert [w.text for w in reopened.all(Win)] == ["the tea"]
    [reviewed] = reopened.all(Agreement)
    assert len(reviewed.reviews) == 1 and reviewed.reviews[0].note == "it works"


def test_a_setback_ended_in_two_windows_is_recorded_once_with_both_windows_notes(
        vault, vault_path, clock):
    sam, alex = (p.id for p in vault.partners)
    flow = Flow(rituals.setback(), clock, (sam, alex))
    flow.answer(sam, True)
    flow.answer(alex, True)
    flow.next()
    flow.add_note("The late evening", by=sam)
    store.keep_progress(vault, flow.progress())
    # The other window ends it first, with a note of its own and the setback.
    other = Vault.open(vault_path, ALEX_PASS)
    [theirs_run] = other.all(RitualRun)
    theirs = Setback(text="The late evening", noted_by=None, talked_through_id=theirs_run.id)
    steps = [step.model_copy(deep=True) for step in theirs_run.steps]
    next(s for s in steps if s.step == "what").notes.append(
        RitualNote(by=None, text="Written in the other window"))
    other.add(theirs)
    other.put(theirs_run.model_copy(update={"in_progress": False, "setback_id": theirs.id,
                                            "steps": steps}))
    # This window ends it too, with its own setback record.
    run = flow.finish()
    ours = Setback(text="The late evening", noted_by=sam, talked_through_id=run.id)
    run.setback_id = ours.id
    ended = store.finish(vault, run, [ours], {}, by=sam, now=clock.now())
    reopened = Vault.open(vault_path, SAM_PASS)
    assert [s.id for s in reopened.all(Setback)] == [theirs.id]
    [saved] = reopened.all(RitualRun)
    assert saved.setback_id == theirs.id == ended.setback_id
    notes = [n.text for s in saved.steps for n in s.notes]
    assert notes.count("The late evening") == 1 and "Written in the other window" in notes
