"""Merging two copies of one vault (issue 14): revisions, tombstones, conflicts."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import SAM_PASS, make_vault
from trust_tui.models import JournalEntry, Win
from trust_tui.store.merging import merge_from
from trust_tui.vault import Vault
from trust_tui.vault.revisions import HISTORY, REVISIONS, TOMBSTONES, revision_of


def _pair(tmp_path: Path, *records) -> tuple[Vault, Vault]:
    a = make_vault(tmp_path / "a.vault")
    a.add_many(records)
    shutil.copy(a.path, tmp_path / "b.vault")
    return a, Vault.open(tmp_path / "b.vault", SAM_PASS)


def _win(text: str, vault: Vault | None = None, **kw) -> Win:
    return Win(text=text, noticed_by="x", **kw)


def _texts(vault: Vault) -> dict[str, str]:
    return {w.id: w.text for w in vault.all(Win)}


def test_every_record_gets_a_revision_and_a_deletion_a_tombstone(tmp_path):
    a = make_vault(tmp_path / "a.vault")
    win = _win("first")
    a.add(win)
    # A new record's first revision is implied by its content (nothing stored: the
    # file does not grow by a revision per record at 10 years).
    first = revision_of(a.raw_tables(), "wins", a.raw_tables()["wins"]["1"])
    assert first["n"] == 0 and "wins" not in a.raw_tables().get(REVISIONS, {})
    a.update(Win, win.id, lambda w: w.model_copy(update={"text": "second"}))
    rev = a.raw_tables()[REVISIONS]["wins"][win.id]
    assert rev["n"] == 1 and rev["by"] == a.me.id and rev["at"] and rev["p"] == [first["h"]]
    a.update(Win, win.id, lambda w: w.model_copy(update={"text": "third"}))
    rev2 = a.raw_tables()[REVISIONS]["wins"][win.id]
    assert rev2["n"] == 2 and rev2["p"] == [first["h"], rev["h"]]
    a.remove(Win, win.id)
    assert win.id not in a.raw_tables()[REVISIONS]["wins"]
    assert a.raw_tables()[TOMBSTONES]["wins"][win.id]["n"] == 3
    assert "_revisions" not in a.counts() and set(a.counts()) >= {"wins"}


def test_one_sided_changes_come_across(tmp_path):
    keep, edit, gone = _win("keep"), _win("edit me"), _win("delete me")
    a, b = _pair(tmp_path, keep, edit, gone)
    b.update(Win, edit.id, lambda w: w.model_copy(update={"text": "edited on b"}))
    b.remove(Win, gone.id)
    new = _win("new on b")
    b.add(new)
    report = merge_from(a, b.path, SAM_PASS)
    assert _texts(a) == {keep.id: "keep", edit.id: "edited on b", new.id: "new on b"}
    assert (report.came_in, report.updated, report.deleted, report.conflicts) == (1, 1, 1, 0)
    again = merge_from(a, b.path, SAM_PASS)
    assert not again.changed and again.lines()[0].startswith("Nothing to merge")


def test_both_changed_the_later_wins_the_other_is_in_history(tmp_path):
    win = _win("start")
    a, b = _pair(tmp_path, win)
    a.update(Win, win.id, lambda w: w.model_copy(update={"text": "from a"}))
    b.update(Win, win.id, lambda w: w.model_copy(update={"text": "from b"}))  # later
    report = merge_from(a, b.path, SAM_PASS)
    assert _texts(a) == {win.id: "from b"}
    assert report.conflicts == 1 and len(report.lines()) == 2
    assert "from" not in report.lines()[1]  # no content quoted
    history = a.raw_tables()[HISTORY]["wins"][win.id]
    assert [h["doc"]["text"] for h in history] == ["from a"]
    merge_from(b, a.path, SAM_PASS)
    assert _texts(b) == _texts(a)
    assert b.raw_tables()[HISTORY] == a.raw_tables()[HISTORY]


def test_an_edit_against_a_deletion_is_kept_and_said(tmp_path):
    win = _win("start")
    a, b = _pair(tmp_path, win)
    a.remove(Win, win.id)
    b.update(Win, win.id, lambda w: w.model_copy(update={"text": "kept"}))
    report = merge_from(a, b.path, SAM_PASS)
    assert _texts(a) == {win.id: "kept"} and report.kept_edits == 1
    assert "edit is kept" in report.lines()[-1]
    assert not merge_from(a, b.path, SAM_PASS).changed


def test_dry_run_writes_nothing(tmp_path):
    a, b = _pair(tmp_path, _win("one"))
    b.add(_win("two"))
    before = a.path.read_bytes()
    report = merge_from(a, b.path, SAM_PASS, dry_run=True)
    assert report.came_in == 1 and "dry run: nothing was written" in report.lines()[0]
    assert a.path.read_bytes() == before


def test_private_entries_merge_sealed(tmp_path):
    """A private entry written on one copy arrives still sealed: its words are in
    neither file in the clear, and only its writer reads them after the merge."""
    from datetime import datetime, timezone

    from conftest import ALEX_PASS
    from trust_tui.domain.journal import EntryDraft
    from trust_tui.store import journal

    a, b = _pair(tmp_path)
    words = "Only mine to read, written on the second copy."
    journal.save_entry(b, EntryDraft(author=b.me.id, kind="entry", feeling=None, text=words,
                                     private=True), datetime(2026, 3, 3, 21, tzinfo=timezone.utc))
    merge_from(a, b.path, SAM_PASS)
    assert words not in json.dumps(a.raw_tables()) and words.encode() not in a.path.read_bytes()
    [entry] = a.all(JournalEntry)
    assert words in (a.unseal(entry.sealed) or "")
    alex = Vault.open(a.path, ALEX_PASS)
    assert alex.unseal(alex.all(JournalEntry)[0].sealed) is None


def test_the_app_merges_without_a_passphrase_only_a_copy_with_the_same_keyslots(tmp_path):
    """The app keeps no passphrase once unlocked: a copy whose passphrases were
    changed since it parted is refused, saying a passphrase must be given for it."""
    import pytest

    from conftest import ALEX_PASS
    from trust_tui.store.merging import NeedsPassphrase

    a, b = _pair(tmp_path, _win("one"))
    b.add(_win("two"))
    assert merge_from(a, b.path, None, dry_run=True).came_in == 1
    b_alex = Vault.open(b.path, ALEX_PASS)
    b_alex.change_passphrase(b_alex.me, "alex-has-a-new-one")
    with pytest.raises(NeedsPassphrase, match="merge it with a passphrase that opens it"):
        merge_from(a, b.path, None)
    assert len(a.all(Win)) == 1


def test_the_command_merges_and_says_so(tmp_path, monkeypatch, capsys):
    from trust_tui.cli import main

    a, b = _pair(tmp_path, _win("one"))
    b.add(_win("two"))
    monkeypatch.setenv("TRUST_TUI_PASSPHRASE", SAM_PASS)
    assert main(["--vault", str(a.path), "merge", str(b.path), "--dry-run"]) == 0
    assert "1 record would be brought in" in capsys.readouterr().out
    assert len(Vault.open(a.path, SAM_PASS).all(Win)) == 1
    assert main(["--vault", str(a.path), "merge", str(b.path)]) == 0
    assert "1 record was brought in" in capsys.readouterr().out
    assert len(Vault.open(a.path, SAM_PASS).all(Win)) == 2


def test_a_copy_with_another_passphrase_is_refused_in_one_sentence(tmp_path, monkeypatch,
                                                                    capsys):
    from trust_tui.cli import main

    a = make_vault(tmp_path / "a.vault")
    other = Vault.create(tmp_path / "b.vault", [("Sam", "another-pass-1"),
                                                 ("Alex", "another-pass-2")],
                         kdf=a._storage.header.slots[0].kdf)
    monkeypatch.setenv("TRUST_TUI_PASSPHRASE", SAM_PASS)
    assert main(["--vault", str(a.path), "merge", str(other.path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "another vault" in err


def test_import_says_what_it_changed(tmp_path, monkeypatch, capsys):
    win = _win("start")
    a, b = _pair(tmp_path, win)
    b.update(Win, win.id, lambda w: w.model_copy(update={"text": "edited on b"}))
    said = _exported_and_imported(b, a, tmp_path, monkeypatch, capsys)
    assert "1 changed as in the export and 0 removed" in said
    assert _texts(Vault.open(a.path, SAM_PASS)) == {win.id: "edited on b"}


def _format_of(path: Path) -> int:
    return int.from_bytes(path.read_bytes()[8:10], "big")


def test_a_version_1_vault_opens_upgrades_on_its_first_save_and_keeps_a_bak(tmp_path,
                                                                           monkeypatch):
    from trust_tui.vault import fileformat
    from trust_tui.vault.storage import backup_path

    old = _win("written by the version before")
    with monkeypatch.context() as patched:
        patched.setattr(fileformat, "FORMAT_VERSION", 1)
        first = make_vault(tmp_path / "v1.vault")
        first.add(old)
    raw = dict(first.raw_tables())
    raw.pop(REVISIONS), raw.pop(TOMBSTONES, None)  # as version 1 wrote it: none of these
    with monkeypatch.context() as patched:
        patched.setattr(fileformat, "FORMAT_VERSION", 1)
        first._storage.before_write = None  # written as version 1 wrote: nothing stamped
        first._storage.write(raw)
    path = first.path
    assert _format_of(path) == 1 and REVISIONS not in first.raw_tables()
    shutil.copy(path, tmp_path / "still-v1.vault")

    vault = Vault.open(path, SAM_PASS)  # opens as it is; nothing written
    assert _format_of(path) == 1 and _texts(vault) == {old.id: old.text}
    new = _win("the first save")
    vault.add(new)
    assert _format_of(path) == 2 and _format_of(backup_path(path)) == 1
    assert _texts(Vault.open(backup_path(path), SAM_PASS)) == {old.id: old.text}
    assert "wins" not in vault.raw_tables()[REVISIONS]  # both first versions: implied
    # An edit on the copy still in version 1 comes across; the upgraded one's record too.
    still = Vault.open(tmp_path / "still-v1.vault", SAM_PASS)
    report = merge_from(still, path, SAM_PASS)
    assert report.came_in == 1 and _texts(still) == _texts(vault)


def test_a_copy_whose_other_passphrase_changed_is_refused_and_says_what_to_do(tmp_path):
    import pytest

    from conftest import ALEX_PASS
    from trust_tui.store.merging import MergeRefused

    a, _ = _pair(tmp_path, _win("one"))
    b_alex = Vault.open(tmp_path / "b.vault", ALEX_PASS)
    b_alex.change_passphrase(b_alex.me, "alex-has-a-new-one")  # a new private key too
    with pytest.raises(MergeRefused) as refused:
        merge_from(a, tmp_path / "b.vault", SAM_PASS)
    said = str(refused.value)
    assert "Alex's passphrase was changed on one copy only" in said and "\n" not in said
    with pytest.raises(MergeRefused, match="does not open with this passphrase"):
        merge_from(a, tmp_path / "b.vault", "not-the-passphrase")


def test_safety_checks_kept_on_both_copies_all_stay(tmp_path):
    """Lockers merge still sealed; the owner's next look (their key) sees both."""
    a, b = _pair(tmp_path)
    me = a.me.id
    a.add_to_locker(a.hold_key(me), "checked in on the first copy", "2026-03-01T10:00:00+00:00")
    b.add_to_locker(b.hold_key(me), "checked in on the second copy", "2026-03-02T10:00:00+00:00")
    before = a.raw_tables()["lockers"]
    merge_from(a, b.path, SAM_PASS)
    assert "checked in" not in json.dumps(a.raw_tables())  # nothing opened into the file
    assert a.raw_tables()["lockers"] is not before
    texts = [c["text"] for c in a.locker(me)]
    assert texts == ["checked in on the first copy", "checked in on the second copy"]
    merge_from(b, a.path, SAM_PASS)
    assert [c["text"] for c in b.locker(me)] == texts


