"""The encrypted vault: what it keeps, who opens it, what it refuses, what it hides."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import struct
import threading
import traceback
from pathlib import Path

import pytest
from conftest import ALEX_PASS, SAM_PASS, make_vault
from doctored import rewrite
from vault_samples import sample_model

from trust_tui.models import ALL_RECORDS, JournalEntry, MiniGoal, Partner, Settings, Win
from trust_tui.vault import FAST_TEST_KDF, Vault, fileformat
from trust_tui.vault import storage as storage_module
from trust_tui.vault.errors import (
    DamagedVault,
    NoBackup,
    NotAVault,
    NotYourSlot,
    PassphraseTaken,
    NoVault,
    NewerFormat,
    UnreadableRecord,
    UnsafeHeader,
    VaultError,
    VaultLocked,
    WrongPassphrase,
)
from trust_tui.vault.keyslots import KdfParams
from trust_tui.vault.storage import backup_path, file_identity, temp_prefix
from trust_tui.vault.vault import damaged_path, lock_path

CANARY = "canary-7f3a91-do-not-leak"


def win(vault: Vault, text: str) -> Win:
    return Win(text=text, noticed_by=vault.me.id)


def texts(vault: Vault) -> list[str]:
    return [w.text for w in vault.all(Win)]


def set_version(path: Path, version: int) -> None:
    blob = bytearray(path.read_bytes()[:-32])
    struct.pack_into(">H", blob, 8, version)
    path.write_bytes(bytes(blob) + hashlib.sha256(blob).digest())


# --- round trips ---------------------------------------------------------------------

@pytest.mark.parametrize("model", ALL_RECORDS, ids=lambda m: m.__name__)
def test_every_model_round_trips_exactly(vault_path: Path, model):
    vault = make_vault(vault_path)
    record = sample_model(model)
    vault.add(record)
    reopened = Vault.open(vault_path, ALEX_PASS)
    assert reopened.get(model, record.id) == record
    assert record in reopened.all(model)


def test_put_update_remove_and_add_many(vault: Vault, vault_path: Path):
    goal = MiniGoal(text="Honest about small things for a week")
    vault.put(goal)
    vault.update(MiniGoal, goal.id, lambda g: g.progress.append(goal.created_at.date()))
    current = vault.get(MiniGoal, goal.id)
    vault.put(current.model_copy(update={"text": "Honest for two weeks"}))
    entries = [JournalEntry(author=vault.me.id, text=f"day {n}") for n in range(3)]
    assert vault.add_many(entries) == 3
    assert vault.add_many(entries, skip_existing=True) == 0
    assert vault.remove(JournalEntry, entries[1].id) is True
    assert vault.remove(JournalEntry, entries[1].id) is False

    again = Vault.open(vault_path, SAM_PASS)
    [stored] = again.all(MiniGoal)
    assert stored.text == "Honest for two weeks"
    assert stored.progress == [goal.created_at.date()]
    assert sorted(e.text for e in again.all(JournalEntry)) == ["day 0", "day 2"]
    with pytest.raises(KeyError):
        again.update(MiniGoal, "no-such-id", lambda g: None)


def test_add_many_refuses_a_duplicate_id_and_changes_nothing(vault: Vault, vault_path: Path):
    first = win(vault, "first")
    vault.add(first)
    before = vault_path.read_bytes()
    other = JournalEntry(author=vault.me.id, text="would be staged")
    with pytest.raises(ValueError):
        vault.add_many([other, first])
    assert vault_path.read_bytes() == before
    # Nothing half-staged lingers in memory either.
    assert vault.all(JournalEntry) == []
    with pytest.raises(ValueError):
        vault.add_many([other, other])
    assert vault.all(JournalEntry) == []


def test_an_id_stays_taken_across_saves_and_a_failed_save_takes_none(vault: Vault,
                                                                     vault_path: Path,
                                                                     monkeypatch):
    first, second = win(vault, "first"), win(vault, "second")
    vault.add(first)
    vault.add(second)
    with pytest.raises(ValueError):
        vault.add(first)
    third = win(vault, "third")

    def full_disk(path, blob, **kwargs):
        raise VaultError("The disk is full.")

    monkeypatch.setattr(storage_module, "atomic_write", full_disk)
    with pytest.raises(VaultError):
        vault.add(third)
    monkeypatch.undo()
    vault.add(third)  # the failed save did not count its id as stored
    reopened = Vault.open(vault_path, ALEX_PASS)
    assert [w.text for w in reopened.all(Win)] == ["first", "second", "third"]


def test_settings_default_and_save(vault: Vault, vault_path: Path):
    assert vault.settings.idle_lock_minutes == 10
    vault.save_settings(vault.settings.model_copy(update={"idle_lock_minutes": 3}))
    assert Vault.open(vault_path, ALEX_PASS).settings.idle_lock_minutes == 3
    assert len(Vault.open(vault_path, ALEX_PASS).all(Settings)) == 1


# --- who opens it ----------------------------------------------------------------------

def test_both_passphrases_open_and_me_is_who_unlocked(vault: Vault, vault_path: Path):
    assert vault.me.name == "Sam"
    assert [p.name for p in vault.partners] == ["Sam", "Alex"]
    assert Vault.open(vault_path, SAM_PASS).me.name == "Sam"
    alex = Vault.open(vault_path, ALEX_PASS)
    assert alex.me.name == "Alex"
    assert alex.partner_named(" alex ").id == alex.me.id
    assert alex.name_of(vault.me.id) == "Sam"
    assert alex.name_of(None) == "both of you"


def test_a_partner_cannot_take_the_other_partners_passphrase(vault: Vault, vault_path: Path):
    private = vault.seal("only Sam reads this")
    before = vault_path.read_bytes()
    with pytest.raises(PassphraseTaken, match="already opens this vault"):
        vault.change_passphrase(vault.me, ALEX_PASS)
    assert vault_path.read_bytes() == before
    assert Vault.open(vault_path, ALEX_PASS).me.name == "Alex"
    assert Vault.open(vault_path, SAM_PASS).unseal(private) == "only Sam reads this"


def test_two_partners_never_share_a_passphrase_however_it_was_typed(tmp_path: Path):
    composed, decomposed = "caf\u00e9-passphrase", "cafe\u0301-passphrase"
    with pytest.raises(ValueError, match="of their own"):
        Vault.create(tmp_path / "v.vault", [("Sam", composed), ("Alex", decomposed)],
                     kdf=FAST_TEST_KDF)
    assert not (tmp_path / "v.vault").exists()


def test_wrong_passphrase_is_refused_and_changes_nothing(vault: Vault, vault_path: Path):
    before = vault_path.read_bytes()
    with pytest.raises(WrongPassphrase, match="does not open this vault"):
        Vault.open(vault_path, "not-the-passphrase")
    with pytest.raises(WrongPassphrase):
        Vault.open(vault_path, SAM_PASS.upper())
    assert vault_path.read_bytes() == before


def test_passwd_rewraps_only_that_slot_and_the_old_one_stops_working(vault: Vault,
                                                                     vault_path: Path):
    vault.add(win(vault, "kept through the change"))
    slots_before = {s.id: s.as_dict() for s in Vault.read_file(vault_path).header.slots}
    vault.change_passphrase(vault.me, "sam-new-passphrase")

    slots_after = {s.id: s.as_dict() for s in Vault.read_file(vault_path).header.slots}
    sam_slot, alex_slot = (p.slot_id for p in vault.partners)
    assert slots_after[alex_slot] == slots_before[alex_slot]
    assert slots_after[sam_slot] != slots_before[sam_slot]

    with pytest.raises(WrongPassphrase):
        Vault.open(vault_path, SAM_PASS)
    assert texts(Vault.open(vault_path, "sam-new-passphrase")) == ["kept through the change"]
    assert Vault.open(vault_path, ALEX_PASS).me.name == "Alex"
    # The backup (previous generation) does not open with the old passphrase either.
    backup = Vault.read_file(backup_path(vault_path))
    with pytest.raises(WrongPassphrase):
        backup.unlock(SAM_PASS)
    backup.unlock("sam-new-passphrase")


def test_only_the_partner_who_typed_it_changes_a_passphrase(vault: Vault, vault_path: Path):
    alex = vault.partner_named("Alex")
    with pytest.raises(NotYourSlot):
        vault.change_passphrase(alex, "alex-new-passphrase")
    vault.unlock_private(ALEX_PASS)
    vault.change_passphrase(alex, "alex-new-passphrase")
    assert Vault.open(vault_path, "alex-new-passphrase").me.name == "Alex"
    with pytest.raises(ValueError):
        vault.change_passphrase(vault.me, "short")


def test_default_kdf_is_argon2id_with_at_least_64_mib(tmp_path: Path):
    # The one test that pays for the real key derivation (one slot, about 0.4 s).
    default = KdfParams.default()
    assert default.name == "argon2id"
    assert default.memory_kib >= 64 * 1024
    path = tmp_path / "real.vault"
    Vault.create(path, [("Sam", SAM_PASS)])
    [slot] = Vault.read_file(path).header.slots
    assert slot.kdf == default
    assert Vault.open(path, SAM_PASS).me.name == "Sam"


# --- lock ------------------------------------------------------------------------------

def test_lock_drops_keys_and_every_access_raises(vault: Vault):
    sealed = vault.seal("private words")
    vault.add(win(vault, "shared words"))
    vault.lock()
    assert vault.is_locked
    assert vault._storage._data_key is None and vault._storage._tables is None
    assert vault._private_key is None and not vault._private_keys
    calls = [
        lambda: vault.all(Win), lambda: vault.get(Win, "x"), lambda: vault.add(win_stub()),
        lambda: vault.put(win_stub()), lambda: vault.update(Win, "x", lambda w: None),
        lambda: vault.remove(Win, "x"), lambda: vault.partners, lambda: vault.me,
        lambda: vault.settings, lambda: vault.seal("x"), lambda: vault.unseal(sealed),
        lambda: vault.generation, lambda: vault.reload(), lambda: vault.restore_backup(),
        lambda: vault.unlock_private(ALEX_PASS), lambda: vault.counts(),
        lambda: vault.name_of("x"),
    ]
    for call in calls:
        with pytest.raises(VaultLocked):
            call()
    assert vault.changed_on_disk() is False


def win_stub() -> Win:
    return Win(text="x", noticed_by="x")


# --- nothing in the clear --------------------------------------------------------------

def test_no_plaintext_in_the_file_backup_or_lock(vault: Vault, vault_path: Path):
    vault.add(Win(text=f"{CANARY} win", noticed_by=vault.me.id))
    vault.add(JournalEntry(author=vault.me.id, text=f"{CANARY} journal \u00e9\U0001f642"))
    vault.add(JournalEntry(author=vault.me.id, sealed=vault.seal(f"{CANARY} sealed"),
                           private=True))
    files = [vault_path, backup_path(vault_path), lock_path(vault_path)]
    assert all(f.exists() for f in files)
    secrets = [CANARY, "Sam", "Alex", SAM_PASS, ALEX_PASS, "journal", "noticed_by", "\U0001f642"]
    for f in files:
        raw = f.read_bytes()
        for secret in secrets:
            assert secret.encode() not in raw, (f.name, secret)
            assert secret.encode("utf-16-le") not in raw, (f.name, secret)
    for f in vault_path.parent.iterdir():
        assert stat.S_IMODE(f.stat().st_mode) == 0o600, f.name


def test_private_text_is_unreadable_with_the_other_passphrase(vault: Vault, vault_path: Path):
    entry = JournalEntry(author=vault.me.id, sealed=vault.seal(f"{CANARY} only Sam"),
                         private=True)
    vault.add(entry)
    alex = Vault.open(vault_path, ALEX_PASS)
    stored = alex.get(JournalEntry, entry.id)
    assert stored.text is None
    assert CANARY not in stored.sealed.model_dump_json()
    assert alex.unseal(stored.sealed) is None
    assert not alex.can_read_private(vault.me.id)
    with pytest.raises(VaultLocked):
        alex.seal("for Sam", owner_id=vault.me.id)
    # Sam reads it, in a session of their own or by typing their passphrase in Alex's.
    assert Vault.open(vault_path, SAM_PASS).unseal(stored.sealed) == f"{CANARY} only Sam"
    assert alex.unlock_private(SAM_PASS).name == "Sam"
    assert alex.unseal(stored.sealed) == f"{CANARY} only Sam"
    alex.forget_private(vault.me.id)
    assert alex.unseal(stored.sealed) is None
    # A sealed text moved to another owner does not open (the owner is bound in).
    moved = stored.sealed.model_copy(update={"owner": alex.me.id})
    assert alex.unseal(moved) is None


# --- refusing bad files ----------------------------------------------------------------

def _heavy_slots(header: dict, copies: int) -> None:
    """Each slot within its own cap (256 MiB x 3 passes), but three of them together."""
    header["slots"] = [json.loads(json.dumps(s)) for s in header["slots"] * copies]
    for slot in header["slots"]:
        slot["kdf"].update(memory_kib=256 * 1024, iterations=3)


@pytest.mark.parametrize("edit, what", [
    (lambda h: h["slots"][0]["kdf"].update(memory_kib=4 * 1024 * 1024), "memory"),
    (lambda h: h["slots"][0]["kdf"].update(memory_kib=512 * 1024), "memory"),
    (lambda h: h["slots"][0]["kdf"].update(iterations=1000), "iterations"),
    (lambda h: h["slots"][0]["kdf"].update(lanes=255), "lanes"),
    (lambda h: h["slots"][0]["kdf"].update(memory_kib=256 * 1024, iterations=4), "passes"),
    (lambda h: h["slots"][0]["kdf"].update(name="scrypt", memory_kib=2**18, iterations=8,
                                           lanes=2), "passes"),
    (lambda h: h["slots"][0]["kdf"].update(name="pbkdf2"), "pbkdf2"),
    (lambda h: h["slots"][0]["kdf"].update(name="scrypt", memory_kib=2**24, iterations=8,
                                           lanes=1), "scrypt"),
    (lambda h: h["slots"][0]["kdf"].update(memory_kib="lots"), "unreadable"),
    (lambda h: h.update(slots=h["slots"] * 9), "keyslots"),
    (lambda h: _heavy_slots(h, copies=3), "together"),
])
def test_kdf_caps_refuse_a_doctored_header_before_deriving(vault_path: Path, monkeypatch,
                                                           edit, what):
    make_vault(vault_path)
    rewrite(vault_path, edit)
    before = vault_path.read_bytes()

    def no_derivation(*args, **kwargs):
        raise AssertionError("the KDF ran on a doctored header")

    monkeypatch.setattr(KdfParams, "derive", no_derivation)
    with pytest.raises(UnsafeHeader, match=what):
        Vault.open(vault_path, SAM_PASS)
    assert vault_path.read_bytes() == before


def test_zero_byte_file_is_damage_not_a_new_vault(vault_path: Path):
    vault_path.write_bytes(b"")
    with pytest.raises(DamagedVault, match="empty"):
        Vault.open(vault_path, SAM_PASS)
    with pytest.raises(Exception):
        make_vault(vault_path)
    assert vault_path.read_bytes() == b""


def test_foreign_file_folder_newer_format_and_missing(tmp_path: Path, vault_path: Path):
    foreign = tmp_path / "notes.txt"
    foreign.write_text("just some notes\n" * 100)
    with pytest.raises(NotAVault):
        Vault.open(foreign, SAM_PASS)
    assert foreign.read_text() == "just some notes\n" * 100

    folder = tmp_path / "a-folder"
    folder.mkdir()
    with pytest.raises(NotAVault):
        Vault.open(folder, SAM_PASS)

    with pytest.raises(NoVault, match="no vault"):
        Vault.open(tmp_path / "missing.vault", SAM_PASS)
    assert not (tmp_path / "missing.vault").exists()

    make_vault(vault_path)
    set_version(vault_path, fileformat.FORMAT_VERSION + 1)
    before = vault_path.read_bytes()
    with pytest.raises(NewerFormat, match="newer trust-tui"):
        Vault.open(vault_path, SAM_PASS)
    assert vault_path.read_bytes() == before


def test_create_refuses_to_overwrite(vault: Vault, vault_path: Path):
    before = vault_path.read_bytes()
    with pytest.raises(Exception, match="already exists"):
        make_vault(vault_path)
    assert vault_path.read_bytes() == before


# --- housekeeping -------------------------------------------------------------------

def test_orphan_temp_files_are_removed_on_open(vault: Vault, vault_path: Path):
    orphans = [vault_path.with_name(temp_prefix(vault_path) + suffix)
               for suffix in ("a1b2c3", "keep")]
    for orphan in orphans:
        orphan.write_bytes(b"half a write")
    unrelated = vault_path.with_name("unrelated.tmp-a1b2c3")
    unrelated.write_bytes(b"not ours")
    Vault.open(vault_path, SAM_PASS)
    assert not any(o.exists() for o in orphans)
    assert unrelated.exists()


def test_open_writes_nothing(vault: Vault, vault_path: Path):
    vault.add(win(vault, "one"))
    lock_path(vault_path).unlink()
    listing = {f.name: (f.stat().st_mtime_ns, f.read_bytes()) for f in vault_path.parent.iterdir()}
    opened = Vault.open(vault_path, ALEX_PASS)
    opened.all(Win)
    assert {f.name: (f.stat().st_mtime_ns, f.read_bytes())
            for f in vault_path.parent.iterdir()} == listing


def test_generation_counts_writes_and_restore_brings_back_the_previous(vault: Vault,
                                                                      vault_path: Path):
    start = vault.generation
    vault.add(win(vault, "first"))
    assert vault.generation == start + 1
    vault.add(win(vault, "second"))
    assert vault.generation == start + 2
    assert Vault.read_file(vault_path).header.generation == start + 2
    assert Vault.read_file(backup_path(vault_path)).header.generation == start + 1

    vault.restore_backup()
    assert texts(vault) == ["first"]
    assert vault.generation == start + 3  # a restore is a new generation, never a step back
    assert texts(Vault.open(vault_path, ALEX_PASS)) == ["first"]
    # The version that was replaced is now the backup, so a restore can be undone.
    vault.restore_backup()
    assert texts(vault) == ["first", "second"]


def test_restore_without_a_backup_says_so(tmp_path: Path):
    vault = make_vault(tmp_path / "fresh.vault")
    with pytest.raises(NoBackup, match="no earlier version"):
        vault.restore_backup()


def test_recover_from_backup_when_the_current_file_is_damaged(vault: Vault, vault_path: Path):
    vault.add(win(vault, "safe in the backup"))
    vault.add(win(vault, "in the damaged one"))
    damaged = bytearray(vault_path.read_bytes())
    damaged[len(damaged) // 2] ^= 0xFF
    vault_path.write_bytes(bytes(damaged))
    with pytest.raises(DamagedVault):
        Vault.open(vault_path, SAM_PASS)
    with pytest.raises(WrongPassphrase):
        Vault.recover_from_backup(vault_path, "not-the-passphrase")
    assert vault_path.read_bytes() == bytes(damaged)

    damaged_generation = fileformat.peek_generation(vault_path)
    recovered = Vault.recover_from_backup(vault_path, ALEX_PASS)
    assert texts(recovered) == ["safe in the backup"]
    assert recovered.generation > damaged_generation  # generations never go back
    assert texts(Vault.open(vault_path, SAM_PASS)) == ["safe in the backup"]
    assert damaged_path(vault_path).read_bytes() == bytes(damaged)  # kept, never deleted


def test_recover_refuses_a_newer_format(vault: Vault, vault_path: Path):
    vault.add(win(vault, "x"))
    set_version(vault_path, fileformat.FORMAT_VERSION + 1)
    before = vault_path.read_bytes()
    with pytest.raises(NewerFormat):
        Vault.recover_from_backup(vault_path, SAM_PASS)
    assert vault_path.read_bytes() == before


# --- two instances on one file -------------------------------------------------------

def test_two_instances_never_lose_each_others_writes(vault: Vault, vault_path: Path):
    other = Vault.open(vault_path, ALEX_PASS)
    vault.add(win(vault, "from Sam"))
    assert other.changed_on_disk()
    other.add(win(other, "from Alex"))
    vault.put(win(vault, "Sam again"))  # put after the other wrote: merges, not overwrites
    goal = MiniGoal(text="goal")
    other.add(goal)
    vault.update(MiniGoal, goal.id, lambda g: setattr(g, "target", 9))
    other.update(MiniGoal, goal.id, lambda g: setattr(g, "text", "our goal"))
    fresh = Vault.open(vault_path, SAM_PASS)
    assert sorted(texts(fresh)) == ["Sam again", "from Alex", "from Sam"]
    [stored] = fresh.all(MiniGoal)
    assert (stored.text, stored.target) == ("our goal", 9)
    assert texts(other) == texts(vault) == texts(fresh)
    assert other.reload() is False and vault.generation == other.generation


def test_a_recycled_inode_cannot_hide_another_write(vault: Vault, vault_path: Path):
    """Even if the file looks unchanged to stat (same inode, size and mtime), the
    writer compares the header's generation under the lock before writing."""
    other = Vault.open(vault_path, ALEX_PASS)
    vault.add(win(vault, "A1"))
    other.add(win(other, "B1"))  # same length as A1: same file size
    # Make Sam's instance believe the file is the one it last saw.
    vault._storage._identity = file_identity(vault_path)
    vault.add(win(vault, "A2"))
    assert sorted(texts(Vault.open(vault_path, SAM_PASS))) == ["A1", "A2", "B1"]


