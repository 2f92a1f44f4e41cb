"""A sync service's other copy of the vault: found by each service's documented
name (and lookalikes not), hostile files beside the vault skipped, and a copy
whose changes are in moved into merged/, never deleted, never over another file."""

from __future__ import annotations

import os
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from conftest import make_vault

from trust_tui.vault.sync_copies import (
    DROPBOX,
    NEXTCLOUD,
    SYNCTHING,
    find_sync_copies,
    put_aside,
    sync_copy_of,
)

COPIES = {  # each service's documented naming, for the vault `couple.vault`
    "couple.sync-conflict-20260301-140233-ABCDEF7.vault": (SYNCTHING, datetime(2026, 3, 1, 14, 2, 33)),
    "couple.sync-conflict-20260301-140233.vault": (SYNCTHING, datetime(2026, 3, 1, 14, 2, 33)),
    "couple (Sam's laptop's conflicted copy 2026-03-02).vault": (DROPBOX, datetime(2026, 3, 2)),
    "couple (Sam's laptop's conflicted copy 2026-03-02 (1)).vault": (DROPBOX, datetime(2026, 3, 2)),
    "couple (DESKTOP-4KJ9\u2019s conflicted copy 2026-03-02).vault": (DROPBOX, datetime(2026, 3, 2)),
    "couple (conflicted copy 2026-03-03 091502).vault": (NEXTCLOUD, datetime(2026, 3, 3, 9, 15, 2)),
    "couple (conflicted copy alex 2026-03-03 091502).vault": (NEXTCLOUD, datetime(2026, 3, 3, 9, 15, 2)),
}

LOOKALIKES = [
    "couple.vault", "couple.vault.bak", "couple.vault.lock",
    "couple.vault.sync-conflict-20260301-140233-ABCDEF7.bak",  # the backup's copy
    "couple.sync-conflict-20261301-140233-ABCDEF7.vault",  # no 13th month
    "couple.sync-conflict-2026-03-01-140233-ABCDEF7.vault",
    "couple.sync-conflict-20260301-140233-ABCDEF7.vault.tmp",
    "other.sync-conflict-20260301-140233-ABCDEF7.vault",
    "couple.sync-conflict-20260301-140233-ABCDEF7",  # the extension left off
    "couple (Sam's conflicted copy).vault",
    "couple (Sam's conflicted copy 2026-02-30).vault",
    "couple (conflicted copy 2026-03-03 0915).vault",
    "couple (Sam's laptop's copy 2026-03-02).vault",
    "couple (1).vault", "couple copy.vault", "Couple (conflicted copy 2026-03-03 091502).vault",
    "couple (conflicted copy 2026-03-03 091502).vault.part",
]


@pytest.mark.parametrize("name", sorted(COPIES))
def test_each_services_documented_name_is_recognised(name):
    assert sync_copy_of(name, "couple.vault") == COPIES[name]


@pytest.mark.parametrize("name", LOOKALIKES)
def test_lookalikes_are_not_copies(name):
    assert sync_copy_of(name, "couple.vault") is None


def test_a_vault_named_without_an_extension_gets_the_suffix_at_its_end():
    # Syncthing's conflictName: Go's filepath.Ext is "", so nothing follows the device.
    assert sync_copy_of("vault.sync-conflict-20260301-140233-ABCDEF7", "vault") is not None
    assert sync_copy_of("vault (conflicted copy 2026-03-03 091502)", "vault") is not None
    assert sync_copy_of("vault (Sam's conflicted copy 2026-03-02)", "vault") is not None
    # Two dots: the services cut at the last one.
    assert sync_copy_of("our.couple.sync-conflict-20260301-140233-ABCDEF7.vault",
                        "our.couple.vault") is not None
    assert sync_copy_of("couple.sync-conflict-20260301-140233-ABCDEF7.vault", "vault") is None


def _copy(vault_path: Path, name: str) -> Path:
    target = vault_path.with_name(name)
    shutil.copyfile(vault_path, target)
    return target


def test_copies_beside_the_vault_are_found_oldest_first(vault, vault_path):
    newer = _copy(vault_path, "couple (conflicted copy 2026-03-03 091502).vault")
    older = _copy(vault_path, "couple.sync-conflict-20260301-140233-ABCDEF7.vault")
    found = find_sync_copies(vault_path)
    assert [(c.path, c.service) for c in found] == [(older, SYNCTHING), (newer, NEXTCLOUD)]


def test_hostile_files_beside_the_vault_are_skipped(vault, vault_path, tmp_path):
    folder = vault_path.parent
    (folder / "couple.sync-conflict-20260301-140233-ABCDEF1.vault").mkdir()  # a folder
    (folder / "couple.sync-conflict-20260301-140233-ABCDEF2.vault").write_text("not a vault")
    (folder / "couple.sync-conflict-20260301-140233-ABCDEF3.vault").write_bytes(b"")
    outside = tmp_path / "elsewhere.vault"
    shutil.copyfile(vault_path, outside)
    (folder / "couple.sync-conflict-20260301-140233-ABCDEF4.vault").symlink_to(outside)
    os.mkfifo(folder / "couple.sync-conflict-20260301-140233-ABCDEF5.vault")  # never waited on
    _copy(vault_path, "couple (\x1b[31mSam's conflicted copy 2026-03-02).vault")
    _copy(vault_path, "couple (Sam\u202e's conflicted copy 2026-03-02).vault")
    assert find_sync_copies(vault_path) == []
    assert sync_copy_of("couple (" + "S" * 5000 + "'s conflicted copy 2026-03-02).vault",
                        "couple.vault") is None


