"""The one passphrase field, where the unlock screen, the safety check and the
passphrase prompt all ask: cleared as soon as it is read, kind about an empty or
failed entry, and nothing opened is kept once the asker has gone."""

from __future__ import annotations

import threading

from conftest import ALEX_PASS, SAM_PASS, settle
from textual.widgets import Input, Static

from trust_tui.screens.home import HomeScreen
from trust_tui.screens.journal import PrivateKeyModal
from trust_tui.screens.safety import NeutralScreen, SoloSafetyScreen
from trust_tui.screens.unlock import UnlockScreen
from trust_tui.vault import Vault
from trust_tui.widgets.passphrase_field import PassphraseField
from trust_tui.widgets.passphrase_prompt import PassphraseModal, TryAgain


def said(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def until(pilot, condition) -> None:
    """A worker whose asker has gone is no longer waited for: poll for its end."""
    for _ in range(100):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("it never happened")


def held_until(gate: threading.Event, check):
    """`check`, waiting for `gate` first: the slow key derivation, slower."""
    def slow(*args):
        assert gate.wait(10)
        return check(*args)
    return slow


async def test_unlock_clears_the_field_at_once_and_says_what_it_is_doing(locked_app, monkeypatch):
    app = locked_app()
    gate = threading.Event()
    monkeypatch.setattr(Vault, "open", staticmethod(held_until(gate, Vault.open)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        field = screen.query_one("#passphrase", Input)
        await pilot.press("enter")
        assert said(screen, "#unlock-message") == "Type your passphrase, then press Enter."
        await pilot.press(*SAM_PASS, "enter")
        await pilot.pause()
        assert field.value == "" and field.disabled  # cleared before the check has run
        assert said(screen, "#unlock-message") == "Unlocking..."
        gate.set()
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen) and app.vault.me.name == "Sam"
        assert isinstance(screen, UnlockScreen) and said(screen, "#unlock-message") == ""


async def test_an_unexpected_failure_names_no_passphrase_and_asks_again(locked_app, monkeypatch):
    app = locked_app()

    def broken(path, passphrase):
        raise RuntimeError(f"leaky {passphrase}")
    monkeypatch.setattr(Vault, "open", staticmethod(broken))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*SAM_PASS, "enter")
        await settle(pilot)
        message = said(app.screen, "#unlock-message")
        assert message == "That did not work (RuntimeError). Please try again."
        field = app.screen.query_one("#passphrase", Input)
        assert not field.disabled and field.has_focus and field.value == ""


async def test_a_safety_check_hidden_while_the_passphrase_is_checked_keeps_no_key(
        unlocked_app, monkeypatch):
    app, _, _ = await unlocked_app()
    gate = threading.Event()
    vault = app.vault
    monkeypatch.setattr(vault, "unlock_private", held_until(gate, vault.unlock_private))
    alex = vault.partner_named("Alex")
    forgotten: list[str] = []
    forget = vault.forget_private
    monkeypatch.setattr(vault, "forget_private", lambda pid: (forgotten.append(pid), forget(pid)))
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(SoloSafetyScreen())
        await pilot.pause()
        await pilot.press("enter")
        assert said(app.screen, "#safety-message") == "Type your own passphrase, then press Enter."
        await pilot.press(*ALEX_PASS, "enter")
        await pilot.pause()
        assert said(app.screen, "#safety-message") == "Checking..."
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, NeutralScreen)
        gate.set()
        await until(pilot, lambda: alex.id in forgotten)
        assert isinstance(app.screen, NeutralScreen)
        assert not vault.can_read_private(alex.id)


async def test_the_prompt_says_so_when_nothing_is_typed_and_lets_go_what_opens_after_escape(
        unlocked_app):
    app, _, _ = await unlocked_app()
    gate = threading.Event()
    results: list[object] = []
    released: list[object] = []
    refused: list[str] = []

    class Prompt(PassphraseModal[str]):
        def on_passphrase_field_refused(self, event: PassphraseField.Refused) -> None:
            refused.append(event.sentence)

    def check(passphrase: str) -> str:
        if passphrase != SAM_PASS:
            raise TryAgain("Not that one.")
        assert gate.wait(10)
        return "opened"

    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(Prompt(check, title="Yours", release=released.append), results.append)
        await pilot.pause()
        modal = app.screen
        await pilot.press("ctrl+s")
        assert said(modal, "#form-message") == "Type your passphrase, then press Enter."
        await pilot.press(*"nope", "enter")
        await settle(pilot)
        assert said(modal, "#form-message") == "Not that one." and refused == ["Not that one."]
        await pilot.press(*SAM_PASS, "enter")
        await pilot.pause()
        assert said(modal, "#form-message") == "Opening..."
        await pilot.press("escape")  # changed their mind while it was checked
        await pilot.pause()
        assert results == [None] and app.screen is not modal
        gate.set()
        await until(pilot, lambda: released)
        assert results == [None] and released == ["opened"]


async def test_private_entries_opened_after_escape_are_not_left_open(unlocked_app, monkeypatch):
    app, _, _ = await unlocked_app()
    gate = threading.Event()
    vault = app.vault
    monkeypatch.setattr(vault, "unlock_private", held_until(gate, vault.unlock_private))
    alex = vault.partner_named("Alex")
    forgotten: list[str] = []
    forget = vault.forget_private
    monkeypatch.setattr(vault, "forget_private", lambda pid: (forgotten.append(pid), forget(pid)))
    results: list[object] = []
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(PrivateKeyModal(), results.append)
        await pilot.pause()
        await pilot.press(*ALEX_PASS, "enter", "escape")
        await pilot.pause()
        assert results == [None]
        gate.set()
        await until(pilot, lambda: alex.id in forgotten)
        assert not vault.can_read_private(alex.id)
