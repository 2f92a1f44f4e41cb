"""store.talks: a talk kept as it goes, finished with how it went."""

from __future__ import annotations

from conftest import ALEX_PASS, SAM_PASS

from trust_tui.domain.clock import FakeClock
from trust_tui.domain.floor import Floor
from trust_tui.models import Agreement, AgreementKind, TalkSession
from trust_tui.store import talks
from trust_tui.store.talks import NextStep
from trust_tui.vault import Vault


def a_talk(vault: Vault) -> Floor:
    sam, alex = (p.id for p in vault.partners)
    return Floor.begin(FakeClock(), topic_key="feel", turn_minutes=2, first_speaker_id=sam,
                       partners=(sam, alex))


def test_the_talk_so_far_is_kept_and_the_newest_copy_wins(vault, vault_path):
    floor = a_talk(vault)
    talks.save_progress(vault, floor.session.model_copy(deep=True))
    floor.start_speaking()
    floor.end_turn()
    floor.paraphrased("late again")
    floor.confirm()
    talks.save_progress(vault, floor.session.model_copy(deep=True))
    [saved] = Vault.open(vault_path, ALEX_PASS).all(TalkSession)
    assert len(saved.turns) == 1 and saved.turns[0].paraphrase == "late again"


def test_finishing_makes_drafts_only_of_steps_meant_as_agreements(vault, vault_path):
    floor = a_talk(vault)
    sam, alex = floor.partners
    floor.end()
    floor.check_in(sam, 7)
    steps = [NextStep("Walk on Sunday", "note", sam),
             NextStep("Tell me if you'll be late", "expectation", alex),
             NextStep("No phones at dinner", "boundary", sam)]
    talks.finish(vault, floor.session.model_copy(deep=True), steps)
    reopened = Vault.open(vault_path, SAM_PASS)
    [saved] = reopened.all(TalkSession)
    assert saved.next_steps == ["Walk on Sunday", "Tell me if you'll be late",
                                "No phones at dinner"]
    assert [(c.partner_id, c.rating) for c in saved.check_ins] == [(sam, 7)]
    drafts = sorted(reopened.all(Agreement), key=lambda a: a.wording)
    assert [(a.kind, a.asked_by, a.status.value) for a in drafts] == [
        (AgreementKind.BOUNDARY, sam, "draft"), (AgreementKind.EXPECTATION, alex, "draft")]
    assert all(a.source_talk_id == saved.id for a in drafts)


def test_words_kept_at_a_lock_join_the_ended_talk_without_drafts(vault, vault_path):
    floor = a_talk(vault)
    sam, alex = floor.partners
    floor.end()
    floor.check_in(alex, 3)
    talks.keep_words(vault, floor.session.model_copy(deep=True),
                     {sam: " 8 ", alex: "eleven"}, ["Walk on Sunday"])
    reopened = Vault.open(vault_path, SAM_PASS)
    [saved] = reopened.all(TalkSession)
    # A number that is not 1-10 is not a rating: the one given before stays.
    assert {(c.partner_id, c.rating) for c in saved.check_ins} == {(sam, 8), (alex, 3)}
    assert saved.next_steps == ["Walk on Sunday"]
    assert reopened.all(Agreement) == []


def test_only_whole_numbers_from_1_to_10_are_safety_ratings():
    assert talks.safety_ratings({"a": "10", "b": "0", "c": "", "d": "4.5", "e": " 1"}) == {
        "a": 10, "e": 1}


def test_seated_apart_each_app_keeps_and_finishes_only_its_own_partners_rating(vault):
    floor = a_talk(vault)
    sam, alex = floor.partners
    floor.end()
    ended = floor.session.model_copy(deep=True)  # each app's copy, with no rating in it
    talks.save_progress(vault, ended)
    talks.keep_words(vault, ended, {sam: "7"}, [])  # Sam's app, at a lock
    talks.finish(vault, ended, [], {alex: "4"})  # Alex's app: save and finish
    [saved] = vault.all(TalkSession)
    assert {(c.partner_id, c.rating) for c in saved.check_ins} == {(sam, 7), (alex, 4)}
    # At one keyboard both boxes are this copy's: a box emptied takes its number out.
    talks.finish(vault, ended, [], {sam: "", alex: "5"})
    [saved] = vault.all(TalkSession)
    assert [(c.partner_id, c.rating) for c in saved.check_ins] == [(alex, 5)]


def test_seated_apart_neither_apps_next_steps_are_lost(vault):
    floor = a_talk(vault)
    sam, alex = floor.partners
    floor.end()
    ended = floor.session.model_copy(deep=True)  # each app opened the form on this copy
    talks.save_progress(vault, ended)
    talks.finish(vault, ended, [NextStep("Walk on Sunday", "note", sam)], {sam: "7"})
    # Alex's app saves after, knowing nothing of Sam's step: both steps stay.
    talks.finish(vault, ended, [NextStep("Call before nine", "expectation", alex)],
                 {alex: "4"})
    [saved] = vault.all(TalkSession)
    assert saved.next_steps == ["Call before nine", "Walk on Sunday"]
    assert {(c.partner_id, c.rating) for c in saved.check_ins} == {(sam, 7), (alex, 4)}
    # Words kept at a lock in Sam's app later keep Alex's step too.
    talks.keep_words(vault, ended, {sam: "7"}, ["Walk on Sunday", "Rest"])
    [saved] = vault.all(TalkSession)
    assert saved.next_steps == ["Walk on Sunday", "Rest", "Call before nine"]


def test_unended_names_every_talk_begun_and_not_ended(vault):
    going = a_talk(vault)
    talks.save_progress(vault, going.session.model_copy(deep=True))
    done = a_talk(vault)
    done.end()
    talks.save_progress(vault, done.session.model_copy(deep=True))
    assert talks.unended(vault) == frozenset({going.session.id})