def test_unicode_and_control_text_is_stored_exactly(vault: Vault, vault_path: Path):
    weird = "[bold]x[/] [@click=app.quit]q \x1b[31m\x00\r\n\u202e \U0001f469\u200d\u2764\ufe0f\u200d\U0001f468"
    entry = JournalEntry(author=vault.me.id, text=weird)
    vault.add(entry)
    assert Vault.open(vault_path, SAM_PASS).get(JournalEntry, entry.id).text == weird


def test_lock_file_is_private_and_empty(vault: Vault, vault_path: Path):
    vault.add(win(vault, CANARY))
    lock = lock_path(vault_path)
    assert stat.S_IMODE(os.stat(lock).st_mode) == 0o600
    assert CANARY.encode() not in lock.read_bytes()


def test_partner_model_is_in_the_vault_not_the_header(vault: Vault, vault_path: Path):
    header = Vault.read_file(vault_path).header.as_bytes(b"\0" * 12)
    for partner in vault.all(Partner):
        assert partner.name.encode() not in header
        assert partner.id.encode() not in header


def test_reads_do_not_wait_for_a_save_in_progress(vault: Vault, monkeypatch):
    """The UI thread reads while a worker saves: it gets what is saved, at once."""
    vault.add(win(vault, "before"))
    in_fsync, release = threading.Event(), threading.Event()
    real_fsync = os.fsync

    def slow_fsync(fd):
        in_fsync.set()
        release.wait(10)
        real_fsync(fd)

    monkeypatch.setattr(storage_module.os, "fsync", slow_fsync)
    during = win(vault, "during")
    saver = threading.Thread(target=vault.add, args=(during,))
    saver.start()
    try:
        assert in_fsync.wait(10)
        seen: list[list[str]] = []
        reader = threading.Thread(target=lambda: seen.append(texts(vault)))
        reader.start()
        reader.join(5)
        assert seen == [["before"]]  # not blocked, and not the unsaved record
    finally:
        release.set()
        saver.join(10)
    assert texts(vault) == ["before", "during"]