def test_putting_the_backup_back_is_a_change_a_merge_keeps(tmp_path):
    win = _win("start")
    a, b = _pair(tmp_path, win)
    a.update(Win, win.id, lambda w: w.model_copy(update={"text": "a slip"}))
    shutil.copy(a.path, b.path)  # synced: both hold the slip
    a.restore_backup()  # undone on this copy
    assert _texts(a) == {win.id: "start"}
    merge_from(Vault.open(b.path, SAM_PASS), a.path, SAM_PASS)
    assert _texts(Vault.open(b.path, SAM_PASS)) == {win.id: "start"}


def test_a_copy_with_the_same_keyslots_needs_no_second_key_derivation(tmp_path, monkeypatch):
    from trust_tui.vault import keyslots

    a, b = _pair(tmp_path, _win("one"))
    b.add(_win("two"))

    def no_derivation(*args, **kwargs):
        raise AssertionError("derived a key again")

    monkeypatch.setattr(keyslots.KdfParams, "derive", no_derivation)
    assert merge_from(a, b.path, SAM_PASS).came_in == 1


def test_a_merge_is_written_newer_than_both_copies_and_once(tmp_path):
    """The copy that saved more often has the higher generation: the merged vault is
    newer than it (so this machine's note never calls it rolled back), and merging
    again writes nothing."""
    a, b = _pair(tmp_path, _win("one"))
    for n in range(3):
        b.add(_win(f"on b {n}"))
    b.remove(Win, b.all(Win)[-1].id)
    assert b.generation > a.generation
    merge_from(a, b.path, SAM_PASS)
    after = a.generation
    assert after > b.generation and len(a.all(Win)) == 3
    assert merge_from(a, b.path, SAM_PASS).changed == 0 and a.generation == after
    # Nothing new, but the other copy saved more: still written as the newer.
    c = Vault.open(tmp_path / "b.vault", SAM_PASS)
    a.add(_win("then on a"))
    a.remove(Win, a.all(Win)[-1].id)
    for _ in range(5):
        c.update(Win, c.all(Win)[0].id, lambda w: w)  # saves that change nothing
    c._storage.write(dict(c.raw_tables()))
    c._storage.write(dict(c.raw_tables()))
    assert c.generation > a.generation
    merge_from(a, c.path, SAM_PASS)
    assert a.generation > c.generation


