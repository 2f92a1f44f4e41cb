"""The journal's and the check-in's use cases (store/journal.py, store/checkins.py),
as a couple would notice them: nothing typed is lost, private words never sit in
the clear, an edit keeps the earlier words, two windows never wipe each other."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from conftest import ALEX_PASS
from trust_tui.domain.journal import EntryDraft, read_private_payload
from trust_tui.models import CheckIn, JournalEntry
from trust_tui.store import checkins, journal
from trust_tui.vault import Vault

T0 = datetime(2026, 3, 2, 18, 0, tzinfo=timezone.utc)
TODAY = date(2026, 3, 2)


def words(vault: Vault, text: str, **kw) -> EntryDraft:
    return EntryDraft(author=vault.me.id, kind=kw.pop("kind", "entry"), feeling=None,
                      text=text, private=kw.pop("private", False), **kw)


def test_a_new_entry_is_saved_and_an_edit_keeps_the_earlier_words(vault):
    saved = journal.save_entry(vault, words(vault, "We walked by the river"), T0)
    later = T0 + timedelta(hours=1)
    journal.save_entry(vault, words(vault, "We walked by the river at dusk",
                                    entry_id=saved.entry_id), later)
    entry = vault.get(JournalEntry, saved.entry_id)
    assert entry.text == "We walked by the river at dusk"
    assert [e.old_text for e in entry.history] == ["We walked by the river"]
    assert not saved.brought_back


def test_a_private_entry_is_sealed_never_in_the_clear(vault):
    saved = journal.save_entry(vault, words(vault, "Only mine", private=True), T0)
    entry = vault.get(JournalEntry, saved.entry_id)
    assert entry.text is None and entry.feeling is None and entry.sealed is not None
    assert read_private_payload(vault.unseal(entry.sealed))[0] == "Only mine"
    assert "Only mine" not in vault.path.read_bytes().decode("latin-1")


def test_private_words_are_not_kept_as_a_draft_without_their_writers_key(vault):
    alex = vault.partner_named("Alex")
    draft = EntryDraft(author=alex.id, kind="entry", feeling=None, text="Alex's words",
                       private=True)
    assert journal.keep_draft(vault, draft, T0) is None
    assert vault.all(JournalEntry) == []


def test_kept_words_come_back_and_finishing_them_saves_one_entry(vault):
    kept = journal.keep_draft(vault, words(vault, "Half of what I"), T0)
    [draft] = vault.all(JournalEntry)
    assert (draft.id, draft.draft, draft.text) == (kept, True, "Half of what I")
    # Kept again (a second escape, a lock): the same draft, no copy.
    assert journal.keep_draft(vault, words(vault, "Half of what I meant",
                                           entry_id=kept, is_draft=True), T0) == kept
    journal.save_entry(vault, words(vault, "Half of what I meant to say",
                                    entry_id=kept, is_draft=True), T0)
    [entry] = vault.all(JournalEntry)
    assert (entry.id, entry.draft, entry.history) == (kept, False, [])


def test_an_edits_kept_words_go_once_the_edit_is_saved(vault):
    saved = journal.save_entry(vault, words(vault, "Our evening"), T0)
    edit = words(vault, "Our evening, and more", entry_id=saved.entry_id)
    kept = journal.keep_draft(vault, edit, T0)
    assert vault.get(JournalEntry, kept).draft_of == saved.entry_id
    journal.save_entry(vault, words(vault, "Our evening, and more",
                                    entry_id=saved.entry_id, kept_id=kept), T0)
    assert [e.id for e in vault.all(JournalEntry)] == [saved.entry_id]


def test_saving_an_entry_deleted_in_another_window_brings_it_back(vault, vault_path):
    saved = journal.save_entry(vault, words(vault, "Our evening"), T0)
    other = Vault.open(vault_path, ALEX_PASS)
    journal.delete_entry(other, saved.entry_id, T0)
    again = journal.save_entry(vault, words(vault, "Our evening, kept",
                                            entry_id=saved.entry_id), T0)
    assert again.brought_back
    entry = vault.get(JournalEntry, saved.entry_id)
    assert not entry.deleted and entry.text == "Our evening, kept"


def test_delete_undelete_and_purge(vault):
    saved = journal.save_entry(vault, words(vault, "Something"), T0)
    journal.delete_entry(vault, saved.entry_id, T0)
    assert vault.get(JournalEntry, saved.entry_id).deleted
    journal.undelete(vault, saved.entry_id)
    assert not vault.get(JournalEntry, saved.entry_id).deleted
    journal.purge(vault, [saved.entry_id])
    assert vault.all(JournalEntry) == []


def test_a_kept_honesty_line_becomes_the_entry_when_saved(vault):
    kept = journal.keep_draft(vault, words(vault, "I forgot to tex", kind="slip",
                                           entry_id="line-1", is_draft=True), T0)
    line = journal.kept_line(vault)
    assert line is not None and (line.id, line.kind) == (kept, "slip")
    journal.save_line(vault, vault.me.id, "slip", "I forgot to text, sorry", T0, kept)
    [entry] = vault.all(JournalEntry)
    assert (entry.id, entry.draft, entry.text) == (kept, False, "I forgot to text, sorry")
    assert journal.kept_line(vault) is None
    journal.let_draft_go(vault, "gone-already")  # nothing there: nothing to do


def test_a_second_check_in_the_same_day_replaces_the_first(vault, vault_path):
    sam, alex = vault.partner_named("Sam").id, vault.partner_named("Alex").id
    assert len(checkins.due(vault, TODAY)) == 1
    [first] = checkins.save_today(vault, [checkins.Answer(sam, "calm", 6)], TODAY, T0)
    assert "still open for Alex" in checkins.due(vault, TODAY)[0]
    # Another window saves Alex's and then Sam's again: Sam's first is replaced.
    other = Vault.open(vault_path, ALEX_PASS)
    checkins.save_today(other, [checkins.Answer(alex, None, 4),
                                checkins.Answer(sam, "hopeful", 8)], TODAY, T0)
    vault.reload()
    found = {(c.partner_id, c.safety) for c in vault.all(CheckIn)}
    assert found == {(sam, 8), (alex, 4)}
    assert checkins.todays(vault, TODAY)[sam].id == first.id
    assert checkins.due(vault, TODAY) == []
