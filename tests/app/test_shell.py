"""Pilot tests for the app shell: first-run setup, unlock, lock, idle lock,
saves that fail, and picking up another instance's writes."""

from __future__ import annotations

from pathlib import Path

from conftest import ALEX_PASS, SAM_PASS, Told, every_screen, screen_lines, settle
from textual.widgets import Input, Label, Static

from trust_tui.models import Win
from trust_tui.screens.home import HomeScreen
from trust_tui.screens.setup import SetupScreen
from trust_tui.screens.unlock import UnlockScreen
from trust_tui.vault import Vault
from trust_tui.vault.errors import WriteFailed


def fill_setup(screen, *, left=("Sam", SAM_PASS, SAM_PASS), right=("Alex", ALEX_PASS, ALEX_PASS)):
    for side, (name, passphrase, again) in (("left", left), ("right", right)):
        screen.query_one(f"#name-{side}", Input).value = name
        screen.query_one(f"#pass-{side}", Input).value = passphrase
        screen.query_one(f"#again-{side}", Input).value = again


def screen_text(app) -> str:
    return "\n".join(str(w.render()) for w in app.screen.query(Static))


async def test_first_run_shows_safety_note_and_creates_a_vault(vault_path: Path, fresh_app):
    app = fresh_app
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert "domestic-violence" in screen_text(app)
        # No vault yet: the footer offers no break or lock, which would do nothing.
        painted = "\n".join(screen_lines(app))
        assert "Create our vault" in painted
        assert "Break" not in painted and "Lock" not in painted
        fill_setup(app.screen, right=("Alex", ALEX_PASS, "alex-passphrasX"))
        await pilot.press("ctrl+s")
        await pilot.pause()
        message = app.screen.query_one("#setup-message", Label)
        assert "not the same" in str(message.render())
        await pilot.pause()
        painted = "\n".join(screen_lines(app))
        assert "passphrases are not the same yet" in painted  # in view at 80x24
        assert not vault_path.exists()

        fill_setup(app.screen)
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Sam & Alex  -  welcome" in screen_text(app)
        assert "welcome back" not in screen_text(app)  # nothing to come back to yet
    # Either passphrase opens what setup wrote, and the names are not on disk.
    assert Vault.open(vault_path, ALEX_PASS).me.name == "Alex"
    assert b"Alex" not in vault_path.read_bytes()


async def test_setup_refuses_the_same_passphrase_twice(vault_path: Path, fresh_app):
    app = fresh_app
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        fill_setup(app.screen, right=("Alex", SAM_PASS, SAM_PASS))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "two different passphrases" in str(app.screen.query_one("#setup-message").render())
        # The same passphrase with its accent typed another way is still the same one.
        composed, decomposed = "caf\u00e9-passphrase", "cafe\u0301-passphrase"
        fill_setup(app.screen, left=("Sam", composed, composed),
                   right=("Alex", decomposed, decomposed))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "two different passphrases" in str(app.screen.query_one("#setup-message").render())
        assert not vault_path.exists()


