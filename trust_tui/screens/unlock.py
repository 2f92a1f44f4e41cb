"""Unlock: one passphrase field; either partner's passphrase opens the vault."""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Static

from trust_tui.vault import Vault, VaultError
from trust_tui.vault.errors import WrongPassphrase


class UnlockScreen(Screen):
    """Shows nothing of the content: only a field for a passphrase."""

    def __init__(self, vault_path: Path) -> None:
        super().__init__()
        self.vault_path = vault_path

    def compose(self) -> ComposeResult:
        with Center():
            with Vertical(id="unlock-box"):
                yield Static("trust-tui", id="unlock-title")
                yield Static("Either of you can unlock with your own passphrase.",
                             classes="lead")
                yield Input(placeholder="Passphrase", password=True, id="passphrase")
                yield Label("", id="unlock-message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#passphrase", Input).focus()

    @on(Input.Submitted, "#passphrase")
    def _submit(self, event: Input.Submitted) -> None:
        if not event.value:
            self._say("Type your passphrase, then press Enter.")
            return
        event.input.disabled = True
        self._say("Unlocking...")
        self._unlock(event.value)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _unlock(self, passphrase: str) -> None:
        try:
            vault = Vault.open(self.vault_path, passphrase)
        except VaultError as error:
            self.app.call_from_thread(self._failed, error)
            return
        self.app.call_from_thread(self.app.vault_unlocked, vault)

    def _failed(self, error: VaultError) -> None:
        field = self.query_one("#passphrase", Input)
        field.disabled = False
        if isinstance(error, WrongPassphrase):
            field.value = ""
        field.focus()
        self._say(str(error))

    def _say(self, message: str) -> None:
        self.query_one("#unlock-message", Label).update(message)
