"""Issue 13, item 10: the header carries a random vault id; `check` tells a
`.bak` from another vault; this machine notes (outside the vault, a 0600 file of
id -> highest generation and its day) the highest generation it opened, and an
older copy is said plainly at unlock and by `check`, the couple deciding."""

from __future__ import annotations

import json
import os
import shutil
import stat
from datetime import date
from pathlib import Path

import pytest
from conftest import SAM_PASS, make_vault, settle
from textual.widgets import Input, Static

from trust_tui import cli
from trust_tui.cli import output
from trust_tui.models import Win
from trust_tui.screens.home import HomeScreen
from trust_tui.screens.unlock import UnlockScreen
from trust_tui.vault import FAST_TEST_KDF, Vault, fileformat, keyslots
from trust_tui.vault.seen import SeenGenerations
from trust_tui.vault.storage import backup_path
from trust_tui.widgets.confirm import ConfirmModal

OLDER = ("This copy is older than one opened on this machine on {day}: "
         "a restored backup, or a rolled-back copy.")


@pytest.fixture(autouse=True)
def no_terminal(monkeypatch):
    monkeypatch.setattr(keyslots.KdfParams, "default", classmethod(lambda cls: FAST_TEST_KDF))
    monkeypatch.delenv("TRUST_TUI_PASSPHRASE", raising=False)
    monkeypatch.setattr(output, "interactive", lambda: False)


@pytest.fixture
def secret(tmp_path: Path) -> str:
    path = tmp_path / "sam.txt"
    path.write_text(SAM_PASS, encoding="utf-8")
    path.chmod(0o600)
    return str(path)


def check(vault_path: Path, secret: str, capsys) -> str:
    assert cli.main(["check", "--vault", str(vault_path), "--passphrase-file", secret]) == 0
    return capsys.readouterr().out


def add(vault_path: Path, secret: str, text: str) -> None:
    assert cli.main(["add", "win", "--by", "Sam", text, "--vault", str(vault_path),
                     "--passphrase-file", secret]) == 0


def today_words() -> str:
    today = date.today()
    return f"{today.day} {today.strftime('%B')} {today.year}"


def test_a_new_vault_has_an_id_and_an_older_one_gets_one_on_its_next_save(vault, vault_path):
    assert len(vault.vault_id) == 32 and int(vault.vault_id, 16) >= 0
    assert Vault.read_file(vault_path).header.vault_id == vault.vault_id
    # An older vault: the same file written without an id in its header.
    storage = vault._storage
    old = fileformat.Header(storage.generation, storage.header.slots)
    vault_path.write_bytes(fileformat.build(old, storage.data_key,
                                            fileformat.encode_tables(storage.read())))
    reopened = Vault.open(vault_path, SAM_PASS)
    assert reopened.vault_id == "" and Vault.read_file(vault_path).header.vault_id == ""
    reopened.add(Win(text="first save since", noticed_by=reopened.me.id))
    given = Vault.read_file(vault_path).header.vault_id
    assert len(given) == 32 and given == Vault.open(vault_path, SAM_PASS).vault_id


def test_check_says_when_the_bak_belongs_to_another_vault(vault, vault_path, secret,
                                                          tmp_path, capsys):
    vault.add(Win(text="a change, so a .bak", noticed_by=vault.me.id))
    assert "is there and intact" in check(vault_path, secret, capsys)
    other = make_vault(tmp_path / "elsewhere" / "other.vault")
    other.add(Win(text="theirs", noticed_by=other.me.id))
    shutil.copyfile(tmp_path / "elsewhere" / "other.vault", backup_path(vault_path))
    said = check(vault_path, secret, capsys)
    assert "intact" not in said
    assert (f"The file at {backup_path(vault_path)} belongs to another vault, so it is no "
            "earlier version of this one; move it away to keep it, as the next change "
            "here replaces it.") in said


