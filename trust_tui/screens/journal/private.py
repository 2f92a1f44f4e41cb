"""Opening a partner's private entries here: their own passphrase, checked in a worker."""

from __future__ import annotations

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
