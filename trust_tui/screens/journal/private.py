"""Opening a partner's private entries here: their own passphrase, checked in a worker."""

from __future__ import annotations

from typing import Any

from textual.content import Content

from trust_tui.models import Partner
from trust_tui.screens.base import sheet
from trust_tui.widgets.passphrase_prompt import PassphraseModal, TryAgain
from trust_tui.widgets.shell import shell_of

WRONG = "That passphrase did not open a private key here. Please try again."
LEAD = ("Type your own passphrase to read and write your private entries here. "
        "They close again when you leave the journal, or press p.")


class PrivateKeyModal(PassphraseModal[str]):
    """A partner types their own passphrase to open their private entries while
    the journal is open. `partner` None: whichever of you types theirs. Returns
    the partner id (None: they changed their mind)."""

    CSS_PATH = sheet("journal")

    def __init__(self, partner: Partner | None = None) -> None:
        title = (Content("Your private entries") if partner is None else
                 Content.assemble(Content(partner.name), ", your private entries"))
        super().__init__(self._open, title=title, lead=LEAD, wrong=WRONG,
                         field_id="private-passphrase", box_classes="private-key",
                         release=self._let_go)
        self.partner = partner

    def _open(self, passphrase: str) -> str:
        """Runs in the prompt's worker."""
        opened = self.app.vault.unlock_private(passphrase)  # type: ignore[attr-defined]
        if self.partner is not None and opened.id != self.partner.id:
            raise TryAgain(f"That is {opened.name}'s passphrase; this needs "
                           f"{self.partner.name}'s.")
        return str(opened.id)

    def _let_go(self, partner_id: str) -> None:
        """Opened after they changed their mind (escape): the key is not kept."""
        shell = shell_of(self)
        if shell.vault_open:
            shell.vault.forget_private(partner_id)


class PrivateKeysHere:
    """JournalScreen's private keys (a part of it): p opens a partner's private
    entries here with their passphrase, and closes them; leaving the journal closes
    them too, and forgets every key but the unlocking partner's."""

    _shown: set[str]
    vault: Any

    def on_screen_suspend(self) -> None:
        # A modal over the journal keeps the keys; leaving the journal puts them away,
        # so the other partner's private entries never stay open behind their back.
        self.call_after_refresh(self._put_keys_away_if_left)

    def _put_keys_away_if_left(self) -> None:
        if not self.trust_app.vault_open or self in self.app.screen_stack:
            return
        opened = self._put_keys_away()
        if opened:
            names = " and ".join(p.name for p in opened)
            self.app.notify(f"{names}'s private entries were closed again as the journal "
                            "was left.", timeout=4, markup=False)

    def _put_keys_away(self) -> list[Partner]:
        """Close every private entry shown here; forget the keys of partners other
        than the one who unlocked. Returns whose entries were open."""
        vault = self.vault
        opened = [p for p in vault.partners if self.reads_private(p.id)]
        self._shown.clear()
        for partner in vault.partners:
            if partner.id != vault.me.id and vault.can_read_private(partner.id):
                vault.forget_private(partner.id)
        return opened

    def action_private_key(self) -> None:
        opened = self._put_keys_away()
        if opened:
            names = " and ".join(p.name for p in opened)
            self.notify(f"{names}'s private entries are closed again.", markup=False)
            self.reload()
            return

        def done(partner_id: str | None) -> None:
            if partner_id is not None:
                self._shown.add(partner_id)
                self.notify(f"{self.vault.name_of(partner_id)}'s private entries are open "
                            "here until you leave the journal. p closes them.", markup=False)
                self.reload()

        self.app.push_screen(PrivateKeyModal(), done)
