"""What every top-level area screen shares: the vault, the clock, a reload hook."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from textual.screen import ModalScreen, Screen

from trust_tui.domain.clock import local_day
from trust_tui.store import StoreCall
from trust_tui.widgets.saving import SaveRequest, StoreClient
from trust_tui.widgets.shell import Shell, shell_of

if TYPE_CHECKING:
    from trust_tui.domain.clock import Clock
    from trust_tui.vault import Vault

R = TypeVar("R")

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

    def today(self) -> date:
        """The couple's day, on this machine's calendar."""
        return local_day(self.clock.now())

    def reload(self) -> None:
        """Re-read from the vault and redraw."""

    def on_screen_resume(self) -> None:
        if self.trust_app.vault_open:
            self.reload()


def reload_areas(app: Shell) -> None:
    """Redraw every area screen open (a change saved from a form over one of them)."""
    for screen in app.screen_stack:
        if isinstance(screen, AreaScreen):
            screen.reload()


def ask_then_save(app: Shell, form: Callable[[R | None], "ModalScreen[R | None]"],
                  call_of: Callable[[R], StoreCall], saved_message: Callable[[R], str]) -> None:
    """Open `form(None)`; save what it returns with `call_of(result)` through the app's
    save worker, then redraw the areas. A save that fails opens `form(result)`
    again, so the words are back in it (the app has said why in one sentence)."""
    def answered(result: R | None) -> None:
        if result is None:
            return

        def again(_error: Exception) -> None:
            if app.vault_open:  # a lock meanwhile: the form would have no vault to show
                app.push_screen(form(result), answered)

        app.request_save(SaveRequest(call_of(result), None, done=lambda _r: reload_areas(app),
                                     failed=again, saved_message=saved_message(result)))

    app.push_screen(form(None), answered)