async def test_unlock_wrong_then_right_passphrase(vault_path: Path, locked_app):
    app = locked_app()
    before = vault_path.read_bytes()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen)
        await pilot.press(*"not-the-one", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "does not open" in str(app.screen.query_one("#unlock-message").render())
        assert app.screen.query_one("#passphrase", Input).value == ""
        assert vault_path.read_bytes() == before
        await pilot.press(*ALEX_PASS, "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.vault.me.name == "Alex"
        # The unlock screen stays as the first screen; it keeps no passphrase.
        unlock_screens = [s for s in every_screen(app) if isinstance(s, UnlockScreen)]
        assert all(s.query_one("#passphrase", Input).value == "" for s in unlock_screens)
        assert app.current_theme.name == "trust-calm"


async def test_damaged_file_says_so_without_a_traceback(vault_path: Path, locked_app):
    app = locked_app()
    blob = bytearray(vault_path.read_bytes())
    blob[len(blob) // 2] ^= 0x01
    vault_path.write_bytes(bytes(blob))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*SAM_PASS, "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "damaged" in str(app.screen.query_one("#unlock-message").render())
        assert isinstance(app.screen, UnlockScreen)
        # The whole message is on screen at 80x24, down to what to do about it.
        painted = " ".join(line.strip(" │") for line in screen_lines(app))
        assert "restore-backup" in " ".join(painted.split())
    assert vault_path.read_bytes() == bytes(blob)


async def test_lock_key_clears_everything(unlocked_app):
    app, path, clock = await unlocked_app(seed=lambda v: v.add(Win(text="Breakfast together",
                                                                   noticed_by=v.me.id)))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        vault = app.vault
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen)
        assert not app.vault_open and vault.is_locked
        # Nothing of the content is left in any screen stack.
        assert all(not isinstance(s, HomeScreen) for s in every_screen(app))
        await pilot.press(*SAM_PASS, "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_idle_lock_after_the_set_time(unlocked_app):
    app, path, clock = await unlocked_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        clock.advance(9 * 60)
        await app.check_idle_lock()
        assert app.vault_open
        await pilot.press("down")  # any key counts as activity
        clock.advance(9 * 60)
        await app.check_idle_lock()
        assert app.vault_open
        clock.advance(61)
        await app.check_idle_lock()
        await pilot.pause()
        assert not app.vault_open
        assert isinstance(app.screen, UnlockScreen)


async def test_a_screen_can_hold_off_the_idle_lock(unlocked_app):
    app, path, clock = await unlocked_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.holds_idle_lock = lambda: True
        clock.advance(60 * 60)
        await app.check_idle_lock()
        assert app.vault_open


async def test_failed_save_says_so_and_keeps_the_old_file(unlocked_app, monkeypatch):
    app, path, clock = await unlocked_app()
    told = Told(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        before = path.read_bytes()
        failures = []

        def refuse(*args, **kwargs):
            raise WriteFailed(path, "the disk is full (or the file size limit was reached)")

        monkeypatch.setattr("trust_tui.vault.storage.atomic_write", refuse)
        app.screen.store(lambda v: v.add(Win(text="kept", noticed_by=v.me.id)),
                         failed=failures.append)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert failures and "disk is full" in str(failures[0])
        assert "disk is full" in told
        assert path.read_bytes() == before
        monkeypatch.undo()
        done = []
        app.screen.store(lambda v: v.add(Win(text="kept", noticed_by=v.me.id)), done=done.append)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert done == [None]
    assert [w.text for w in Vault.open(path, SAM_PASS).all(Win)] == ["kept"]


async def test_open_app_picks_up_another_instances_write(unlocked_app):
    reloads = []
    app, path, clock = await unlocked_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.reload = lambda: reloads.append(True)
        other = Vault.open(path, ALEX_PASS)
        other.add(Win(text="From the other terminal", noticed_by=other.me.id))
        app.check_disk()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [w.text for w in app.vault.all(Win)] == ["From the other terminal"]
        assert reloads


async def test_idle_time_is_configurable_in_settings(unlocked_app):
    app, path, clock = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        field = app.screen.query_one("#idle_lock_minutes", Input)
        field.value = "0"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "from 1 to 240" in str(app.screen.query_one("#form-message").render())
        field.value = "2"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert Vault.open(path, SAM_PASS).settings.idle_lock_minutes == 2
        clock.advance(121)
        await app.check_idle_lock()
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen)


async def test_a_crash_shows_no_locals_or_secrets(unlocked_app, capsys):
    import pytest

    app, path, clock = await unlocked_app()

    def boom() -> None:
        passphrase = SAM_PASS  # noqa: F841 - a local a default traceback would print
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            app.call_later(boom)
            await pilot.pause()
    shown = capsys.readouterr()
    assert "unexpected error" in shown.out + shown.err
    assert SAM_PASS not in shown.out + shown.err


async def test_home_says_in_words_when_todays_list_runs_past_the_window(unlocked_app, clock):
    """At 80x24 a long Today list says how much more there is below, not only with a
    scrollbar; scrolled to its end, the line goes."""
    from textual.containers import VerticalScroll
    from textual.widgets import Static

    from trust_tui.models import MiniGoal

    from datetime import timedelta

    def seed(vault):
        yesterday = clock.now().astimezone().date() - timedelta(days=1)
        for n in range(2):
            vault.add(MiniGoal(text=f"A small goal with rather long words, number {n} " * 6,
                               target=7, progress=[yesterday]))

    app, _, _ = await unlocked_app(seed=seed)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        more = app.screen.query_one("#due-more", Static)
        assert more.display and "more lines below" in str(more.content)
        scroll = app.screen.query_one("#due-scroll", VerticalScroll)
        scroll.scroll_end(animate=False)
        await pilot.pause()
        await pilot.pause()
        assert not more.display


async def test_the_palette_finds_keys_as_readme_promises(unlocked_app):
    """ctrl+p, then typing "Keys" and enter shows the list of keys (typed as a user
    would, not by calling the action)."""
    from textual.command import CommandList
    from textual.widgets import HelpPanel

    app, _, _ = await unlocked_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Keys")
        found = app.screen.query_one(CommandList)
        for _ in range(200):  # the palette searches in the background: wait for it
            if found.option_count and "Keys" in str(found.get_option_at_index(0).prompt):
                break
            await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query(HelpPanel)


async def test_a_chosen_theme_is_kept_and_textual_theme_is_honoured(unlocked_app, monkeypatch):
    from trust_tui.app import TrustApp
    from trust_tui.theme import starting_theme

    app, path, clock = await unlocked_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "trust-calm"
        assert "trust-high-contrast" in app.available_themes
        app.theme = "trust-high-contrast"  # as the palette's Theme does
        await settle(pilot)
        await app.workers.wait_for_complete()
        assert app.vault.settings.theme == "trust-high-contrast"
        await pilot.press("ctrl+l")
        await settle(pilot)
        await pilot.press(*SAM_PASS, "enter")
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert app.theme == "trust-high-contrast"  # theirs again after unlocking
    assert starting_theme({"TEXTUAL_THEME": "nord"}) == "nord"
    assert starting_theme({"TEXTUAL_THEME": "no-such-theme"}) == "trust-calm"
    monkeypatch.setenv("TEXTUAL_THEME", "trust-high-contrast")
    assert TrustApp(path, clock=clock).theme == "trust-high-contrast"


async def test_keys_changed_in_another_window_are_said_once(unlocked_app, tmp_path):
    """After a rekey elsewhere this window cannot read on: it says so once, not at
    every look at the disk."""
    from trust_tui.cli import main

    app, path, clock = await unlocked_app()
    told = Told(app)
    for name, words in (("sam", SAM_PASS), ("alex", ALEX_PASS)):
        (tmp_path / name).write_text(words)
        (tmp_path / name).chmod(0o600)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert main(["rekey", "--vault", str(path), "--passphrase-file", str(tmp_path / "sam"),
                     "--passphrase-file", str(tmp_path / "alex")]) == 0
        for _ in range(3):
            app.check_disk()
            await app.workers.wait_for_complete()
            await pilot.pause()
        said = [m for m in told.messages if "keys were changed" in m.lower()]
        assert len(said) == 1
