"""Unlock: one passphrase field; either partner's passphrase opens the vault."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Static

from trust_tui.widgets.passphrase_field import PassphraseField
from trust_tui.widgets.shell import shell_of

if TYPE_CHECKING:  # types only: the vault layer loads in the field's worker
    from trust_tui.vault import Vault


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
                # The vault's own sentence when it does not open (a wrong passphrase,
                # a damaged file and what to do about it), never the passphrase.
                yield PassphraseField(self._open, busy="Unlocking...", wrong=None,
                                      placeholder="Passphrase", message_id="unlock-message")
                # A plain line, not a Footer: while locked, only these two keys do anything.
                yield Static("Enter unlocks  ·  ctrl+q closes trust-tui", classes="hint")

    def on_mount(self) -> None:
        self.query_one(PassphraseField).focus()

    def _open(self, passphrase: str) -> Vault:
        """Runs in the field's worker, off the event loop: pydantic, TinyDB and
        cryptography load while the key is derived, not before the screen first paints."""
        from trust_tui.vault import Vault

        return Vault.open(self.vault_path, passphrase)

    @on(PassphraseField.Accepted)
    async def _opened(self, event: PassphraseField.Accepted) -> None:
        # This screen may stay under the areas (it can be the app's first screen):
        # the field keeps no passphrase (it is cleared as soon as it is read).
        await shell_of(self).vault_unlocked(event.result)
