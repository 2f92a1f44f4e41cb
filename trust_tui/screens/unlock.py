"""Unlock: one passphrase field; either partner's passphrase opens the vault."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Static

from trust_tui.widgets.confirm import ConfirmModal
from trust_tui.widgets.passphrase_field import PassphraseField
from trust_tui.widgets.shell import shell_of

if TYPE_CHECKING:  # types only: the vault layer loads in the field's worker
    from trust_tui.vault import Vault
    from trust_tui.vault.seen import Older, SeenGenerations

OLDER_DETAIL = ("If one of you restored it, carry on. If not, a newer copy may still be "
                "somewhere (a backup, a synced folder); locking it again changes nothing.")
# A sync service's copy beside the vault is the likely newer one (the service kept
# the other computer's save under the vault's name): merging brings it back.
OLDER_WITH_COPY = ("Another copy of the vault, from {service}, is beside it and may hold "
                   "the newer saves: carry on, then press m on home to see what bringing "
                   "it in would change. Locking it again changes nothing.")


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

    def _open(self, passphrase: str) -> tuple[Vault, SeenGenerations, Older | None, str]:
        """Runs in the field's worker, off the event loop, handing the opening to the
        app's writer thread (its heap is the one a lock scrubs: `on_the_writer`)."""
        return self.app.on_the_writer(  # type: ignore[attr-defined, no-any-return]
            lambda: self._open_then_scrub(passphrase))

    def _open_then_scrub(self, passphrase: str) -> tuple[Vault, SeenGenerations, Older | None, str]:
        """On the writer: the key derivation's copies of the passphrase are in its
        heap now, not the worker's (whose `let_go_of_this_worker` no longer reaches
        them): overwritten as the opening ends, a wrong try's too."""
        from trust_tui.widgets import forgetting

        try:
            return self._open_here(passphrase)
        finally:
            forgetting.scrub_this_thread()

    def _open_here(self, passphrase: str) -> tuple[Vault, SeenGenerations, Older | None, str]:
        """Pydantic, TinyDB and cryptography load while the key is derived, not before
        the screen first paints. Also compares with the highest generation opened on
        this machine, and when older, gives the detail to show (naming a sync
        service's copy beside it)."""
        from trust_tui.vault import Vault
        from trust_tui.vault.seen import SeenGenerations
        from trust_tui.vault.sync_copies import find_sync_copies
        from trust_tui.widgets.forgetting import keep_large_blocks_apart

        keep_large_blocks_apart()
        vault = Vault.open(self.vault_path, passphrase)
        vault.squeeze_unread()
        seen = SeenGenerations()
        older = vault.watch_generations(seen)
        copies = find_sync_copies(self.vault_path) if older is not None else []
        detail = OLDER_WITH_COPY.format(service=copies[0].service) if copies else OLDER_DETAIL
        return vault, seen, older, detail

    @on(PassphraseField.Accepted)
    async def _opened(self, event: PassphraseField.Accepted) -> None:
        # This screen may stay under the areas (it can be the app's first screen):
        # the field keeps no passphrase (it is cleared as soon as it is read).
        vault, seen, older, detail = event.result
        if older is None:
            await shell_of(self).vault_unlocked(vault)
            return

        async def decided(carry_on: bool | None) -> None:
            if carry_on:
                vault.carry_on(seen)  # the couple decided: this copy is the one now
                await shell_of(self).vault_unlocked(vault)
                return
            vault.lock()
            field = self.query_one(PassphraseField)
            field.entry.disabled = False
            field.focus()
            field.say("It stays locked, and nothing was changed.")

        self.app.push_screen(ConfirmModal(older.sentence(), "Carry on with this copy",
                                          "Lock it again", detail=detail), decided)
