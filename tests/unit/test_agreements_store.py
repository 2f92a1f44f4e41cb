"""The agreements' use cases as a couple would notice them: with two windows open on
one vault nothing either of them did is lost, and undo puts back the earlier words
(but never over words changed in the other window since)."""

from __future__ import annotations

import stat
from datetime import datetime, timedelta, timezone

import pytest

from conftest import ALEX_PASS, SAM_PASS
from trust_tui.domain import agreements as rules
from trust_tui.models import (
    Agreement,
    AgreementKind,
    AgreementStatus,
    FollowThrough,
    RaisedConcern,
)
from trust_tui.store import agreements
from trust_tui.vault import Vault

NOW = datetime(2026, 3, 2, 18, 0, tzinfo=timezone.utc)
TODAY = NOW.date()
LATE = "Tell me if you'll be late"


@pytest.fixture
def windows(vault: Vault, vault_path) -> tuple[Vault, Vault]:
    """Sam's window and Alex's window on the same file."""
    return vault, Vault.open(vault_path, ALEX_PASS)


def both(vault: Vault) -> list[str]:
    return [p.id for p in vault.partners]


def agreed(vault: Vault, wording: str = LATE, kind=AgreementKind.EXPECTATION) -> Agreement:
    sam, alex = both(vault)
    a = rules.new_agreement(kind, wording, sam, now=NOW - timedelta(days=3))
    a = rules.confirm(rules.confirm(a, sam, [sam, alex], NOW), alex, [sam, alex], NOW)
    agreements.add(vault, a)
    return a


def edit_words(vault: Vault, a: Agreement, wording: str, by: str) -> agreements.Change:
    return agreements.edit(vault, a.id, by=by, now=NOW, wording=wording, category=a.category,
                           asked_by=a.asked_by, review_every_days=a.review_every_days)


def reopened(vault_path) -> Vault:
    return Vault.open(vault_path, SAM_PASS)


def test_a_follow_through_logged_in_one_window_while_the_other_edits_is_not_lost(
        windows, vault_path):
    sam_window, alex_window = windows
    sam, alex = both(sam_window)
    a = agreed(sam_window)
    alex_window.all(Agreement)  # Alex's window has read it, then Sam logs one

    logged = agreements.log_follow_through(sam_window, a.id, by=sam, kept=True, on=TODAY,
                                           now=NOW, note="texted at six")
    changed = edit_words(alex_window, a, "Text me if you'll be home after 7", alex)

    assert logged.problem is None and changed.problem is None
    vault = reopened(vault_path)
    [entry] = vault.all(FollowThrough)
    assert (entry.agreement_id, entry.note, entry.kept) == (a.id, "texted at six", True)
    [stored] = vault.all(Agreement)
    assert stored.wording == "Text me if you'll be home after 7"
    assert stored.history[-1].old_wording == LATE


def test_a_yes_given_in_one_window_stays_when_the_other_changes_the_category(windows,
                                                                            vault_path):
    sam_window, alex_window = windows
    sam, alex = both(sam_window)
    draft = rules.new_agreement(AgreementKind.EXPECTATION, LATE, sam, now=NOW)
    agreements.add(sam_window, draft)
    alex_window.all(Agreement)

    agreements.agree(sam_window, draft.id, sam, [sam, alex], NOW)
    agreements.edit(alex_window, draft.id, by=alex, now=NOW, wording=LATE, category="time",
                    asked_by=sam, review_every_days=14)

    [stored] = reopened(vault_path).all(Agreement)
    assert stored.category == "time" and stored.confirmed_by == [sam]


def test_undo_restores_the_earlier_words(vault, vault_path):
    sam, alex = both(vault)
    a = agreed(vault)
    change = edit_words(vault, a, "Text me if you'll be home after 7", alex)
    assert change.record.status == AgreementStatus.DRAFT

    undone = agreements.undo(vault, change.undo)

    assert (undone.put_back, undone.left) == (1, 0)
    [stored] = reopened(vault_path).all(Agreement)
    assert stored.wording == LATE and stored.history == []
    assert stored.status == AgreementStatus.AGREED and set(stored.confirmed_by) == {sam, alex}


def test_undo_never_writes_over_words_changed_in_the_other_window(windows, vault_path):
    sam_window, alex_window = windows
    sam, alex = both(sam_window)
    a = agreed(sam_window)
    mine = edit_words(sam_window, a, "Text me by 6 if you'll be late", sam)
    edit_words(alex_window, mine.record, "Text me by 5 if you'll be late", alex)

    undone = agreements.undo(sam_window, mine.undo)

    assert (undone.put_back, undone.left) == (0, 1)
    [stored] = reopened(vault_path).all(Agreement)
    assert stored.wording == "Text me by 5 if you'll be late"