def test_a_field_from_a_newer_version_survives_an_update(vault: Vault, vault_path: Path):
    goal = MiniGoal(text="a goal")
    vault.add(goal)
    # A newer trust-tui stored a field this version does not know.
    storage = vault._storage
    with vault.transaction():
        data = dict(storage.read())
        table = {k: dict(doc) for k, doc in data["goals"].items()}
        for doc in table.values():
            doc["cheer"] = "from the future"
        data["goals"] = table
        storage.write(data)
    vault.update(MiniGoal, goal.id, lambda g: setattr(g, "target", 5))
    raw = Vault.open(vault_path, SAM_PASS)._storage.read()["goals"]
    [doc] = raw.values()
    assert (doc["cheer"], doc["target"]) == ("from the future", 5)


def test_lock_is_immediate_even_while_a_save_is_in_flight(vault: Vault, vault_path: Path,
                                                          monkeypatch):
    in_fsync, release = threading.Event(), threading.Event()
    real_fsync = os.fsync

    def slow_fsync(fd):
        in_fsync.set()
        release.wait(10)
        real_fsync(fd)

    monkeypatch.setattr(storage_module.os, "fsync", slow_fsync)
    saver = threading.Thread(target=vault.add, args=(win(vault, "in flight"),))
    saver.start()
    try:
        assert in_fsync.wait(10)
        locker = threading.Thread(target=vault.lock)
        locker.start()
        locker.join(5)
        assert not locker.is_alive()  # did not wait for the save
        assert vault.is_locked
    finally:
        release.set()
        saver.join(10)
    # The save finished durably, and nothing decrypted stayed in memory after it.
    assert vault._storage._tables is None and vault._storage._data_key is None
    with pytest.raises(VaultLocked):
        vault.all(Win)
    assert texts(Vault.open(vault_path, ALEX_PASS)) == ["in flight"]


