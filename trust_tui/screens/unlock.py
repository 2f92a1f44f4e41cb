"""Unlock: one passphrase field; either partner's passphrase opens the vault."""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Input, Label, Static

from trust_tui.vault.errors import VaultError, WrongPassphrase
from trust_tui.widgets.shell import shell_of


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
                # A plain line, not a Footer: while locked, only these two keys do anything.
                yield Static("Enter unlocks  ·  ctrl+q closes trust-tui", classes="hint")

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
        # Imported here, off the event loop: pydantic, TinyDB and cryptography
        # load while the key is derived, not before the screen first paints.
        from trust_tui.vault import Vault

        try:
            vault = Vault.open(self.vault_path, passphrase)
        except VaultError as error:
            self.app.call_from_thread(self._failed, error)
            return
        self.app.call_from_thread(self._opened, vault)

    async def _opened(self, vault) -> None:
        # This screen may stay under the areas (it can be the app's first screen):
        # keep no passphrase in it.
        self.query_one("#passphrase", Input).value = ""
        self._say("")
        await shell_of(self).vault_unlocked(vault)

    def _failed(self, error: VaultError) -> None:
        field = self.query_one("#passphrase", Input)
        field.disabled = False
        if isinstance(error, WrongPassphrase):
            field.value = ""
        field.focus()
        self._say(str(error))

    def _say(self, message: str) -> None:
        self.query_one("#unlock-message", Label).update(message)
