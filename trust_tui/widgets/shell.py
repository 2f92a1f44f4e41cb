"""What screens and widgets need from the app around them, as a Protocol.

Screens reach the app through `self.app`, but never import `trust_tui.app`
(the app imports the screens; the other way round would be a cycle). They
type it with `Shell` instead: `shell_of(self).vault`, `AreaScreen.trust_app`.
`TrustApp` is the one implementation.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # types only: nothing heavy loads before the first paint
    from textual.message_pump import MessagePump

    from trust_tui.domain.clock import Clock
    from trust_tui.vault import Vault
    from trust_tui.widgets.saving import SaveRequest, StoreClient


class Shell(Protocol):
    """The app as screens see it: the open vault, the clock, the save worker."""

    clock: Clock
    # Set by the talk screen while a talk is in progress (the break finds it here).
    current_talk: Any
    # The partner whose keys act here when the other sits at another app on this
    # vault (app_seats.py); None when both sit at this keyboard.
    seated_as: str | None

    @property
    def vault(self) -> Vault:
        """The unlocked vault (raises VaultError once locked)."""

    @property
    def vault_open(self) -> bool: ...

    def request_save(self, request: SaveRequest) -> None:
        """Queue one use case on the app's one writer thread."""

    def keep_words_of(self, keeper: StoreClient) -> None: ...

    def forget_words_of(self, keeper: StoreClient) -> None: ...

    async def vault_unlocked(self, vault: Vault) -> None:
        """Setup and unlock hand the opened vault over with this."""

    def action_go_home(self) -> None: ...

    def action_take_break(self) -> None:
        """The calm screen, for the talk in progress (`current_talk`)."""

    def due_lines(self, mode: str, today: date) -> list[str]:
        """What the area `mode` says is due today (home's "Today" list)."""

    def sync_copy_lines(self) -> list[str]:
        """Home's line about a sync service's other copy beside the vault, if any."""


def shell_of(node: MessagePump) -> Shell:
    """The app `node` runs in, typed as what screens may use of it."""
    return node.app  # type: ignore[return-value]


def seated_among(node: MessagePump, sides: tuple[str, ...]) -> str | None:
    """The partner (one of `sides`) whose keys act at `node`'s app when the other
    sits at another app on this vault (app_seats.py); None when both sit here."""
    me = getattr(node.app, "seated_as", None)
    return me if me is not None and me in sides else None