def test_a_record_this_version_cannot_read_is_kept_and_never_quoted(vault: Vault,
                                                                    vault_path: Path):
    vault.add(win(vault, "readable"))
    odd = win(vault, f"{CANARY} odd")
    vault.add(odd)
    with vault.transaction():  # as if a newer trust-tui allowed a longer win
        data = dict(vault._storage.read())
        data["wins"] = {k: (dict(doc, text=doc["text"] * 1000) if doc["id"] == odd.id else doc)
                        for k, doc in data["wins"].items()}
        vault._storage.write(data)
    assert texts(vault) == ["readable"]
    assert vault.unreadable == {"wins": 1}
    with pytest.raises(UnreadableRecord) as unreadable:
        vault.get(Win, odd.id)
    assert CANARY not in str(unreadable.value)
    assert CANARY not in "".join(traceback.format_exception(unreadable.value))
    vault.add(win(vault, "later"))  # other changes keep the odd record as it was
    raw = Vault.open(vault_path, SAM_PASS)._storage.read()["wins"]
    assert any(doc["id"] == odd.id and doc["text"].startswith(CANARY) for doc in raw.values())


def test_a_passphrase_matches_however_its_accents_were_typed(tmp_path: Path):
    composed, decomposed = "caf\u00e9-au-lait", "cafe\u0301-au-lait"
    path = tmp_path / "accents.vault"
    Vault.create(path, [("Sam", decomposed), ("Alex", ALEX_PASS)], kdf=FAST_TEST_KDF)
    assert Vault.open(path, composed).me.name == "Sam"


