"""What every top-level area screen shares: the vault, the clock, a reload hook."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.screen import Screen

from trust_tui.widgets.saving import StoreClient
from trust_tui.widgets.shell import Shell, shell_of

if TYPE_CHECKING:
    from trust_tui.domain.clock import Clock
    from trust_tui.vault import Vault


STYLES = Path(__file__).parent.parent / "styles"


def sheet(area: str) -> Path:
    """A screen's stylesheet: loaded when the screen is first shown, not at launch."""
    return STYLES / f"{area}.tcss"


class AreaScreen(StoreClient, Screen):
    """A top-level area (an app mode). Subclasses implement `reload()`.

    `reload()` re-reads what the screen shows from the vault and redraws. It is
    called when the screen is shown (mount and resume) and when another
    trust-tui instance has written to the same vault file.
    """

    @property
    def trust_app(self) -> Shell:
        return shell_of(self)

    @property
    def vault(self) -> "Vault":
        return self.trust_app.vault

    @property
    def clock(self) -> "Clock":
        return self.trust_app.clock

    def reload(self) -> None:
        """Re-read from the vault and redraw."""

    def on_screen_resume(self) -> None:
        if self.trust_app.vault_open:
            self.reload()
