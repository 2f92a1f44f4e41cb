"""A vault kept in a synced folder and linked from where trust-tui looks.

Saving renames a new version into place; done on the link itself, that would
swap the link for a plain file (the synced copy silently left behind) and put
the backup, lock and temp files beside the link. Every write goes through to
the link's target instead, and the link stays a link.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import ALEX_PASS, SAM_PASS, make_vault

from trust_tui import cli
from trust_tui.cli import output
from trust_tui.models import Win
from trust_tui.vault import FAST_TEST_KDF, Vault, keyslots
from trust_tui.vault.errors import WriteFailed
from trust_tui.vault.storage import backup_path, find_orphans
from trust_tui.vault.vault import lock_path


@pytest.fixture
def linked(tmp_path: Path) -> tuple[Path, Path]:
    """(the link where trust-tui looks, the real file in the synced folder)."""
    synced, home = tmp_path / "Sync" / "us", tmp_path / "home"
    synced.mkdir(parents=True)
    home.mkdir()
    real = synced / "couple.vault"
    link = home / "couple.vault"
    link.symlink_to(os.path.relpath(real, home))  # relative, as `ln -s` often makes it
    return link, real


def words(path: Path, passphrase: str = SAM_PASS) -> list[str]:
    return [w.text for w in Vault.open(path, passphrase).all(Win)]


def test_saves_go_through_the_link_to_the_synced_file(linked):
    link, real = linked
    vault = make_vault(link)  # created through a link whose target did not exist yet
    assert link.is_symlink() and real.is_file()
    vault.add(Win(text="first, through the link", noticed_by=vault.me.id))
    other = Vault.open(link, ALEX_PASS)
    other.add(Win(text="second, from the other window", noticed_by=other.me.id))
    vault.add(Win(text="third", noticed_by=vault.me.id))  # sees the second, loses nothing

    assert link.is_symlink() and os.readlink(link).startswith("..")
    expected = ["first, through the link", "second, from the other window", "third"]
    assert words(real) == words(link) == expected
    # The backup and the lock sit beside the real file; nothing lands beside the link.
    assert sorted(p.name for p in real.parent.iterdir()) == [
        "couple.vault", "couple.vault.bak", "couple.vault.lock"]
    assert [p.name for p in link.parent.iterdir()] == ["couple.vault"]
    assert backup_path(link) == backup_path(real) and lock_path(link) == lock_path(real)
    assert [w.text for w in Vault.open(backup_path(real), SAM_PASS).all(Win)] == expected[:2]
    assert find_orphans(link) == find_orphans(real) == []


def test_a_link_to_a_link_is_followed_to_the_end(linked):
    link, real = linked
    first = make_vault(real)
    first.add(Win(text="kept", noticed_by=first.me.id))
    second = link.parent / "shortcut.vault"
    second.symlink_to(link)
    vault = Vault.open(second, ALEX_PASS)
    vault.add(Win(text="through two links", noticed_by=vault.me.id))
    assert second.is_symlink() and link.is_symlink()
    assert words(real) == ["kept", "through two links"]
    assert sorted(p.name for p in link.parent.iterdir()) == ["couple.vault", "shortcut.vault"]


def test_the_commands_find_the_backup_beside_the_real_file(linked, monkeypatch, capsys):
    link, real = linked
    monkeypatch.setattr(keyslots.KdfParams, "default", classmethod(lambda cls: FAST_TEST_KDF))
    monkeypatch.delenv("TRUST_TUI_PASSPHRASE", raising=False)
    monkeypatch.setattr(output, "interactive", lambda: False)
    secret = link.parent / "sam.txt"
    secret.write_text(SAM_PASS + "\n")
    vault = make_vault(link)
    vault.add(Win(text="first", noticed_by=vault.me.id))
    vault.add(Win(text="second", noticed_by=vault.me.id))

    assert cli.main(["check", "--vault", str(link), "--passphrase-file", str(secret)]) == 0
    assert "is there and intact" in capsys.readouterr().out
    assert cli.main(["restore-backup", "--yes", "--vault", str(link),
                     "--passphrase-file", str(secret)]) == 0
    assert "previous version is back" in capsys.readouterr().out
    assert link.is_symlink() and words(link) == ["first"]
    # An export never goes over the vault's own backup, found through the link too.
    assert cli.main(["export", "--vault", str(link), "--passphrase-file", str(secret),
                     "-o", str(backup_path(real))]) != 0
    assert words(backup_path(real)) == ["first", "second"]


def test_a_link_that_leads_back_to_itself_is_left_alone(tmp_path: Path):
    first, second = tmp_path / "couple.vault", tmp_path / "other.vault"
    first.symlink_to(second.name)
    second.symlink_to(first.name)
    with pytest.raises(WriteFailed) as refused:
        make_vault(first)
    assert "leads back to itself" in str(refused.value)
    assert first.is_symlink() and second.is_symlink()  # never replaced by a file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["couple.vault", "other.vault"]
