"""A sync service's other copy beside the vault, as the couple meets it: said once
after unlocking, a line on home with its key, what it would bring in shown before
anything changes, merged on yes and moved into merged/ (never deleted); a copy
that does not open with the passphrase the app was unlocked with changes nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import SAM_PASS, Told, settle
from textual.widgets import Button

from trust_tui.models import Win
from trust_tui.screens.home import HomeScreen
from trust_tui.screens.unlock import UnlockScreen
from trust_tui.vault import FAST_TEST_KDF, Vault
from trust_tui.widgets.confirm import ConfirmModal

DROPBOX_NAME = "couple (Sam's laptop's conflicted copy 2026-03-02).vault"


def seed_a_win(vault: Vault) -> None:
    vault.add(Win(text="Dinner without phones", noticed_by=vault.me.id))


def copy_with_an_edit(vault_path: Path, name: str = DROPBOX_NAME) -> Path:
    """The other computer's save: the same vault, with the win's words changed
    there and a new win added there."""
    copy = vault_path.with_name(name)
    shutil.copyfile(vault_path, copy)
    other = Vault.open(copy, SAM_PASS)
    win = other.all(Win)[0]
    other.update(Win, win.id, lambda w: w.model_copy(update={"text": "Dinner, phones away"}))
    other.add(Win(text="A walk after work", noticed_by=other.me.id))
    other.lock()
    return copy


async def unlock(pilot) -> None:
    assert isinstance(pilot.app.screen, UnlockScreen)
    await pilot.press(*SAM_PASS, "enter")
    await settle(pilot)
    await settle(pilot)  # the look beside the vault, then what it found


def today(app) -> str:
    """Home's "Today" list, as its lines say it."""
    assert isinstance(app.screen, HomeScreen)
    return str(app.screen.query_one("#due-list").render())


def detail_text(modal: ConfirmModal) -> str:
    return str(modal.query_one("#confirm-detail").render())


async def test_the_copy_is_offered_after_unlocking_and_its_changes_come_in(unlocked_app):
    from trust_tui.store.merging import merge_from
    from trust_tui.store.sync_copies import without_dry_run_note

    app, vault_path, _clock = await unlocked_app(seed=seed_a_win)
    copy = copy_with_an_edit(vault_path)
    held = copy.read_bytes()
    expected = [without_dry_run_note(line) for line in merge_from(
        Vault.open(vault_path, SAM_PASS), copy, SAM_PASS, dry_run=True).lines()]
    told = Told(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await settle(pilot)  # the look beside the vault, then what it found
        assert told.messages == [m for m in told.messages if "Dropbox left another copy" in m]
        assert len(told.messages) == 1
        assert "from Dropbox, is beside it: see what it would bring in (m)" in today(app)
        await pilot.press("m")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, ConfirmModal)
        shown = detail_text(modal)
        assert DROPBOX_NAME in shown and expected and "dry" not in shown
        assert all(line in shown for line in expected[:8]), (shown, expected)
        assert [w.text for w in app.vault.all(Win)] == ["Dinner without phones"]  # not yet
        await pilot.press("y")
        await settle(pilot)
        assert sorted(w.text for w in app.vault.all(Win)) == ["A walk after work",
                                                               "Dinner, phones away"]
        assert "The copy is now in merged/ beside the vault" in told
        assert "Another copy of the vault" not in today(app)
    # Nothing deleted: the copy is in merged/, as it was.
    assert not copy.exists()
    assert (vault_path.parent / "merged" / DROPBOX_NAME).read_bytes() == held
    on_disk = Vault.open(vault_path, SAM_PASS)
    assert sorted(w.text for w in on_disk.all(Win)) == ["A walk after work",
                                                        "Dinner, phones away"]