def test_check_says_when_a_copy_is_older_than_one_opened_here(vault, vault_path, secret,
                                                              own_state_folder, capsys):
    older_copy = vault_path.read_bytes()
    add(vault_path, secret, "written after the copy")
    add(vault_path, secret, "and again")
    assert "older" not in check(vault_path, secret, capsys)
    vault_path.write_bytes(older_copy)  # rolled back (or a backup put in its place)
    said = check(vault_path, secret, capsys)
    assert OLDER.format(day=today_words()) in said
    # The note: one 0600 file holding only the id -> [highest generation, day].
    [note] = [p for p in own_state_folder.rglob("*") if p.is_file()]
    assert stat.S_IMODE(note.stat().st_mode) == 0o600
    assert json.loads(note.read_text()) == {vault.vault_id: [3, date.today().isoformat()]}
    assert "Sam" not in note.read_text() and str(vault_path) not in note.read_text()


async def unlock(pilot) -> None:
    await pilot.pause()
    await pilot.press(*SAM_PASS, "enter")
    await settle(pilot)


async def test_unlock_says_an_older_copy_plainly_and_locking_again_changes_nothing(
        locked_app, vault_path):
    app = locked_app(lambda v: v.add(Win(text="w", noticed_by=v.me.id)))
    vault_id = Vault.read_file(vault_path).header.vault_id
    SeenGenerations(today=lambda: date(2026, 3, 4)).note(vault_id, 9)
    before = vault_path.read_bytes()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        assert isinstance(app.screen, ConfirmModal)
        question = str(app.screen.query_one("#confirm-question", Static).render())
        assert question == OLDER.format(day="4 March 2026")
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, UnlockScreen) and not app.vault_open
        field = app.screen.query_one("#passphrase", Input)
        assert not field.disabled and field.has_focus
        assert "It stays locked" in str(app.screen.query_one("#unlock-message").render())
    assert vault_path.read_bytes() == before
    assert SeenGenerations().older(vault_id, 2) is not None  # still noted as older


async def test_carrying_on_with_an_older_copy_opens_it_and_it_is_the_one_noted(
        locked_app, vault_path):
    app = locked_app()
    vault_id = Vault.read_file(vault_path).header.vault_id
    SeenGenerations().note(vault_id, 9)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        app.vault.add(Win(text="carried on", noticed_by=app.vault.me.id))
    seen = SeenGenerations()
    assert seen.older(vault_id, 2) is None  # the copy carried on with, and its save
    assert seen.older(vault_id, 1) is not None


async def test_an_unlock_of_a_copy_not_older_goes_straight_in(locked_app, vault_path):
    app = locked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert SeenGenerations().older(Vault.read_file(vault_path).header.vault_id, 0) is not None


def test_an_unreadable_note_file_never_stops_an_open(vault, vault_path, secret,
                                                     own_state_folder, capsys):
    own_state_folder.mkdir(parents=True, exist_ok=True)
    (own_state_folder / "seen-generations.json").write_bytes(b"\x00not json")
    assert "opens and authenticates" in check(vault_path, secret, capsys)
    os.chmod(own_state_folder, 0o500)
    try:
        add(vault_path, secret, "a save with a read-only state folder")
    finally:
        os.chmod(own_state_folder, 0o700)


async def test_an_older_copy_with_a_sync_copy_beside_says_so_and_merging_makes_it_newest(
        locked_app, vault_path):
    """Syncthing kept the other computer's save (fewer saves) under the vault's name
    and this computer's under a conflict name: the unlock says where the newer saves
    likely are, and bringing them in writes a vault newer than both copies."""
    app = locked_app()
    copy = vault_path.with_name(
        f"{vault_path.stem}.sync-conflict-20261206-101500-ABCDEF7{vault_path.suffix}")
    shutil.copy(vault_path, copy)
    ours = Vault.open(copy, SAM_PASS)
    for n in range(3):
        ours.add(Win(text=f"saved on this computer {n}", noticed_by=ours.me.id))
    copy_generation = Vault.read_file(copy).header.generation
    vault_id = Vault.read_file(vault_path).header.vault_id
    SeenGenerations().note(vault_id, copy_generation)  # this computer opened its own
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        assert isinstance(app.screen, ConfirmModal)
        detail = str(app.screen.query_one("#confirm-detail", Static).render())
        assert "from Syncthing, is beside it" in detail and "press m on home" in detail
        await pilot.press("y")
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert len(app.vault.all(Win)) == 3
        merged = app.vault.generation
    assert merged == Vault.read_file(vault_path).header.generation
    assert merged > copy_generation and not copy.exists()
    assert SeenGenerations().older(vault_id, merged) is None