def test_a_damaged_history_table_leaves_the_locker_readable_and_savable(tmp_path):
    vault = make_vault(tmp_path / "couple.vault")
    me = vault.me.id
    vault.add_to_locker(vault.hold_key(me), "checked in", "2026-03-01T10:00:00+00:00")
    with vault.transaction():
        tables = dict(vault.raw_tables())
        tables[HISTORY] = [1]  # not a table: what a damaged file might hold
        vault.write_raw(tables)
    assert [c["text"] for c in vault.locker(me)] == ["checked in"]
    vault.add_to_locker(vault.hold_key(me), "again", "2026-03-02T10:00:00+00:00")
    assert [c["text"] for c in vault.locker(me)] == ["checked in", "again"]


def test_an_import_counts_a_record_it_left_as_it_was_even_beside_a_deletion(
        tmp_path, monkeypatch, capsys):
    kept, gone = _win("kept"), _win("gone")
    a, b = _pair(tmp_path, kept, gone)
    b.remove(Win, gone.id)
    said = _exported_and_imported(b, a, tmp_path, monkeypatch, capsys)
    assert "Brought in 0 records; 1 were already in the vault." in said
    assert _texts(Vault.open(a.path, SAM_PASS)) == {kept.id: "kept"}


def test_an_import_counts_a_conflict_won_by_the_export_as_changed_not_already_there(
        tmp_path, monkeypatch, capsys):
    theirs, ours = _win("start"), _win("also start")
    a, b = _pair(tmp_path, theirs, ours)
    a.update(Win, theirs.id, lambda w: w.model_copy(update={"text": "from a"}))
    b.update(Win, theirs.id, lambda w: w.model_copy(update={"text": "from b"}))  # later
    b.update(Win, ours.id, lambda w: w.model_copy(update={"text": "from b"}))
    a.update(Win, ours.id, lambda w: w.model_copy(update={"text": "from a"}))  # later
    said = _exported_and_imported(b, a, tmp_path, monkeypatch, capsys)
    assert _texts(Vault.open(a.path, SAM_PASS)) == {theirs.id: "from b", ours.id: "from a"}
    # The export's version taken is a change; the one where this vault's won stayed.
    assert "Brought in 0 records; 1 were already in the vault." in said
    assert "1 changed as in the export and 0 removed" in said