async def test_not_now_changes_nothing_and_the_copy_is_said_only_once(unlocked_app):
    app, vault_path, _clock = await unlocked_app(seed=seed_a_win)
    copy = copy_with_an_edit(vault_path, "couple.sync-conflict-20260301-140233-ABCDEF7.vault")
    before = vault_path.read_bytes()
    told = Told(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        assert "Syncthing" in str(app.screen.query_one("#confirm-question").render())
        assert app.screen.focused is app.screen.query_one("#confirm-no", Button)
        await pilot.press("enter")  # enter without reading: "Not now"
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert vault_path.read_bytes() == before and copy.exists()
        assert not (vault_path.parent / "merged").exists()
        await pilot.press("ctrl+l")
        await settle(pilot)
        await unlock(pilot)  # typed, as at the keyboard: the copy opens with what was typed
        # Said once, not at every unlock; home still has its line.
        assert len([m for m in told.messages if "left another copy" in m]) == 1
        assert "from Syncthing, is beside it" in today(app)
        await pilot.press("m")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert "A walk after work" in [w.text for w in app.vault.all(Win)]
    assert not copy.exists()
    assert (vault_path.parent / "merged" / copy.name).exists()


async def refused_at_m(app, vault_path: Path, copy: Path, *, typed: bool) -> list[str]:
    """Press m on home: what the app says, checking that nothing changed or moved."""
    before, held = vault_path.read_bytes(), copy.read_bytes()
    told = Told(app)
    async with app.run_test(size=(80, 24)) as pilot:
        if typed:
            await unlock(pilot)
        await settle(pilot)
        await settle(pilot)
        told.clear()
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)  # no question: nothing to bring in
    assert vault_path.read_bytes() == before and copy.read_bytes() == held
    assert not (vault_path.parent / "merged").exists()
    return told.messages


async def test_a_copy_that_does_not_open_with_this_passphrase_changes_nothing(
        locked_app, vault_path):
    app = locked_app(seed=seed_a_win)
    # The other computer's copy, where Sam then changed passphrase (`passwd`).
    copy = vault_path.with_name("couple (conflicted copy 2026-03-03 091502).vault")
    shutil.copyfile(vault_path, copy)
    other = Vault.open(copy, SAM_PASS)
    other.change_passphrase(other.me, "a-new-passphrase-for-sam", kdf=FAST_TEST_KDF)
    other.add(Win(text="Only in the other copy", noticed_by=other.me.id))
    other.lock()
    [said] = await refused_at_m(app, vault_path, copy, typed=True)
    assert "does not open with the passphrase this app was unlocked with" in said
    assert "nothing was changed" in said and "trust-tui merge" in said
    assert said.count(". ") == 0  # one sentence


async def test_no_copy_means_no_line_and_no_word(unlocked_app):
    app, vault_path, _clock = await unlocked_app()
    (vault_path.parent / "couple.vault.sync-conflict-20260301-140233-ABCDEF7.bak").write_bytes(
        vault_path.read_bytes())  # the backup's copy is not the vault's
    told = Told(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await settle(pilot)
        assert not [m for m in told.messages if "copy" in m]
        assert "Another copy" not in today(app)
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_another_vault_under_a_copys_name_is_refused_and_left_alone(unlocked_app):
    """A vault made apart (make_vault, the same passphrases) is no copy of this one:
    the merge's own sentence says what to do, and nothing moves."""
    from conftest import make_vault

    app, vault_path, _clock = await unlocked_app(seed=seed_a_win)
    copy = vault_path.with_name("couple (Alex's conflicted copy 2026-03-02).vault")
    other = make_vault(copy)
    other.add(Win(text="Made apart", noticed_by=other.me.id))
    other.lock()
    [said] = await refused_at_m(app, vault_path, copy, typed=False)
    assert "another vault, not a copy of this one" in said and "export" in said


async def test_a_copy_left_while_the_app_is_open_is_noticed_when_the_vault_changes(
        unlocked_app):
    app, vault_path, _clock = await unlocked_app(seed=seed_a_win)
    told = Told(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Another copy" not in today(app)
        # The service keeps the other computer's save as the vault, this one's beside it.
        copy_with_an_edit(vault_path, "couple.sync-conflict-20260301-140233-ABCDEF7.vault")
        other = Vault.open(vault_path, SAM_PASS)
        other.add(Win(text="From the other computer", noticed_by=other.me.id))
        app.check_disk()
        await settle(pilot)
        await settle(pilot)
        assert len([m for m in told.messages if "Syncthing left another copy" in m]) == 1
        assert "from Syncthing, is beside it" in today(app)