def test_copies_are_found_beside_the_real_file_when_the_vault_is_a_link(tmp_path):
    synced, home = tmp_path / "Sync", tmp_path / "home"
    synced.mkdir()
    home.mkdir()
    real = synced / "couple.vault"
    make_vault(real)
    (home / "couple.vault").symlink_to(real)
    copy = _copy(real, "couple.sync-conflict-20260301-140233-ABCDEF7.vault")
    assert [c.path for c in find_sync_copies(home / "couple.vault")] == [copy]
    moved = put_aside(copy, home / "couple.vault")
    assert moved == synced / "merged" / copy.name


def test_a_copy_put_aside_is_moved_into_merged_never_deleted(vault, vault_path):
    name = "couple (Sam's laptop's conflicted copy 2026-03-02).vault"
    first = _copy(vault_path, name)
    held = first.read_bytes()
    moved = put_aside(first, vault_path)
    assert moved == vault_path.parent / "merged" / name
    assert moved.read_bytes() == held and not first.exists()
    assert (moved.parent.stat().st_mode & 0o777) == 0o700
    # The same name again (a second conflict later): numbered, the first untouched.
    second = _copy(vault_path, name)
    again = put_aside(second, vault_path)
    assert again.name == "couple (Sam's laptop's conflicted copy 2026-03-02) (2).vault"
    assert moved.read_bytes() == held and again.exists()
    assert find_sync_copies(vault_path) == []  # nothing in merged/ is offered again


def test_merged_that_is_not_a_folder_is_refused_and_the_copy_stays(vault, vault_path):
    copy = _copy(vault_path, "couple.sync-conflict-20260301-140233-ABCDEF7.vault")
    (vault_path.parent / "merged").write_text("a file where the folder would go")
    with pytest.raises(OSError):
        put_aside(copy, vault_path)
    assert copy.exists()


def _copy_with_a_win(vault_path: Path, name: str) -> Path:
    from conftest import SAM_PASS

    from trust_tui.models import Win
    from trust_tui.vault import Vault

    copy = _copy(vault_path, name)
    other = Vault.open(copy, SAM_PASS)
    other.add(Win(text="Only in the copy", noticed_by=other.me.id))
    return copy


def test_the_merge_command_moves_a_merged_sync_copy_into_merged(vault, vault_path,
                                                                monkeypatch, capsys):
    from conftest import SAM_PASS

    from trust_tui.cli import main

    copy = _copy_with_a_win(vault_path, "couple.sync-conflict-20260301-140233-ABCDEF7.vault")
    carried = _copy_with_a_win(vault_path, "from-the-usb-stick.vault")
    monkeypatch.setenv("TRUST_TUI_PASSPHRASE", SAM_PASS)
    assert main(["--vault", str(vault_path), "check"]) == 0
    said = capsys.readouterr().out
    assert "Syncthing left another copy of this vault beside it" in said
    assert f"trust-tui merge {copy}" in said
    assert main(["--vault", str(vault_path), "merge", str(copy), "--dry-run"]) == 0
    assert copy.exists() and not (vault_path.parent / "merged").exists()
    capsys.readouterr()
    assert main(["--vault", str(vault_path), "merge", str(copy)]) == 0
    said = capsys.readouterr().out
    assert "1 record was brought in" in said
    assert "The Syncthing copy is now in" in said and "nothing was deleted" in said
    assert not copy.exists() and (vault_path.parent / "merged" / copy.name).exists()
    # A copy that is not a sync service's stays where it is, merged or not.
    assert main(["--vault", str(vault_path), "merge", str(carried)]) == 0
    assert carried.exists()


@pytest.mark.parametrize("name", ["couple (Sam's laptop's conflicted copy 2026-03-02).vault",
                                  'a "quoted" $name.vault', "plain.vault",
                                  "couple (conflicted copy 2026-03-03 091502).vault"])
def test_the_command_to_type_reads_back_as_the_path(name):
    import shlex

    from trust_tui.store.sync_copies import merge_command

    path = Path("/home/sam/Sync") / name
    assert shlex.split(merge_command(path)) == ["trust-tui", "merge", str(path)]


def test_a_copy_gone_or_damaged_is_said_as_such_and_nothing_changes(vault, vault_path):
    from trust_tui.store.sync_copies import bring_in, look_at

    gone = vault_path.with_name("couple.sync-conflict-20260301-140233-ABCDEF7.vault")
    assert look_at(vault, gone).problem == (f"{gone.name} is no longer beside the vault, so "
                                            "nothing was changed.")
    damaged = _copy(vault_path, "couple (conflicted copy 2026-03-03 091502).vault")
    blob = bytearray(damaged.read_bytes())
    blob[len(blob) // 2] ^= 0x01
    damaged.write_bytes(bytes(blob))
    before = vault_path.read_bytes()
    result = bring_in(vault, damaged)
    assert result.problem is not None and "is damaged" in result.problem
    assert "restore-backup" not in result.problem and result.moved_to is None
    assert vault_path.read_bytes() == before and damaged.exists()