def test_a_record_deleted_here_stays_deleted_when_an_export_with_other_ids_comes_again(
        tmp_path, monkeypatch, capsys):
    # Two vaults made apart: the same names, other partner ids, so an import remaps
    # the records. The first version's revision is the one its content here implies;
    # the export's (of the content before the remap) made the deletion look older.
    a = make_vault(tmp_path / "a.vault")
    win = Win(text="hello", noticed_by=a.partner_named("Alex").id)
    a.add(win)
    other = make_vault(tmp_path / "other.vault")
    _exported_and_imported(a, other, tmp_path, monkeypatch, capsys)
    assert Vault.open(other.path, SAM_PASS).remove(Win, win.id)
    said = _exported_and_imported(a, other, tmp_path, monkeypatch, capsys)
    assert _texts(Vault.open(other.path, SAM_PASS)) == {}
    assert "the edit is kept" not in said and "Brought in 0 records." in said


def _moved_apart(tmp_path, monkeypatch, capsys):
    """A vault `a` with a win, and `other` (the same names, other partner ids) that
    took it in from a's export: the two copies after a move to a new vault."""
    a = make_vault(tmp_path / "a.vault")
    win = Win(text="hello", noticed_by=a.partner_named("Alex").id)
    a.add(win)
    other = make_vault(tmp_path / "other.vault")
    _exported_and_imported(a, other, tmp_path, monkeypatch, capsys)
    return a, other, win