def test_undo_of_an_add_or_a_log_takes_it_away(vault, vault_path):
    sam, _ = both(vault)
    added = agreements.add(vault, rules.new_agreement(AgreementKind.BOUNDARY, "Knock first",
                                                      sam, now=NOW))
    a = agreed(vault)
    logged = agreements.log_follow_through(vault, a.id, by=sam, kept=False, on=TODAY, now=NOW)

    agreements.undo(vault, logged.undo)
    agreements.undo(vault, added.undo)

    vault = reopened(vault_path)
    assert [x.wording for x in vault.all(Agreement)] == [LATE]
    assert vault.all(FollowThrough) == []


def test_a_check_back_marks_its_concerns_talked_through_and_undo_opens_them_again(
        vault, vault_path):
    sam, alex = both(vault)
    b = agreed(vault, "My journal is mine", AgreementKind.BOUNDARY)
    raised = agreements.raise_concern(vault, RaisedConcern(by=alex, text="Over my shoulder",
                                                           agreement_id=b.id, created_at=NOW))
    checked = agreements.review(vault, b.id, working={sam: True, alex: True}, outcome="keep",
                                now=NOW, by=sam, concern_ids=[raised.record.id])
    assert checked.record.reviews[-1].outcome == "keep"
    assert reopened(vault_path).all(RaisedConcern)[0].addressed

    agreements.undo(vault, checked.undo)

    vault = reopened(vault_path)
    assert not vault.all(RaisedConcern)[0].addressed
    assert vault.all(Agreement)[0].reviews == []
    marked = agreements.mark_talked_through(vault, [raised.record.id])
    assert reopened(vault_path).all(RaisedConcern)[0].addressed
    agreements.undo(vault, marked.undo)
    assert not reopened(vault_path).all(RaisedConcern)[0].addressed


def test_a_change_to_one_gone_or_no_longer_agreed_changes_nothing_and_says_why(windows,
                                                                              vault_path):
    sam_window, alex_window = windows
    sam, alex = both(sam_window)
    a = agreed(sam_window)
    agreements.pause(alex_window, a.id)  # paused in the other window meanwhile

    logged = agreements.log_follow_through(sam_window, a.id, by=sam, kept=True, on=TODAY,
                                           now=NOW)
    assert logged.record is None and "once both of you have agreed" in logged.problem
    assert reopened(vault_path).all(FollowThrough) == []

    resumed = agreements.resume(sam_window, a.id, NOW)
    assert resumed.record.status == AgreementStatus.AGREED

    sam_window.remove(Agreement, a.id)
    gone = agreements.agree(alex_window, a.id, alex, [sam, alex], NOW)
    assert gone.record is None and gone.problem == agreements.GONE
    assert reopened(vault_path).all(Agreement) == []


def test_home_hears_what_is_due_for_each_kind(vault):
    sam, alex = both(vault)
    agreements.add(vault, rules.new_agreement(AgreementKind.EXPECTATION, LATE, sam, now=NOW))
    agreements.raise_concern(vault, RaisedConcern(by=alex, text="Over my shoulder"))
    assert agreements.due_lines(vault, TODAY, AgreementKind.EXPECTATION) == [
        "1 expectation waits to be agreed by both"]
    assert any("Over my shoulder" in line
               for line in agreements.due_lines(vault, TODAY, AgreementKind.BOUNDARY))


def test_export_writes_a_private_file_or_says_why_not(vault, tmp_path):
    agreed(vault, "Tell me if you'll be late [bold]")
    target = tmp_path / "ours.md"

    assert agreements.export(vault, target, today=TODAY) is None
    assert "Tell me if you'll be late [bold]" in target.read_text()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600

    why = agreements.export(vault, tmp_path / "nope" / "x.md", today=TODAY)
    assert why == "its folder does not exist (or is not a folder)"
    assert not (tmp_path / "nope").exists()


def test_the_export_keeps_each_agreements_history(vault, tmp_path):
    """Reviews, follow-through and concerns talked through stay on the record: the
    agreements page (and so the full Markdown export) lists them."""
    sam, alex = both(vault)
    b = agreed(vault, "My journal is mine", AgreementKind.BOUNDARY)
    raised = agreements.raise_concern(vault, RaisedConcern(by=alex, text="Over my shoulder",
                                                           agreement_id=b.id, created_at=NOW))
    agreements.log_follow_through(vault, b.id, by=sam, kept=True, on=TODAY, now=NOW)
    agreements.log_follow_through(vault, b.id, by=alex, kept=False, on=TODAY, now=NOW)
    agreements.review(vault, b.id, working={sam: True, alex: True}, outcome="keep",
                      now=NOW, by=sam, note="Easier now", concern_ids=[raised.record.id])
    target = tmp_path / "ours.md"
    assert agreements.export(vault, target, today=TODAY) is None
    text = target.read_text()
    assert "- Follow-through logged since 2 March 2026: 1 kept, 1 missed" in text
    assert ("- Looked at on 2 March 2026: keep, working for Sam, working for Alex "
            "(Easier now)") in text
    assert ("- Raised by Alex on 2 March 2026 (talked through on 2 March 2026): "
            "Over my shoulder") in text