def test_every_vault_error_is_one_plain_sentence():
    import inspect
    import re

    from trust_tui.vault import errors

    samples = {"path": Path("/home/sam/couple.vault"), "what": "its checksum does not match",
               "reason": "the disk is full", "version": 2, "name": "Sam",
               "known": ["Sam", "Alex"], "table": "wins"}
    found = [c for c in vars(errors).values()
             if inspect.isclass(c) and issubclass(c, errors.VaultError) and c is not errors.VaultError]
    assert len(found) >= 15
    for error_class in found:
        params = list(inspect.signature(error_class.__init__).parameters)[1:]
        message = str(error_class(*(samples[p] for p in params)))
        assert "\n" not in message and message[0].isupper() and message.endswith("."), message
        assert len(re.findall(r"[.!?](?:\s|$)", message)) == 1, message


def test_transactions_nest_and_see_each_others_changes(vault: Vault, vault_path: Path):
    other = Vault.open(vault_path, ALEX_PASS)
    other.add(win(other, "from Alex first"))
    with vault.transaction():
        assert texts(vault) == ["from Alex first"]  # refreshed under the lock
        vault.add(win(vault, "one"))
        vault.update(Win, vault.all(Win)[-1].id, lambda w: setattr(w, "text", "one, edited"))
    assert texts(Vault.open(vault_path, SAM_PASS)) == ["from Alex first", "one, edited"]