def test_a_record_deleted_in_a_vault_with_other_ids_goes_here_too(tmp_path, monkeypatch,
                                                                   capsys):
    a, other, win = _moved_apart(tmp_path, monkeypatch, capsys)
    assert a.remove(Win, win.id)
    said = _exported_and_imported(a, other, tmp_path, monkeypatch, capsys)
    assert _texts(Vault.open(other.path, SAM_PASS)) == {}
    assert "1 removed as deleted there" in said and "the edit is kept" not in said


def test_a_record_edited_only_in_a_vault_with_other_ids_comes_in_as_a_change(
        tmp_path, monkeypatch, capsys):
    a, other, win = _moved_apart(tmp_path, monkeypatch, capsys)
    a.update(Win, win.id, lambda w: w.model_copy(update={"text": "hello again"}))
    said = _exported_and_imported(a, other, tmp_path, monkeypatch, capsys)
    assert _texts(Vault.open(other.path, SAM_PASS)) == {win.id: "hello again"}
    assert "1 changed as in the export" in said and "changed on both copies" not in said
    assert not any(Vault.open(other.path, SAM_PASS).raw_tables().get("_history", {}).values())


def _exported_and_imported(source, target, tmp_path, monkeypatch, capsys) -> str:
    """`source` exported and imported into `target` through the CLI: what it said."""
    from trust_tui.cli import main

    monkeypatch.setenv("TRUST_TUI_PASSPHRASE", SAM_PASS)
    exported = tmp_path / "b.json"
    assert main(["--vault", str(source.path), "export", "-o", str(exported)]) == 0
    assert main(["--vault", str(target.path), "import", str(exported)]) == 0
    return capsys.readouterr().out


def test_a_damaged_sealed_text_is_remapped_not_a_crash():
    """A vault's records are put back in an export's terms when an import matches
    versions (`_in_this_vaults_terms`): one damaged (a sealed text whose owner is
    not a string) is walked like any other value, not a TypeError."""
    from trust_tui.import_merge import remap

    damaged = {"id": "a", "text": {"owner": ["x"], "nonce": "n", "ciphertext": "c"}}
    assert remap(damaged, {"x": "y"}, set()) == {
        "id": "a", "text": {"owner": ["y"], "nonce": "n", "ciphertext": "c"}}
    assert remap({"owner": "x", "nonce": "n", "ciphertext": "c"}, {}, {"x"}) is None
